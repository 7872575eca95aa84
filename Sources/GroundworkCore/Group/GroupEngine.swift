/// Runs a group exercise: a deterministic step function over `GroupState`.
///
/// Every call is handed the time (seconds on the caller's clock), so timers need no real waiting
/// in tests; given the same exercise, state, line and time it returns the same state and events.
public struct GroupEngine: Sendable {
    public let exercise: GroupExercise
    /// For the safety net and prompt templates.
    public let library: ScriptLibrary
    /// The facilitator's country, for the crisis lines in the safety note (`--country`).
    public let country: String?

    public init(exercise: GroupExercise, library: ScriptLibrary, country: String? = nil) {
        self.exercise = exercise
        self.library = library
        self.country = country
    }

    /// Starts the exercise for `participants` (with any facts known about them) and runs to the first turn.
    public func start(participants: [Participant], facilitator: String?, anonymous: Bool? = nil, seed: UInt64,
                      now: Double) throws(GroupError) -> GroupResult {
        var seen: Set<String> = []
        for participant in participants {
            if let problem = NameRule.problem(with: participant.name) { throw .badName(participant.name, problem) }
            guard seen.insert(participant.name.lowercased()).inserted else { throw .duplicate(participant.name) }
        }
        guard participants.count >= exercise.minParticipants, participants.count <= exercise.maxParticipants else {
            throw .participantCount(exercise.id, participants.count, exercise.minParticipants, exercise.maxParticipants)
        }
        if let facilitator, let problem = NameRule.problem(with: facilitator) { throw .badName(facilitator, problem) }
        let state = GroupState(exerciseID: exercise.id, exerciseHash: exercise.contentHash, seed: seed,
                               anonymous: anonymous ?? exercise.anonymous, facilitator: facilitator,
                               participants: participants, startedAt: now)
        var run = GroupInterpreter(engine: self, state: state, now: now)
        run.begin()
        return run.result
    }

    /// Applies one typed line: a facilitator command (`/next`…) or the answer of whoever's turn it is.
    /// `newcomer` holds the facts of a participant `/add` brings in, which the caller looked up.
    public func step(_ state: GroupState, _ line: String, now: Double, newcomer: Participant? = nil) -> GroupResult {
        var run = GroupInterpreter(engine: self, state: state, now: now)
        run.apply(line, newcomer: newcomer)
        return run.result
    }

    /// Lets time pass: rings the bell once when the current step's time runs out.
    public func tick(_ state: GroupState, now: Double) -> GroupResult {
        var run = GroupInterpreter(engine: self, state: state, now: now)
        run.tick()
        return run.result
    }

    /// The events that show where the group stands (the step and whose turn), for resuming.
    public func resume(_ state: GroupState, now: Double) -> GroupResult {
        var run = GroupInterpreter(engine: self, state: state, now: now)
        run.showWhereWeAre()
        return run.result
    }

    /// The prompt for the current turn at `now` (for a live countdown); nil when the exercise has ended.
    public func currentTurn(_ state: GroupState, now: Double) -> GroupTurn? {
        GroupInterpreter(engine: self, state: state, now: now).currentTurn()
    }

    /// Takes an answer from participant `name`'s own device in a hosted room, out of turn: the
    /// result's events are for the shared screen, the reply for that participant only.
    public func answer(_ state: GroupState, from name: String, _ line: String, now: Double) -> (result: GroupResult, reply: GroupReply) {
        var run = GroupInterpreter(engine: self, state: state, now: now)
        let reply = run.answer(from: name, line)
        return (run.result, reply)
    }

    /// What participant `name`'s screen in a hosted room shows at `now` (nil: the shared screen's).
    public func view(_ state: GroupState, for name: String?, now: Double) -> GroupView {
        GroupInterpreter(engine: self, state: state, now: now).view(for: name)
    }

    /// The views of several screens at `now`, rendering the step's text once.
    public func views(_ state: GroupState, for names: [String?], now: Double) -> [GroupView] {
        GroupInterpreter(engine: self, state: state, now: now).views(for: names)
    }

    /// The Markdown summary of the group's output, anonymised when the group is anonymous.
    public func summary(_ state: GroupState) -> String {
        GroupSummary(exercise: exercise, state: state, library: library).markdown()
    }
}

/// The result of starting or stepping a group.
public struct GroupResult: Sendable {
    public var state: GroupState
    public var events: [GroupEvent]
    /// Participants whose own record changed and must be saved with the group file.
    public var touched: Set<String>

    public init(state: GroupState, events: [GroupEvent], touched: Set<String> = []) {
        self.state = state
        self.events = events
        self.touched = touched
    }
}

/// Why a group could not start.
public enum GroupError: Error, Sendable, Hashable, CustomStringConvertible {
    case badName(String, String)
    case duplicate(String)
    case participantCount(String, Int, Int, Int)

    public var description: String {
        switch self {
        case .badName(let name, let problem): return "bad participant name '\(name)': \(problem)"
        case .duplicate(let name): return "participant '\(name)' is named twice"
        case .participantCount(let id, let count, let min, let max):
            return "'\(id)' is for \(min) to \(max) participants, not \(count)"
        }
    }
}
