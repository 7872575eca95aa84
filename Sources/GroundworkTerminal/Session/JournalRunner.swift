import GroundworkCore

/// Free journaling: every line gets one reflective reply from a rule set, the safety set first.
/// Each entry is saved before its reply is shown, inside `persistence.holdingSignals`.
public final class JournalRunner {
    /// The flow id journal sessions are saved under.
    public static let flowID = "journal"

    private let listening: RuleSet
    private let safety: SafetyNet?
    /// What a safety hit shows instead of a reply, by tier: the crisis message or the gentle check,
    /// each with the crisis lines for the person's country, on one line.
    private let safetyText: (SafetyNet.Tier) -> String
    /// `--why`: receives the explanation of every reply.
    private let explain: ((String) -> Void)?
    private let reader: LineReader
    private let renderer: Renderer
    private let persistence: SessionPersistence
    private let interactive: Bool
    /// Whether entries are kept in the state (to be saved); `journal --no-save` keeps only a count,
    /// so a turn costs the same at the 20,000th line as at the first.
    private let keepsEntries: Bool
    public private(set) var state: SessionState
    private var themes: [String] = []
    private var entryCount = 0

    public init(listening: RuleSet, safety: SafetyNet?, safetyText: @escaping (SafetyNet.Tier) -> String = {
                    $0 == .check ? SafetyNet.builtInCheck : SafetyNet.builtInMessage
                }, state: SessionState,
                reader: LineReader, renderer: Renderer, persistence: SessionPersistence, interactive: Bool,
                keepsEntries: Bool = true, explain: ((String) -> Void)? = nil) {
        self.listening = listening
        self.keepsEntries = keepsEntries
        self.entryCount = state.answers.count
        self.explain = explain
        self.safety = safety
        self.safetyText = safetyText
        self.state = state
        self.reader = reader
        self.renderer = renderer
        self.persistence = persistence
        self.interactive = interactive
    }

    /// A fresh journal session.
    public static func newState(seed: UInt64) -> SessionState {
        SessionState(flowID: flowID, flowHash: "", seed: seed)
    }

    /// Runs until `/done` (completed), or `/quit`, Ctrl-D or the end of input (paused, saved).
    public func run() throws -> SessionOutcome {
        if interactive {
            renderer.notice("Write whatever is on your mind, a line at a time. /done to finish, /quit to leave.")
        }
        var interruptedOnce = false
        while true {
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
                switch SlashCommand(parsing: line) {
                case nil:
                    try persistence.holdingSignals { try answer(line) }
                case .done?:
                    try persistence.holdingSignals { try finish() }
                    return .completed
                case .quit?:
                    return try persistence.holdingSignals { try leave() }
                case .save?:
                    try persistence.save(state, [])
                    renderer.notice("saved")
                case .why?:
                    renderer.message(SessionRunner.whyText(of: state))
                case .whyDetail?:
                    renderer.message(state.explanation ?? "(nothing to explain yet)")
                case .summary?:
                    renderer.message(summaryText())
                case .help?:
                    renderer.message("Write a line and the coach reflects it back.\n" + SlashCommand.all
                        .filter { ["/help", "/save", "/summary", "/why", "/done", "/quit"].contains($0.name) }
                        .map { "  \($0.name.padding(to: 9))\($0.about)" }.joined(separator: "\n"))
                case .back?, .skip?:
                    renderer.message("a journal has no questions to go back to or skip; /done finishes it")
                case .unknown(let word)?:
                    renderer.message("unknown command '/\(word)'; /help lists them")
                }
            }
        }
    }

    /// Replies to one line with exactly one line.
    private func answer(_ line: String) throws {
        var text = line
        var prefix = ""
        var event: Event?
        var explanation = ""
        var why: [String] = []
        if let safety {
            switch state.safety.screen(line, net: safety, place: nil, inputIndex: keepsEntries ? state.inputs.count : entryCount) {
            case .pass:
                break
            case .cleared(let held):
                // The answer "no" to the gentle check: the held line gets its reply now.
                prefix = "Thank you for answering. "
                text = held
                explanation = "the gentle check was answered no; "
                why.append(SafetyNet.Assessment.clearedReason)
            case .check(let found):
                event = .reflect(oneLine(safetyText(.check)))
                explanation = "safety net: \(found.explanation); asked the gentle check"
                why.append(found.reason)
            case .crisis(let found):
                event = .reflect(oneLine(safetyText(.crisis)))
                explanation = "safety net: \(found.explanation); showed the crisis lines"
                why.append(found.reason)
            }
        }
        if event == nil {
            var memory = state.listeners[listening.id] ?? ListenerMemory()
            let reply = listening.respond(to: text, memory: &memory)
            state.listeners[listening.id] = memory
            for theme in [reply.group, reply.mention].compactMap({ $0 }) where !themes.contains(theme) { themes.append(theme) }
            event = .reflect(prefix + oneLine(reply.text))
            explanation += reply.explanation
            why.append(reply.reason)
        }
        let shown = event ?? .reflect("")
        entryCount += 1
        if keepsEntries {
            state.inputs.append(.line(line))
            state.answers.append(Answer(flowID: Self.flowID, nodeID: "entry", question: "", raw: line,
                                        value: .string(line), variable: nil))
            state.lastText = line
        }
        state.explanation = explanation
        state.why = why.joined(separator: " ")
        // Saved before it is shown: a reply on screen means the entry is on disk.
        try persistence.save(state, [shown])
        renderer.render(shown)
        explain?(explanation)
    }

    private func finish() throws {
        state.inputs.append(.finish)
        state.status = .completed
        let text = summaryText()
        state.summary = SessionSummary(text: text, nextStepID: nil, nextStepText: nil, scores: [:])
        let event = Event.summary(text)
        try persistence.save(state, [event, .end])
        renderer.render(event)
    }

    private func leave() throws -> SessionOutcome {
        try persistence.save(state, [])
        if interactive { renderer.notice("saved; 'groundwork resume' continues this journal") }
        return .paused
    }

    private func summaryText() -> String {
        let count = entryCount
        var text = "You wrote \(count) \(count == 1 ? "entry" : "entries")."
        if !themes.isEmpty { text += " Themes that came up: \(themes.joined(separator: ", "))." }
        return text
    }

    /// Journal replies are one line each, so piped output pairs with input line by line.
    private func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
