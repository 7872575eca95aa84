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
    /// The person or thing named, when a synonym group's keyword answered ("dad" for `@family`),
    /// so the themes a summary lists hold who came up, not only the group.
    public var mention: String?

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
    /// Next reply index per pattern (key: rule-set id + keyword + pattern index), and each rule
    /// set's count of lines answered (key: rule-set id + "/lines", for `recall:`).
    public var rotation: [String: Int]
    /// Remarks stored by memory patterns, oldest first.
    public var remarks: [String]
    /// For each remark, how to say it in a later session (`later:`, with `{when}` where "two weeks
    /// ago" goes), or "" when the rule gives none; same order as `remarks`.
    public var later: [String]
    /// Remarks from earlier sessions, brought back when nothing in a line matches.
    public var carried: [CarriedRemark]

    public init(rotation: [String: Int] = [:], remarks: [String] = [], later: [String] = [], carried: [CarriedRemark] = []) {
        self.rotation = rotation
        self.remarks = remarks
        self.later = later
        self.carried = carried
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rotation = try c.decode([String: Int].self, forKey: .rotation)
        remarks = try c.decode([String].self, forKey: .remarks)
        later = try c.decodeIfPresent([String].self, forKey: .later) ?? []
        carried = try c.decodeIfPresent([CarriedRemark].self, forKey: .carried) ?? []
    }

    /// The remarks a later session may bring back: this session's, in their `later:` wording, and
    /// those it carried and did not use, each `elapsed` days older; newest first, at most `limit`.
    public func carriedOn(elapsed: Int, limit: Int = 5, maxDays: Int = 60) -> [CarriedRemark] {
        let own = zip(remarks, later).compactMap { $0.1.isEmpty ? nil : CarriedRemark(text: $0.1, days: elapsed) }
        let older = carried.map { CarriedRemark(text: $0.text, days: $0.days + elapsed) }
        return Array((own.reversed() + older).filter { $0.days <= maxDays }.prefix(limit))
    }
}

/// A remark from an earlier session: its wording (with `{when}`) and how many days ago it was made.
public struct CarriedRemark: Sendable, Hashable, Codable {
    public var text: String
    public var days: Int

    public init(text: String, days: Int) {
        self.text = text
        self.days = days
    }

    /// `text` with `{when}` said as a person would: "Yesterday", "Last week", "Two weeks ago".
    public var spoken: String {
        let when: String
        switch days {
        case ...0: when = "Earlier today"
        case 1: when = "Yesterday"
        case 2...6: when = "A few days ago"
        case 7...13: when = "Last week"
        case 14...20: when = "Two weeks ago"
        case 21...45: when = "A few weeks ago"
        default: when = "A while ago"
        }
        return text.replacing("{when}", with: when)
    }
}
