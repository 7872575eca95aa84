import GroundworkCore

/// A group exercise as a conversation: every line is the room's (answers and facilitator
/// commands alike go to the group engine, with the clock's time); the timer ticks while waiting.
public final class GroupConversation: Conversation {
    private let engine: GroupEngine
    private let clock: any GroupClock
    private let persist: (GroupResult) throws -> Void
    private let newcomer: (String) throws -> Participant?
    private let holding: (() throws -> Void) throws -> Void
    private var opening: GroupResult?
    /// The result not yet saved: `save` writes it (with the participants it touched).
    private var pending: GroupResult?
    public private(set) var state: GroupState

    /// `persist` saves a result before it is shown (a failure stops the run: nothing is lost
    /// silently); `newcomer` looks up what is known about someone `/add` brings in, or throws to
    /// refuse them (their data is in use elsewhere), which is shown and changes nothing.
    /// `holdingSignals` wraps every turn after a line is read (the store's `WriteGuard.holding`).
    public init(engine: GroupEngine, clock: any GroupClock, opening: GroupResult,
                persist: @escaping (GroupResult) throws -> Void,
                newcomer: @escaping (String) throws -> Participant? = { _ in nil },
                holdingSignals: @escaping (() throws -> Void) throws -> Void = { try $0() }) {
        self.engine = engine
        self.clock = clock
        self.opening = opening
        self.state = opening.state
        self.persist = persist
        self.newcomer = newcomer
        self.holding = holdingSignals
    }

    public func open() throws -> Turn {
        guard let opening else { return Turn() }
        self.opening = nil
        return apply(opening)
    }

    public var promptLabel: String? { engine.currentTurn(state, now: clock.now())?.line ?? "facilitator" }
    public var secret: Bool { engine.currentTurn(state, now: clock.now())?.isPrivate ?? false }
    /// The group engine reads its own commands (/next, /add NAME, /end …).
    public var takesSlashCommands: Bool { false }

    public func take(_ line: String) throws -> Turn {
        var joining: Participant?
        let words = line.split(separator: " ")
        if words.first?.lowercased() == "/add", words.count == 2 {
            do {
                joining = try newcomer(String(words[1]))
            } catch {
                return Turn([.group(.invalid("cannot add '\(words[1])': \(error)"))])
            }
        }
        return apply(engine.step(state, line, now: clock.now(), newcomer: joining))
    }

    public func tick() -> Turn {
        guard state.status == .active else { return Turn() }
        let ticked = engine.tick(state, now: clock.now())
        return ticked.events.isEmpty ? Turn() : apply(ticked)
    }

    public func save(_ shown: [Shown]) throws {
        try persist(pending ?? GroupResult(state: state, events: []))
        pending = nil
    }

    public var leaving: [Shown] { [.group(.notice("Saved. 'groundwork group --resume' picks up here."))] }

    public func holdingSignals(_ turn: () throws -> Void) throws {
        try holding(turn)
    }

    private func apply(_ result: GroupResult) -> Turn {
        state = result.state
        pending = result
        return Turn(result.events.map(Shown.group), saves: true, outcome: state.status == .active ? .goOn : .ended)
    }
}
