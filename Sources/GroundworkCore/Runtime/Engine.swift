/// The flow interpreter: a deterministic step function over `SessionState`.
///
/// Given the same library, state, input and seed it returns the same state and events, so a
/// session can be rebuilt from its seed and inputs (`replay`), which is also how `back` works.
public struct Engine: Sendable {
    public let library: ScriptLibrary
    /// Questions ahead of every node, for progress that does not grow (`QuestionCount`).
    let questionCount: QuestionCount

    /// Most nodes one step may run without stopping at a question.
    public static let maxNodesPerStep = 1_000
    /// Deepest nesting of `call` nodes.
    public static let maxCallDepth = 16

    public init(library: ScriptLibrary) {
        self.library = library
        self.questionCount = QuestionCount(library: library)
    }

    /// Starts `flowID`: runs up to the first question (or the end) and returns the state and events.
    public func start(flow flowID: String, seed: UInt64, variables: [String: Value] = [:]) throws(EngineError) -> Step {
        guard let flow = library.flows[flowID] else { throw EngineError.unknownFlow(flowID) }
        var state = SessionState(flowID: flowID, flowHash: flow.contentHash, seed: seed)
        for declaration in flow.variables { state.variables[declaration.name] = declaration.defaultValue }
        for (name, value) in variables { state.variables[name] = value }
        state.startVariables = variables
        var run = Interpreter(engine: self, state: state)
        run.run(from: flow.start)
        if let failure = run.failure, case .engine(let error) = failure { throw error }
        return run.finish()
    }

    /// Applies one input to a waiting session and runs up to the next question or the end.
    ///
    /// A script fault met on the way (a loop that never asks, calls nested too deeply) does not
    /// throw: the session is marked abandoned and a notice names the node.
    ///
    /// Callers stop reading input at `.end`. After the safety net's "pause" the events end with
    /// `.end` while the status stays `.active`: keep the session and show `resume(_:)` later.
    public func step(_ state: consuming SessionState, _ input: Input) -> Step {
        var run = Interpreter(engine: self, state: consume state)
        run.apply(input)
        return run.finish()
    }

    /// Undoes the last accepted answer by replaying the session's inputs without it (and without
    /// the invalid inputs that followed it) from the seed.
    public func back(_ state: SessionState) -> Step {
        guard let first = try? start(flow: state.flowID, seed: state.seed, variables: state.startVariables) else {
            return Step(state: state, events: [.notice("This session's flow is no longer available, so it can't go back.")])
        }
        var current = first.state
        var lastMove: Int?
        for (index, input) in state.inputs.enumerated() {
            let before = current
            current = step(current, input).state
            // A move: a question behind us, a waiting reflection or the follow-up answered or passed, or the end.
            if current.questionsDone > before.questionsDone || (before.waitingReflection != nil && current.waitingReflection == nil)
                || (before.followUp?.waiting == true && current.followUp?.waiting != true)
                || (current.status == .completed && before.status != .completed) {
                lastMove = index
            }
        }
        guard let cut = lastMove else {
            var events: [Event] = [.notice("There is no answer to go back to.")]
            events.append(contentsOf: resume(state).events)
            return Step(state: state, events: events)
        }
        var rebuilt = first.state
        for input in state.inputs[..<cut] { rebuilt = step(rebuilt, input).state }
        // The record that the safety net fired is never undone.
        rebuilt.safety.events = state.safety.events
        rebuilt.explanation = "/back: replayed \(cut) of \(state.inputs.count) inputs from seed \(state.seed), dropping input \(cut + 1) and what followed it"
        var events: [Event] = [.notice("Went back one answer.")]
        events.append(contentsOf: resume(rebuilt).events)
        return Step(state: rebuilt, events: events)
    }

    /// The events that show where a waiting session stands (its question, or the safety choice),
    /// for resuming it or after `/back`. Changes nothing.
    public func resume(_ state: SessionState) -> Step {
        var run = Interpreter(engine: self, state: state)
        run.showCurrent()
        return Step(state: state, events: run.events)
    }

    /// The question the session waits at, as shown (for completion of its options); nil when none.
    public func currentPrompt(_ state: SessionState) -> Prompt? {
        Interpreter(engine: self, state: state).currentPrompt()
    }

    /// The current question's `help:` text, rendered, for `/help`; nil when it has none.
    public func help(_ state: SessionState) -> String? {
        Interpreter(engine: self, state: state).currentHelp()
    }

    /// Rebuilds a session from its seed and inputs: the same state, byte for byte, and every event.
    public func replay(flow flowID: String, seed: UInt64, variables: [String: Value] = [:], inputs: [Input]) throws(EngineError) -> Step {
        let first = try start(flow: flowID, seed: seed, variables: variables)
        var state = first.state
        var events = first.events
        for input in inputs {
            let next = step(state, input)
            state = next.state
            events.append(contentsOf: next.events)
        }
        return Step(state: state, events: events)
    }
}

/// The result of starting or stepping a session.
public struct Step: Sendable {
    public var state: SessionState
    public var events: [Event]

    public init(state: SessionState, events: [Event]) {
        self.state = state
        self.events = events
    }
}

/// Why the engine could not start or continue a session.
public enum EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownFlow(String)
    /// A node ran too many steps without asking anything (a loop consuming no input).
    case runaway(flow: String, node: String)
    case callTooDeep(flow: String, node: String)

    public var description: String {
        switch self {
        case .unknownFlow(let id): return "no flow named '\(id)'; 'groundwork flows' lists them"
        case .runaway(let flow, let node): return "flow '\(flow)' ran too many steps at node '\(node)' without asking anything"
        case .callTooDeep(let flow, let node): return "flow '\(flow)' nests calls too deeply at node '\(node)'"
        }
    }
}
