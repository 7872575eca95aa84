extension Event {
    /// The exact lines the plain (non-terminal) mode prints for this event; golden transcripts are
    /// written in these lines, and the terminal renderer adds colour and wrapping on top.
    ///
    /// - A question: its progress on a line of its own first ("(question 4 of 12)", "(task 3 · about
    ///   12 questions left)"; see `Progress.text`), then the
    ///   question, then its options ("  1. Health"), then its hint ("  (1 = drained … 5 = full)").
    /// - Notices in parentheses: "(Skipped.)". The next step as "Next step: …".
    /// - The safety message followed by its three numbered choices.
    /// - `end` prints nothing.
    public func plainLines() -> [String] {
        switch self {
        case .say(let text), .invalid(let text), .reflect(let text), .summary(let text):
            return Event.lines(text)
        case .ask(let prompt):
            var lines: [String] = []
            if let progress = prompt.progress { lines.append("(\(progress.text))") }
            lines.append(contentsOf: Event.lines(prompt.text))
            for (index, option) in prompt.options.enumerated() { lines.append("  \(index + 1). \(option)") }
            if let hint = prompt.hint { lines.append("  (\(hint))") }
            return lines
        case .safety(let text):
            return Event.lines(text) + ["  1. Continue", "  2. Pause", "  3. Leave"]
        case .safetyCheck(let text):
            return Event.lines(text) + ["  (yes or no)"]
        case .notice(let text):
            return ["(\(text))"]
        case .nextStep(_, let text):
            let body = Event.lines(text)
            guard let first = body.first else { return [] }
            return ["Next step: \(first)"] + body.dropFirst()
        case .end:
            return []
        }
    }

    /// Splits text into lines, dropping a final newline (template files usually end with one).
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines
    }
}
