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

    public init(text: String, keyword: String?, group: String? = nil, explanation: String, isFallback: Bool) {
        self.text = text
        self.keyword = keyword
        self.group = group
        self.explanation = explanation
        self.isFallback = isFallback
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
