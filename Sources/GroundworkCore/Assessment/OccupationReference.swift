/// Published occupation-level exposure (Eloundou et al. 2024) to show beside a person's own score.
///
/// Read from a CSV in the format of `occupation-exposure.csv`: `O*NET-SOC Code, Title,
/// dv_rating_alpha, dv_rating_beta, dv_rating_gamma, human_rating_alpha, human_rating_beta,
/// human_rating_gamma` (dv = GPT-4's ratings). The file is the user's, given by path; Core only
/// parses the text it is handed.
public struct OccupationReference: Sendable {
    /// One occupation's published measures.
    public struct Occupation: Sendable, Hashable {
        public var code: String
        public var title: String
        /// Beta from the human annotators, when present.
        public var humanBeta: Double?
        /// Beta from GPT-4's ratings, when present.
        public var modelBeta: Double?
        public var humanAlpha: Double?
        public var modelAlpha: Double?

        /// The figure shown: the human annotators' beta, else GPT-4's.
        public var beta: Double? { humanBeta ?? modelBeta }
    }

    /// A candidate occupation for a job title, with how well the titles agree (0…1).
    public struct Match: Sendable, Hashable {
        public var occupation: Occupation
        public var score: Double
    }

    public var occupations: [Occupation]
    /// Each occupation's title as normalised words, parallel to `occupations`.
    private var titleWords: [[String]]

    public init(occupations: [Occupation]) {
        self.occupations = occupations
        self.titleWords = occupations.map { Self.words($0.title) }
    }
}

/// Why a reference file could not be read.
public struct OccupationReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    public var description: String { "\(location): error: \(message)" }
}

extension OccupationReference {
    static let requiredColumns = ["O*NET-SOC Code", "Title"]

    /// Parses the CSV text of a reference file (`path` is used in messages only).
    public static func parse(csv: String, path: String) throws(OccupationReferenceError) -> OccupationReference {
        let rows = CSV.rows(csv)
        guard let header = rows.first, !header.isEmpty else {
            throw OccupationReferenceError(location: SourceLocation(path: path, line: 1, column: 1), message: "reference file is empty")
        }
        func column(_ name: String) -> Int? { header.firstIndex { $0.trimmingWhitespace() == name } }
        guard let codeColumn = column("O*NET-SOC Code"), let titleColumn = column("Title") else {
            throw OccupationReferenceError(location: SourceLocation(path: path, line: 1, column: 1),
                                           message: "reference file needs the columns 'O*NET-SOC Code' and 'Title'")
        }
        let humanBeta = column("human_rating_beta"), modelBeta = column("dv_rating_beta")
        let humanAlpha = column("human_rating_alpha"), modelAlpha = column("dv_rating_alpha")
        guard humanBeta != nil || modelBeta != nil else {
            throw OccupationReferenceError(location: SourceLocation(path: path, line: 1, column: 1),
                                           message: "reference file needs 'human_rating_beta' or 'dv_rating_beta'")
        }
        var occupations: [Occupation] = []
        for (index, row) in rows.enumerated().dropFirst() {
            if row.count == 1, row[0].trimmingWhitespace().isEmpty { continue }
            guard row.count == header.count else {
                throw OccupationReferenceError(location: SourceLocation(path: path, line: index + 1, column: 1),
                                               message: "expected \(header.count) fields, found \(row.count)")
            }
            func number(_ c: Int?) throws(OccupationReferenceError) -> Double? {
                guard let c else { return nil }
                let text = row[c].trimmingWhitespace()
                if text.isEmpty { return nil }
                guard let x = Double(text), x.isFinite else {
                    throw OccupationReferenceError(location: SourceLocation(path: path, line: index + 1, column: 1),
                                                   message: "'\(text)' is not a number")
                }
                return x
            }
            occupations.append(Occupation(code: row[codeColumn].trimmingWhitespace(), title: row[titleColumn].trimmingWhitespace(),
                                          humanBeta: try number(humanBeta), modelBeta: try number(modelBeta),
                                          humanAlpha: try number(humanAlpha), modelAlpha: try number(modelAlpha)))
        }
        return OccupationReference(occupations: occupations)
    }

    /// The occupations whose titles best match `title`, best first (ties in file order).
    public func matches(for title: String, limit: Int = 3) -> [Match] {
        let query = Self.words(title)
        guard !query.isEmpty else { return [] }
        var scored: [(Int, Double)] = []
        for (i, words) in titleWords.enumerated() where !words.isEmpty {
            var matched = 0.0
            for q in query { matched += words.map { Self.similarity(q, $0) }.max() ?? 0 }
            // Dice-style: matched words against the length of both titles, so extra words cost.
            let score = 2 * matched / Double(query.count + words.count)
            if score >= 0.3 { scored.append((i, score)) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return scored.prefix(max(0, limit)).map { Match(occupation: occupations[$0.0], score: $0.1) }
    }

    /// Flow variables for a job title: `reference.count` (0…3) and, for n = 1…3,
    /// `reference.title<n>`, `reference.code<n>`, `reference.score<n>` (round(100 × beta)) and
    /// `reference.line<n>` (a sentence to show beside the person's own score).
    public func variables(for title: String, prefix: String = "reference") -> [String: Value] {
        let found = matches(for: title)
        var v: [String: Value] = ["\(prefix).count": .number(Double(found.count))]
        for (n, match) in zip(1..., found) {
            let o = match.occupation
            v["\(prefix).title\(n)"] = .string(o.title)
            v["\(prefix).code\(n)"] = .string(o.code)
            if let beta = o.beta {
                let score = (beta * 100).rounded()
                v["\(prefix).score\(n)"] = .number(score)
                let who = o.humanBeta != nil ? "human annotators" : "GPT-4 ratings"
                v["\(prefix).line\(n)"] = .string("Published exposure for \(o.title) (\(o.code)): \(Value.number(score).text) out of 100 (beta from \(who), Eloundou et al. 2024).")
            }
        }
        return v
    }

    // MARK: matching

    static let stopWords: Set<String> = ["and", "of", "the", "a", "an", "in", "for", "all", "other", "except", "to", "at", "on", "my", "i", "am", "work", "as"]

    /// Lowercased words without punctuation, stop words or plural endings.
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty, !stopWords.contains(current) { out.append(stem(current)) }
            current = ""
        }
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber { current.append(ch) } else { flush() }
        }
        flush()
        return out
    }

    static func stem(_ word: String) -> String {
        if word.count > 4, word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        for ending in ["ches", "shes", "sses", "xes"] where word.hasSuffix(ending) { return String(word.dropLast(2)) }
        if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") { return String(word.dropLast()) }
        return word
    }

    /// 1 for the same word, 0.8 for one typo in a longer word, 0.6 when one starts the other, else 0.
    static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        let x = Array(a), y = Array(b)
        if min(x.count, y.count) >= 5, abs(x.count - y.count) <= 1, editDistance(x, y) <= 1 { return 0.8 }
        if min(x.count, y.count) >= 4, a.hasPrefix(b) || b.hasPrefix(a) { return 0.6 }
        return 0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// A small RFC 4180 reader: commas, quoted fields with doubled quotes, CRLF or LF line ends.
enum CSV {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let ch = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else {
                    field.append(ch)
                }
                continue
            }
            switch ch {
            case "\"" where field.isEmpty: quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n", "\r":
                row.append(field); field = ""
                rows.append(row); row = []
            default: field.append(ch)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
