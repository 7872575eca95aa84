import GroundworkCore

/// How a session run ended.
public enum SessionOutcome: Sendable, Hashable {
    /// The flow reached its end.
    case completed
    /// The person left (/quit, Ctrl-D, a second Ctrl-C) or input ended; the session is saved and resumable.
    case paused
}

/// Drives one flow session: read a line, run a slash command or `Engine.step`, save, then render.
///
/// Saving comes before rendering so that nothing is shown as taken (the next question, a
/// reflection) before it is on disk; the whole turn runs inside `persistence.holdingSignals`.
public final class SessionRunner {
    private let engine: Engine
    private let reader: LineReader
    private let renderer: Renderer
    private let persistence: SessionPersistence
    /// Show asides such as "saved" (terminal); silent through pipes so output equals transcripts.
    private let interactive: Bool
    public private(set) var state: SessionState
    private var currentPrompt: Prompt?
    /// `--why`: receives the explanation of every step, for scripted runs that want to see it.
    private let explain: ((String) -> Void)?

    public init(engine: Engine, start: Step, reader: LineReader, renderer: Renderer,
                persistence: SessionPersistence, interactive: Bool, explain: ((String) -> Void)? = nil) {
        self.engine = engine
        self.explain = explain
        self.reader = reader
        self.renderer = renderer
        self.persistence = persistence
        self.interactive = interactive
        self.state = start.state
        self.pendingStart = start.events
    }

    private var pendingStart: [Event]

    /// Runs until the flow ends or the person leaves. Throws only when saving fails.
    public func run() throws -> SessionOutcome {
        try persistence.holdingSignals { try apply(Step(state: state, events: pendingStart)) }
        pendingStart = []
        var interruptedOnce = false
        while state.status == .active && !ended {
            reader.setCurrentPrompt(currentPrompt)
            switch reader.readLine(prompt: renderer.prompt) {
            case .endOfInput:
                return try persistence.holdingSignals { try leave() }
            case .tooLong(let bytes):
                interruptedOnce = false
                renderer.notice(InputLimits.tooLongMessage(bytes: bytes))
            case .interrupted:
                if interruptedOnce { return try persistence.holdingSignals { try leave() } }
                interruptedOnce = true
                renderer.notice("line dropped; press Ctrl-C again to save and leave")
            case .line(let line):
                interruptedOnce = false
                reader.addToHistory(line)
                let left = try persistence.holdingSignals { () throws -> Bool in
                    if let command = SlashCommand(parsing: line) { return try handle(command) == .left }
                    try apply(engine.step(handOver(), .line(line)))
                    return false
                }
                if left { return .paused }
            }
        }
        reader.setCurrentPrompt(nil)
        // `.end` with the session still active is a pause (the safety net's "pause"): kept, resumable.
        return state.status == .active ? .paused : .completed
    }

    /// The state, handed to the engine without a second reference left here, so the step appends
    /// to the session's lists in place instead of copying them (a turn's cost stays flat as the
    /// session grows). `apply` puts the step's state back.
    private func handOver() -> SessionState {
        let current = state
        state = SessionState(flowID: current.flowID, flowHash: "", seed: 0)
        return current
    }

    /// The engine said `.end`: stop reading input.
    private var ended = false

    private enum CommandResult { case stay, left }

    private func handle(_ command: SlashCommand) throws -> CommandResult {
        switch command {
        case .help:
            // The script's own help for this question (`help:`), then the commands.
            let scripted = engine.help(state).map { $0 + "\n" } ?? ""
            renderer.message(scripted + Self.helpText(for: currentPrompt))
        case .back:
            try apply(engine.back(state))
        case .skip:
            try apply(engine.step(handOver(), .skip))
        case .done:
            try apply(engine.step(handOver(), .finish))
        case .save:
            try persistence.save(state, [])
            renderer.notice("saved")
        case .summary:
            renderer.message(Self.summaryText(of: state, engine: engine))
        case .why:
            renderer.message(Self.whyText(of: state))
        case .whyDetail:
            renderer.message(state.explanation ?? "(nothing to explain yet)")
        case .quit:
            _ = try leave()
            return .left
        case .unknown(let word):
            renderer.message("unknown command '/\(word)'; /help lists them")
        }
        return .stay
    }

    private func leave() throws -> SessionOutcome {
        try persistence.save(state, [])
        reader.setCurrentPrompt(nil)
        if interactive { renderer.notice("saved; 'groundwork resume' continues where you left off") }
        return .paused
    }

    /// Saves the step's state, then shows its events: a failed save shows nothing as taken.
    private func apply(_ step: Step) throws {
        state = step.state
        try persistence.save(state, step.events)
        renderer.render(step.events)
        if let explain, let explanation = state.explanation, !step.events.isEmpty { explain(explanation) }
        for case .ask(let prompt) in step.events { currentPrompt = prompt }
        if step.events.contains(.end) { ended = true }
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
