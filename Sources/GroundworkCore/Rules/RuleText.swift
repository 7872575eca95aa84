/// A word of the input: the text to show (case kept) and its id in the rule set's vocabulary.
struct RuleWord: Sendable, Hashable, Codable {
    /// The word as typed (or as a substitution wrote it), for reflected parts.
    var text: String
    /// Vocabulary id of the lowercased word; -1 when no rule mentions it.
    var id: Int32
}

/// What the rule set knows about a lowercased word.
enum LexiconEntry: Sendable {
    /// A word some rule mentions.
    case word(Int32)
    /// A word replaced before matching (`substitutions:`).
    case replaced([RuleWord])
}

/// Stored as one list of strings (thousands of entries, read back on every journal start): a word
/// is its id; a replacement is an empty string, then each word's text and id.
extension LexiconEntry: Codable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let parts = try container.decode([String].self)
        func damaged() -> DecodingError { DecodingError.dataCorruptedError(in: container, debugDescription: "a damaged lexicon entry") }
        if parts.count == 1, parts[0] != "" {
            guard let id = Int32(parts[0]) else { throw damaged() }
            self = .word(id)
            return
        }
        guard parts.first == "", parts.count % 2 == 1 else { throw damaged() }
        var words: [RuleWord] = []
        var index = 1
        while index < parts.count {
            guard let id = Int32(parts[index + 1]) else { throw damaged() }
            words.append(RuleWord(text: parts[index], id: id))
            index += 2
        }
        self = .replaced(words)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .word(let id): try container.encode([String(id)])
        case .replaced(let words): try container.encode([""] + words.flatMap { [$0.text, String($0.id)] })
        }
    }
}

/// Turning a line into clauses of words: normalising, splitting, substituting.
enum RuleText {
    /// Longest clause matched as one; longer runs of words are cut into clauses of this size, so
    /// matching time stays bounded on hostile input.
    static let maxClauseWords = 200

    /// Straightens curly apostrophes and turns non-ASCII punctuation into ASCII breaks or spaces.
    /// ASCII lines (the common case) come back untouched without copying.
    static func normalised(_ line: String) -> String {
        guard line.utf8.contains(where: { $0 >= 0x80 }) else { return line }
        var out = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            switch scalar.value {
            case 0x2018, 0x2019, 0x02BC, 0x2032, 0xFF07:
                out.append("'")
            case 0x2026, 0x3002, 0xFF0E, 0xFF01, 0xFF1F, 0xFF1B:
                out.append(".")
            case 0x3001, 0xFF0C:
                out.append(",")
            default:
                if scalar.value < 0x80 {
                    out.append(scalar)
                    continue
                }
                switch scalar.properties.generalCategory {
                case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control,
                     .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                     .finalPunctuation, .otherPunctuation:
                    out.append(" ")
                default:
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    @inline(__always)
    private static func isWordByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "'"), UInt8(ascii: "-"):
            return true
        default:
            return b >= 0x80
        }
    }

    @inline(__always)
    private static func isClauseBreak(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: ";"), UInt8(ascii: "\n"):
            return true
        default:
            return false
        }
    }

    /// Splits a line into clauses at `.` `,` `?` `!` `;`, line breaks and the word "but", with
    /// substitutions applied and each word looked up once in `lexicon`.
    static func clauses(of line: String, lexicon: [String: LexiconEntry]) -> [[RuleWord]] {
        var text = normalised(line)
        var clauses: [[RuleWord]] = []
        var current: [RuleWord] = []
        func flush() {
            if !current.isEmpty {
                clauses.append(current)
                current.removeAll(keepingCapacity: true)
            }
        }
        func append(_ word: RuleWord) {
            if current.count == maxClauseWords { flush() }
            current.append(word)
        }
        text.withUTF8 { bytes in
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i]
                guard isWordByte(b) else {
                    if isClauseBreak(b) { flush() }
                    i += 1
                    continue
                }
                var j = i + 1
                var plain = b < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
                while j < n, isWordByte(bytes[j]) {
                    if bytes[j] >= 0x80 || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[j]) { plain = false }
                    j += 1
                }
                // Quotes and dashes at the edges of a word belong to the sentence, not the word.
                var start = i
                var end = j
                while start < end, bytes[start] == UInt8(ascii: "'") || bytes[start] == UInt8(ascii: "-") { start += 1 }
                while end > start, bytes[end - 1] == UInt8(ascii: "'") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
                i = j
                guard start < end else { continue }
                let original = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                let lower = plain ? original : original.lowercased()
                if lower == "but" {
                    flush()
                    continue
                }
                switch lexicon[lower] ?? fallback(lower, original: original, lexicon: lexicon) {
                case .none: append(RuleWord(text: original, id: -1))
                case .word(let id): append(RuleWord(text: original, id: id))
                case .replaced(let words): for word in words { append(word) }
                }
            }
        }
        flush()
        return clauses
    }

    /// A word no rule names, read the way a person means it: a possessive as its noun ("AI's" →
    /// "ai"), a hyphenated word as the joined word a rule names ("e-mail" → "email") or else as its
    /// parts ("AI-driven" → "ai", "driven"). Nil when none of these is known either.
    static func fallback(_ lower: String, original: String, lexicon: [String: LexiconEntry]) -> LexiconEntry? {
        if lower.hasSuffix("'s") || lower.hasSuffix("s'") {
            let base = String(lower.dropLast(2)) + (lower.hasSuffix("s'") ? "s" : "")
            if let entry = lexicon[base] { return entry }
        }
        // Bytes, not Foundation's substring search: this runs for every word no rule names.
        guard lower.utf8.contains(UInt8(ascii: "-")) else { return nil }
        let joined = String(lower.filter { $0 != "-" })
        if let entry = lexicon[joined] { return entry }
        let parts = lower.split(separator: "-").map(String.init)
        let shown = original.split(separator: "-").map(String.init)
        guard parts.count > 1, parts.contains(where: { lexicon[$0] != nil }) else { return nil }
        var words: [RuleWord] = []
        for (index, part) in parts.enumerated() {
            let text = index < shown.count ? shown[index] : part
            switch lexicon[part] {
            case .word(let id): words.append(RuleWord(text: text, id: id))
            case .replaced(let replacement): words += replacement
            case nil: words.append(RuleWord(text: text, id: -1))
            }
        }
        return .replaced(words)
    }
}
