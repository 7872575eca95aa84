/// One journal line with what the person marked in it: `#tags` anywhere, and a mood written
/// `mood: 3` (or `mood:3`, any case) from 1 to 5.
///
/// The line is stored as typed (in the session's answers); this reads the marks back for `history`,
/// `export` and `search`, so the spelling lives in one place.
public struct JournalEntry: Sendable, Hashable {
    /// The line as typed.
    public var raw: String
    /// The line without its mood mark, spaces tidied; tags stay, they are part of the writing.
    public var text: String
    /// Tags without `#`, lowercased, each once, in order of first use.
    public var tags: [String]
    /// The mood from 1 to 5, when the line carries one.
    public var mood: Int?

    /// Reads the marks in `raw`.
    public init(_ raw: String) {
        self.raw = raw
        var tags: [String] = []
        var mood: Int?
        var kept: [Substring] = []
        let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        var index = 0
        while index < words.count {
            let word = words[index]
            if mood == nil, let (value, used) = JournalEntry.mood(at: index, in: words) {
                mood = value
                index += used
                continue
            }
            if let tag = JournalEntry.tag(in: word), !tags.contains(tag) { tags.append(tag) }
            kept.append(word)
            index += 1
        }
        self.text = kept.joined(separator: " ")
        self.tags = tags
        self.mood = mood
    }

    /// The entry an answer holds when it is free text the person wrote (not a choice, number or
    /// yes/no, whose saved value differs from what was typed); nil otherwise.
    public init?(answer: Answer) {
        guard answer.nodeID != FollowUp.nodeID, case .string(let value) = answer.value, !value.isEmpty,
              value == JournalEntry.trimmed(answer.raw) else { return nil }
        self.init(answer.raw)
    }

    /// Whether the entry holds every word of `query`, in any order, ignoring case ("manager
    /// deadline" finds "the deadline my Manager set"); a word may be part of a longer one. A query
    /// without words matches nothing.
    public func matches(_ query: String) -> Bool {
        let words = JournalEntry.queryWords(query)
        guard !words.isEmpty else { return false }
        let haystack = raw.lowercased()
        return words.allSatisfy { haystack.contains($0) }
    }

    /// The words of a search query, lowercased: split at spaces, tabs and line breaks.
    public static func queryWords(_ query: String) -> [String] {
        query.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
    }

    /// `raw` without leading and trailing spaces, tabs and line breaks.
    public static func trimmed(_ raw: String) -> String {
        raw.trimmingWhitespace()
    }

    /// `#word` → "word": a `#` then a letter, then letters, digits, `-` or `_`; trailing punctuation dropped.
    static func tag(in word: Substring) -> String? {
        guard word.first == "#" else { return nil }
        let body = word.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        guard let first = body.first, first.isLetter else { return nil }
        return body.lowercased()
    }

    /// `mood: 3` or `mood:3` starting at `index`: the mood and how many words it used.
    static func mood(at index: Int, in words: [Substring]) -> (Int, Int)? {
        let word = words[index].lowercased()
        if word.hasPrefix("mood:") {
            let rest = word.dropFirst("mood:".count)
            if !rest.isEmpty { return digit(rest).map { ($0, 1) } }
            guard index + 1 < words.count else { return nil }
            return digit(words[index + 1][...]).map { ($0, 2) }
        }
        return nil
    }

    /// A single digit 1–5, allowing trailing punctuation such as `3.` or `3,`.
    private static func digit(_ text: Substring) -> Int? {
        let trimmed = text.prefix { $0 != "." && $0 != "," && $0 != ";" && $0 != ")" }
        guard trimmed.count == 1, let value = Int(trimmed), (1...5).contains(value) else { return nil }
        return value
    }
}
