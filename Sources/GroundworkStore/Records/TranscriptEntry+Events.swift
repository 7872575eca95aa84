import GroundworkCore

extension TranscriptEntry {
    /// The coach's side of engine events as transcript lines: what the person saw, in order.
    /// `end` adds nothing; a question shows its options numbered, as the plain output does.
    public static func coachLines(for events: [Event], at time: Timestamp) -> [TranscriptEntry] {
        events.compactMap { event -> TranscriptEntry? in
            let text: String
            switch event {
            case .say(let s), .invalid(let s), .reflect(let s), .safety(let s), .safetyCheck(let s), .notice(let s), .summary(let s):
                text = s
            case .ask(let prompt):
                let options = prompt.options.enumerated().map { "  \($0.offset + 1). \($0.element)" }
                text = ([prompt.text] + options + (prompt.hint.map { [$0] } ?? [])).joined(separator: "\n")
            case .nextStep(_, let s):
                text = "Next step: \(s)"
            case .end:
                return nil
            }
            return TranscriptEntry(time: time, speaker: .coach, text: text)
        }
    }

    /// The person's line for an input.
    public static func personLine(for input: Input, at time: Timestamp) -> TranscriptEntry {
        switch input {
        case .line(let s): return TranscriptEntry(time: time, speaker: .person, text: s)
        case .skip: return TranscriptEntry(time: time, speaker: .person, text: "/skip")
        case .finish: return TranscriptEntry(time: time, speaker: .person, text: "/done")
        }
    }
}
