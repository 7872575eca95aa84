import GroundworkCore

/// Keeps a session on disk; called after every turn so a crash loses nothing.
public protocol SessionPersistence: AnyObject {
    /// Writes `state`; `events` are what this turn showed, for the session's transcript.
    func save(_ state: SessionState, _ events: [Event]) throws
}

/// Keeps nothing (`journal --no-save`), but remembers the last state for tests and callers.
public final class DiscardingPersistence: SessionPersistence {
    public private(set) var lastState: SessionState?
    public private(set) var saves = 0

    public init() {}

    public func save(_ state: SessionState, _ events: [Event]) throws {
        lastState = state
        saves += 1
    }
}
