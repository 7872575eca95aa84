/// A command typed at any prompt, starting with `/`.
public enum SlashCommand: Sendable, Hashable {
    case help
    /// Undo the last answer.
    case back
    /// Leave the current question unanswered.
    case skip
    /// Save now (the session is also saved after every turn).
    case save
    /// Show the answers so far, or the summary once the flow is done.
    case summary
    /// Explain why the last output was produced, in words.
    case why
    /// The engine's trace behind the last output (`/why detail`).
    case whyDetail
    /// Save and leave.
    case quit
    /// Finish a journal-like session now and summarise.
    case done
    /// A word after `/` that is no command.
    case unknown(String)

    /// Every command's name with a one-line description, in the order `/help` lists them.
    public static let all: [(name: String, about: String)] = [
        ("/help", "show this list"),
        ("/back", "undo your last answer"),
        ("/skip", "leave this question unanswered"),
        ("/save", "save now (saving also happens after every answer)"),
        ("/summary", "show your answers so far"),
        ("/why", "explain the coach's last reply ('/why detail' shows the steps)"),
        ("/done", "finish a journal session and see its summary"),
        ("/quit", "save and leave; 'groundwork resume' continues"),
    ]

    /// Parses a typed line; nil when the line is an answer rather than a command.
    ///
    /// A line is a command when it starts with `/` followed by a letter, so answers such as
    /// "/" or "1/2" stay answers. Case and surrounding spaces are ignored.
    public init?(parsing line: String) {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.hasPrefix("/") else { return nil }
        let word = trimmed.dropFirst().prefix { !$0.isWhitespace }
        guard let first = word.first, first.isLetter else { return nil }
        switch word.lowercased() {
        case "help", "h", "?": self = .help
        case "back", "undo": self = .back
        case "skip": self = .skip
        case "save": self = .save
        case "summary": self = .summary
        case "why":
            let rest = String(trimmed.dropFirst(word.count + 1)).trimmingWhitespace().lowercased()
            self = rest == "detail" || rest == "details" ? .whyDetail : .why
        case "quit", "exit", "q": self = .quit
        case "done", "finish": self = .done
        default: self = .unknown(String(word))
        }
    }
}
