import GroundworkCore

/// The plain text lines of an event, exactly as piped output and transcripts show them.
///
/// INTERIM: mirrors the layout Core's `Event.plainLines()` (branch `engine`) is to own; once that
/// lands this forwards to it so there is one definition.
enum EventText {
    static func plainLines(_ event: Event) -> [String] {
        switch event {
        case .say(let text), .reflect(let text), .safety(let text), .summary(let text), .invalid(let text):
            return lines(text)
        case .notice(let text):
            return ["(\(text))"]
        case .ask(let prompt):
            var out = lines(prompt.text)
            for (index, option) in prompt.options.enumerated() {
                out.append("  \(index + 1). \(option)")
            }
            if let hint = prompt.hint { out.append("  (\(hint))") }
            return out
        case .nextStep(_, let text):
            return ["Next step: \(text)"]
        case .end:
            return []
        }
    }

    private static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
