import GroundworkCore

/// Runs a group in one shared terminal (or through a pipe): reads the room's lines, hands them to
/// the engine with the clock's time, saves after every turn and shows what the engine says.
public final class GroupRunner {
    private let engine: GroupEngine
    private let clock: any GroupClock
    private let input: any GroupInput
    private let renderer: GroupRenderer
    private let persist: (GroupResult) throws -> Void
    private let newcomer: (String) throws -> Participant?
    /// Runs one turn (save, then show) with the signals that would end the process held.
    private let holdingSignals: (() throws -> Void) throws -> Void

    /// `persist` saves a result before it is shown (a failure stops the run: nothing is lost
    /// silently); `newcomer` looks up what is known about someone `/add` brings in, or throws to
    /// refuse them (their data is in use elsewhere), which is shown and changes nothing.
    /// `holdingSignals` wraps every turn after a line is read (the store's `WriteGuard.holding`).
    public init(engine: GroupEngine, clock: any GroupClock, input: any GroupInput, renderer: GroupRenderer,
                persist: @escaping (GroupResult) throws -> Void, newcomer: @escaping (String) throws -> Participant? = { _ in nil },
                holdingSignals: @escaping (() throws -> Void) throws -> Void = { try $0() }) {
        self.holdingSignals = holdingSignals
        self.engine = engine
        self.clock = clock
        self.input = input
        self.renderer = renderer
        self.persist = persist
        self.newcomer = newcomer
    }

    /// Shows `opening` (a start or a resume), then runs until the exercise ends or input runs out.
    /// Returns the last state.
    public func run(from opening: GroupResult) throws -> GroupState {
        var state = opening.state
        try holdingSignals {
            try persist(opening)
            renderer.show(opening.events)
        }
        while state.status == .active {
            let ticked = engine.tick(state, now: clock.now())
            if !ticked.events.isEmpty {
                state = ticked.state
                try holdingSignals {
                    try persist(ticked)
                    renderer.show(ticked.events)
                }
            }
            let secret = engine.currentTurn(state, now: clock.now())?.isPrivate ?? false
            var failure: (any Error)?
            let read = input.readLine(
                prompt: { (engine.currentTurn(state, now: clock.now())?.line ?? "facilitator") + "> " },
                secret: secret,
                idle: {
                    let ticked = engine.tick(state, now: clock.now())
                    guard !ticked.events.isEmpty else { return nil }
                    state = ticked.state
                    do { try persist(ticked) } catch { failure = error }
                    let text = renderer.text(ticked.events)
                    return text.isEmpty ? nil : text
                })
            if let failure { throw failure }
            switch read {
            case .endOfInput:
                renderer.notice("Saved. 'groundwork group --resume' picks up here.")
                return state
            case .tooLong(let bytes):
                renderer.notice(InputLimits.tooLongMessage(bytes: bytes))
            case .line(let line):
                var joining: Participant?
                let words = line.split(separator: " ")
                if words.first?.lowercased() == "/add", words.count == 2 {
                    do {
                        joining = try newcomer(String(words[1]))
                    } catch {
                        renderer.show([.invalid("cannot add '\(words[1])': \(error)")])
                        continue
                    }
                }
                try holdingSignals {
                    let result = engine.step(state, line, now: clock.now(), newcomer: joining)
                    state = result.state
                    try persist(result)
                    renderer.show(result.events)
                }
            }
        }
        return state
    }
}
