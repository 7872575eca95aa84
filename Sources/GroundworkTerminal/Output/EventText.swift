import GroundworkCore

/// The plain text lines of an event, exactly as piped output and transcripts show them.
///
/// INTERIM: mirrors Core's `Event.plainLines()` from branch `engine` line for line; once that is
/// on main this forwards to it, so there is one definition.
enum EventText {
    static func plainLines(_ event: Event) -> [String] {
        switch event {
        case .say(let text), .invalid(let text), .reflect(let text), .summary(let text):
            return lines(text)
        case .ask(let prompt):
            var out: [String] = []
            if let progress = prompt.progress { out.append("(question \(progress.index) of \(progress.total))") }
            out.append(contentsOf: lines(prompt.text))
            for (index, option) in prompt.options.enumerated() { out.append("  \(index + 1). \(option)") }
            if let hint = prompt.hint { out.append("  (\(hint))") }
            return out
        case .safety(let text):
            return lines(text) + ["  1. Continue", "  2. Pause", "  3. Leave"]
        case .notice(let text):
            return ["(\(text))"]
        case .nextStep(_, let text):
            let body = lines(text)
            guard let first = body.first else { return [] }
            return ["Next step: \(first)"] + body.dropFirst()
        case .end:
            return []
        }
    }

    private static func lines(_ text: String) -> [String] {
        var out = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = out.last, last.allSatisfy(\.isWhitespace) { out.removeLast() }
        return out
    }
}
