/// What a rule set answered to one line, and why (for `/why`).
public struct RuleReply: Sendable, Hashable, Codable {
    /// The reply text, ready to show.
    public var text: String
    /// The keyword whose rules produced it; nil for a memory recall or the fallback.
    public var keyword: String?
    /// The keyword's group (`group:` in the rule set, e.g. "work", "suicide"), for themes and safety.
    public var group: String?
    /// How the reply was produced, one line: keyword, pattern and reply number, or "memory", or "fallback".
    public var explanation: String
    /// True when the reply came from the fallback list (nothing matched, no memory).
    public var isFallback: Bool
    /// Why, in words a person can read: "You mentioned feeling tired, so I reflected that feeling."
    public var reason: String

    public init(text: String, keyword: String?, group: String? = nil, explanation: String, isFallback: Bool, reason: String = "") {
        self.text = text
        self.keyword = keyword
        self.group = group
        self.explanation = explanation
        self.isFallback = isFallback
        self.reason = reason
    }

    /// The end of a reason: "so I asked about that" for a question, "so I reflected that" otherwise.
    static func reason(_ what: String, reply: String, about: String = "that") -> String {
        let asked = reply.last(where: { !$0.isWhitespace }) == "?"
        return "You mentioned \(what), so I \(asked ? "asked about" : "reflected") \(about)."
    }
}

/// What a rule set remembers across lines of one session: reply rotation and stored remarks.
public struct ListenerMemory: Sendable, Hashable, Codable {
    /// Next reply index per pattern (key: rule-set id + keyword + pattern index).
    public var rotation: [String: Int]
    /// Remarks stored by memory patterns, oldest first.
    public var remarks: [String]

    public init(rotation: [String: Int] = [:], remarks: [String] = []) {
        self.rotation = rotation
        self.remarks = remarks
    }
}
