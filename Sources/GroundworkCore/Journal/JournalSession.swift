/// Free journaling, as the engine sees it: every line gets one reflective reply from a rule set,
/// the safety net first. Pure: the terminal reads the lines, saves the state and shows the events.
public struct JournalSession: Sendable {
    /// The flow id journal sessions are saved under.
    public static let flowID = "journal"

    private let listening: RuleSet
    private let safety: SafetyNet?
    /// What a safety hit shows instead of a reply, by tier: the crisis message or the gentle check,
    /// each with the crisis lines for the person's country, on one line.
    private let safetyText: @Sendable (SafetyNet.Tier) -> String
    /// Whether entries are kept in the state (to be saved); `journal --no-save` keeps only a count,
    /// so a turn costs the same at the 20,000th line as at the first.
    private let keepsEntries: Bool
    /// The session; entries are appended in place, so a turn's cost does not grow with it.
    public private(set) var state: SessionState
    private var themes: [String] = []
    private var entryCount: Int

    public init(listening: RuleSet, safety: SafetyNet?,
                safetyText: @escaping @Sendable (SafetyNet.Tier) -> String = {
                    $0 == .check ? SafetyNet.builtInCheck : SafetyNet.builtInMessage
                },
                state: SessionState, keepsEntries: Bool = true) {
        self.listening = listening
        self.safety = safety
        self.safetyText = safetyText
        self.state = state
        self.keepsEntries = keepsEntries
        self.entryCount = state.answers.count
    }

    /// A fresh journal session.
    public static func newState(seed: UInt64) -> SessionState {
        SessionState(flowID: flowID, flowHash: "", seed: seed)
    }

    /// The rule set's opening line (`opening:`, ELIZA's first line), shown before the first entry
    /// on a terminal; nil when the rule set has none.
    public var opening: String? { listening.opening }

    /// Whether `/done` has finished the journal.
    public var isFinished: Bool { state.status == .completed }

    /// Takes one line and replies with exactly one line: a reflection, the gentle check or the
    /// crisis lines.
    public mutating func write(_ line: String) -> Event {
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
                event = .reflect(Self.oneLine(safetyText(.check)))
                explanation = "safety net: \(found.explanation); asked the gentle check"
                why.append(found.reason)
            case .crisis(let found):
                event = .reflect(Self.oneLine(safetyText(.crisis)))
                explanation = "safety net: \(found.explanation); showed the crisis lines"
                why.append(found.reason)
            }
        }
        if event == nil {
            // Taken out, not copied: the memory's tables are then changed in place, not copied each line.
            var memory = state.listeners.removeValue(forKey: listening.id) ?? ListenerMemory()
            let reply = listening.respond(to: text, memory: &memory)
            state.listeners[listening.id] = memory
            for theme in [reply.group, reply.mention].compactMap({ $0 }) where !themes.contains(theme) { themes.append(theme) }
            event = .reflect(prefix + Self.oneLine(reply.text))
            explanation += reply.explanation
            why.append(reply.reason)
        }
        entryCount += 1
        if keepsEntries {
            state.inputs.append(.line(line))
            state.answers.append(Answer(flowID: Self.flowID, nodeID: "entry", question: "", raw: line,
                                        value: .string(line), variable: nil))
            state.lastText = line
        }
        state.explanation = explanation
        state.why = why.joined(separator: " ")
        return event ?? .reflect("")
    }

    /// `/done`: the session is complete, with its summary.
    public mutating func finish() -> [Event] {
        state.inputs.append(.finish)
        state.status = .completed
        let text = summaryText
        state.summary = SessionSummary(text: text, nextStepID: nil, nextStepText: nil, scores: [:])
        return [.summary(text), .end]
    }

    /// What `/summary` shows and `/done` keeps: the count of entries and the themes that came up.
    public var summaryText: String {
        var text = "You wrote \(entryCount) \(entryCount == 1 ? "entry" : "entries")."
        if !themes.isEmpty { text += " Themes that came up: \(themes.joined(separator: ", "))." }
        return text
    }

    /// Journal replies are one line each, so piped output pairs with input line by line.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
