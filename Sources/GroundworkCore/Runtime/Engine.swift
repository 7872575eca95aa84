/// The flow interpreter: a deterministic step function over `SessionState`.
///
/// PLACEHOLDER API — the interpreter work replaces the body; keep these signatures.
public struct Engine: Sendable {
    public let library: ScriptLibrary

    public init(library: ScriptLibrary) {
        self.library = library
    }

    /// Starts `flowID`: runs up to the first question (or the end) and returns the state and events.
    public func start(flow flowID: String, seed: UInt64, variables: [String: Value] = [:]) throws(EngineError) -> Step {
        throw EngineError.unknownFlow(flowID)
    }

    /// Applies one input to a waiting session and runs up to the next question or the end.
    public func step(_ state: SessionState, _ input: Input) -> Step {
        Step(state: state, events: [])
    }

    /// Undoes the last accepted answer by replaying the session's inputs without it.
    public func back(_ state: SessionState) -> Step {
        Step(state: state, events: [])
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
