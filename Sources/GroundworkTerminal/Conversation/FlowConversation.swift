import GroundworkCore

/// A flow session as a conversation: each line is an `Engine.step`; `/back`, `/skip`, `/done`,
/// `/summary`, `/why` and `/help` are the engine's too.
public final class FlowConversation: Conversation {
    private let engine: Engine
    private let persistence: SessionPersistence
    /// Show asides such as "saved" (terminal); silent through pipes so output equals transcripts.
    private let interactive: Bool
    public private(set) var state: SessionState
    public private(set) var currentPrompt: Prompt?
    private var opening: [Event]

    public init(engine: Engine, start: Step, persistence: SessionPersistence, interactive: Bool) {
        self.engine = engine
        self.persistence = persistence
        self.interactive = interactive
        self.state = start.state
        self.opening = start.events
    }

    /// Whether the flow reached its end (`.end` with the session still active is the safety net's
    /// pause: kept, resumable).
    public var isCompleted: Bool { state.status == .completed }

    public func open() throws -> Turn {
        defer { opening = [] }
        return apply(Step(state: state, events: opening))
    }

    public func take(_ line: String) throws -> Turn {
        apply(engine.step(handOver(), .line(line)))
    }

    public func command(_ command: SlashCommand) throws -> Turn {
        switch command {
        case .help:
            // The script's own help for this question (`help:`), then the commands.
            let scripted = engine.help(state).map { $0 + "\n" } ?? ""
            return Turn([.message(scripted + Self.helpText(for: currentPrompt))])
        case .back: return apply(engine.back(state))
        case .skip: return apply(engine.step(handOver(), .skip))
        case .done: return apply(engine.step(handOver(), .finish))
        case .summary: return Turn([.message(Self.summaryText(of: state, engine: engine))])
        case .why: return Turn([.message(Self.whyText(of: state))])
        case .whyDetail: return Turn([.message(state.explanation ?? "(nothing to explain yet)")])
        case .quit, .save, .unknown: return Turn()
        }
    }

    public func save(_ shown: [Shown]) throws {
        try persistence.save(state, shown.events)
    }

    public var leaving: [Shown] {
        interactive ? [.notice("saved; 'groundwork resume' continues where you left off")] : []
    }

    public func holdingSignals(_ turn: () throws -> Void) throws {
        try persistence.holdingSignals(turn)
    }

    /// The state, handed to the engine without a second reference left here, so the step appends
    /// to the session's lists in place instead of copying them (a turn's cost stays flat as the
    /// session grows). `apply` puts the step's state back.
    private func handOver() -> SessionState {
        let current = state
        state = SessionState(flowID: current.flowID, flowHash: "", seed: 0)
        return current
    }

    private func apply(_ step: Step) -> Turn {
        state = step.state
        for case .ask(let prompt) in step.events { currentPrompt = prompt }
        let ended = step.events.contains(.end)
        if ended { currentPrompt = nil }
        return Turn(step.events.map(Shown.event), saves: true, outcome: ended ? .ended : .goOn,
                    explanation: step.events.isEmpty ? nil : state.explanation)
    }

    /// The `/why` text: the reason in words when the last step had one, else a pointer to the trace.
    static func whyText(of state: SessionState) -> String {
        if let why = state.why, !why.isEmpty { return why + " ('/why detail' shows the steps behind it.)" }
        guard state.explanation != nil else { return "(nothing to explain yet)" }
        return "That was the flow's next step; '/why detail' shows how the coach got there."
    }

    /// The `/help` text: the commands, and what the current question accepts.
    static func helpText(for prompt: Prompt?) -> String {
        var lines = SlashCommand.all.map { "  \($0.name.padding(to: 9))\($0.about)" }
        lines.insert("Type your answer, or one of:", at: 0)
        if let prompt {
            switch prompt.kind {
            case .choice: lines.append("This question takes one option: its number or the start of its name.")
            case .multi: lines.append("This question takes several options, by number or name, separated by commas.")
            case .yesno: lines.append("This question takes yes or no.")
            case .scale, .number: lines.append("This question takes a number\(prompt.hint.map { " (\($0))" } ?? "").")
            case .text: lines.append("This question takes any text.")
            }
            if !Completion.options(of: prompt).isEmpty { lines.append("Tab completes the options.") }
        }
        return lines.joined(separator: "\n")
    }

    /// The `/summary` text: the summary once the flow is done, else the answers so far, each in
    /// words (a choice by its option's label, not the number typed).
    static func summaryText(of state: SessionState, engine: Engine) -> String {
        if let summary = state.summary { return summary.text }
        guard !state.answers.isEmpty else { return "no answers yet" }
        return (["Your answers so far:"] + state.answers.map { "- \($0.question) \(engine.answerWords($0))" }).joined(separator: "\n")
    }
}

extension String {
    func padding(to length: Int) -> String {
        count >= length ? self + " " : self + String(repeating: " ", count: length - count)
    }
}
