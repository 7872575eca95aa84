import GroundworkCore

/// Keeps a session on disk; called in every turn, before the turn's events are shown, so nothing
/// shown as taken can be lost.
public protocol SessionPersistence: AnyObject {
    /// Writes `state`; `events` are what this turn shows once the save returns, for the transcript.
    func save(_ state: SessionState, _ events: [Event]) throws

    /// Runs one turn (engine step, save, render) with the signals that would end the process
    /// (SIGTERM, SIGHUP) held until it returns, so the process never stops between saving an answer
    /// and showing that it was taken. The runners call it around everything after a line is read.
    func holdingSignals<T>(_ turn: () throws -> T) rethrows -> T
}

extension SessionPersistence {
    /// Holds nothing: a persistence that writes no file has no save to protect.
    public func holdingSignals<T>(_ turn: () throws -> T) rethrows -> T {
        try turn()
    }
}

/// Keeps nothing (`journal --no-save`) but the last status and a count, for tests and callers.
/// Holding the state itself would make the runner's next append copy the whole session.
public final class DiscardingPersistence: SessionPersistence {
    public private(set) var lastStatus: SessionState.Status?
    public private(set) var saves = 0

    public init() {}

    public func save(_ state: SessionState, _ events: [Event]) throws {
        lastStatus = state.status
        saves += 1
    }
}
