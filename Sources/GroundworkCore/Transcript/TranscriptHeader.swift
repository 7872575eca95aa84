/// The `key: value` lines that open a golden transcript, up to its `---` line: one reader for flow,
/// rule-set and group transcripts (and the benchmark's personas), which each give the keys meaning.
public struct TranscriptHeader: Sendable {
    /// One `key: value` line, with where its key and value start (1-based), for messages.
    public struct Entry: Sendable {
        public var key: String
        public var value: String
        public var line: Int
        public var keyColumn: Int
        public var valueColumn: Int
    }

    public var entries: [Entry]
    /// The 0-based index of the `---` line among the lines given.
    public var separator: Int

    /// Reads the header of `lines` (the file's lines without line ends). Blank lines and `#` comments
    /// (at a line's start or after a space or tab) are skipped; anything else must be `key: value`.
    public static func parse(_ lines: [String], path: String) throws(TranscriptError) -> TranscriptHeader {
        func error(_ line: Int, _ column: Int, _ message: String) -> TranscriptError {
            TranscriptError(message: message, location: SourceLocation(path: path, line: line, column: column))
        }
        var entries: [Entry] = []
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            if raw.trimmingWhitespace() == "---" { return TranscriptHeader(entries: entries, separator: index) }
            let content = stripComment(raw)
            if content.trimmingWhitespace().isEmpty { continue }
            let keyColumn = content.prefix(while: { $0 == " " || $0 == "\t" }).count + 1
            guard let colon = content.firstIndex(of: ":") else {
                throw error(number, keyColumn, "expected 'key: value' or '---', found '\(content.trimmingWhitespace())'")
            }
            let afterColon = content[content.index(after: colon)...]
            let valueColumn = content.distance(from: content.startIndex, to: colon) + 2
                + afterColon.prefix(while: { $0 == " " || $0 == "\t" }).count
            entries.append(Entry(key: content[..<colon].trimmingWhitespace(), value: afterColon.trimmingWhitespace(),
                                 line: number, keyColumn: keyColumn, valueColumn: valueColumn))
        }
        throw error(lines.count + 1, 1, "missing '---' between the header and the conversation")
    }

    /// The line's text without a `#` comment that starts it or follows a space or tab.
    static func stripComment(_ line: String) -> Substring {
        var previous: Character = " "
        for index in line.indices {
            let c = line[index]
            if c == "#", previous == " " || previous == "\t" { return line[..<index] }
            previous = c
        }
        return line[...]
    }
}
