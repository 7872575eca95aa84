/// A decomposition pattern compiled to word ids: literal words, `*`, `_`, `(a|b)` and `@group`.
struct Pattern: Sendable, Codable {
    /// One element of a pattern; every kind but `word` is a part (`{n}` in replies).
    enum Element: Sendable, Hashable, Codable {
        /// Zero or more words.
        case star
        /// Exactly one word, any word.
        case one
        /// This word.
        case word(Int32)
        /// One word out of a few (alternatives), searched linearly: they are short.
        case anyOf([Int32])
        /// One word out of a large set (a synonym group).
        case set(Set<Int32>)

        var isPart: Bool {
            if case .word = self { return false }
            return true
        }

        /// Whether a single-word element accepts the word with this id (-1: a word no rule knows).
        @inline(__always)
        func accepts(_ id: Int32) -> Bool {
            switch self {
            case .star, .one: return true
            case .word(let w): return w == id
            case .anyOf(let ids): return ids.contains(id)
            case .set(let ids): return ids.contains(id)
            }
        }
    }

    var elements: [Element]
    /// Element index of each part: `{1}` is `elements[parts[0]]`.
    var parts: [Int]
    /// The pattern as written, for `/why`.
    var source: String

    init(elements: [Element], source: String) {
        self.elements = elements
        self.parts = elements.indices.filter { elements[$0].isPart }
        self.source = source
    }

    /// Matches the whole clause. On success returns where each element starts (one more entry than
    /// elements; the last is `ids.count`). Earlier `*` take as few words as they can.
    ///
    /// Every element but `*` takes exactly one word, so only the latest `*` ever needs to grow
    /// (the classic wildcard match): time is bounded by elements × words, whatever the pattern.
    func match(_ ids: [Int32]) -> [Int]? {
        let count = elements.count
        let total = ids.count
        var starts = [Int](repeating: 0, count: count + 1)
        starts[count] = total
        var e = 0
        var w = 0
        var star = -1
        var starWord = 0
        while w < total {
            if e < count {
                let element = elements[e]
                if case .star = element {
                    starts[e] = w
                    star = e
                    starWord = w
                    e += 1
                    continue
                }
                if element.accepts(ids[w]) {
                    starts[e] = w
                    e += 1
                    w += 1
                    continue
                }
            }
            guard star >= 0 else { return nil }
            starWord += 1
            w = starWord
            e = star + 1
        }
        while e < count, case .star = elements[e] {
            starts[e] = w
            e += 1
        }
        return e == count ? starts : nil
    }

    /// The word range of part `n` (1-based) in a match returned by `match`.
    func range(ofPart n: Int, in starts: [Int]) -> Range<Int> {
        let e = parts[n - 1]
        if case .star = elements[e] { return starts[e]..<starts[e + 1] }
        return starts[e]..<(starts[e] + 1)
    }
}

/// A pattern as written, before words are looked up: what the loader checks.
enum PatternSyntax: Sendable, Hashable, Codable {
    case star
    case one
    case word(String)
    case group(String)
    case alternatives([Alternative])

    /// One choice inside `( | )`.
    enum Alternative: Sendable, Hashable, Codable {
        case word(String)
        case group(String)
    }

    /// A problem in a pattern, with the offset (in characters) where it is.
    struct Problem: Error, Hashable {
        var message: String
        var offset: Int
    }

    /// Most elements a pattern may have.
    static let maxElements = 64

    /// Splits a pattern into elements. Words are lowercased; curly apostrophes become straight.
    static func parse(_ text: String) -> Result<[PatternSyntax], Problem> {
        let chars = Array(RuleText.normalised(text))
        var result: [PatternSyntax] = []
        var i = 0
        func isSpace(_ c: Character) -> Bool { c.isWhitespace }
        func token(from start: Int, stoppingAt stops: Set<Character>) -> (String, Int) {
            var j = start
            while j < chars.count, !isSpace(chars[j]), !stops.contains(chars[j]) { j += 1 }
            return (String(chars[start..<j]).lowercased(), j)
        }
        func group(_ name: String, at offset: Int) -> Result<String, Problem> {
            let groupName = String(name.dropFirst())
            if groupName.isEmpty { return .failure(Problem(message: "'@' needs a synonym group name", offset: offset)) }
            return .success(groupName)
        }
        while i < chars.count {
            let c = chars[i]
            if isSpace(c) { i += 1; continue }
            if c == ")" { return .failure(Problem(message: "unbalanced ')' in pattern '\(text)'", offset: i)) }
            if c == "|" { return .failure(Problem(message: "'|' outside '( )' in pattern '\(text)'", offset: i)) }
            if c == "(" {
                let open = i
                // A '(' with no ')' before the next '(' or the end is the likeliest mistake: say so.
                guard let close = chars[(i + 1)...].firstIndex(where: { $0 == ")" || $0 == "(" }) else {
                    return .failure(Problem(message: "unbalanced '(' in pattern '\(text)'", offset: open))
                }
                if chars[close] == "(" { return .failure(Problem(message: "nested '(' in pattern '\(text)'", offset: close)) }
                var alternatives: [Alternative] = []
                i += 1
                var closed = false
                var expectingAlternative = true
                while i < chars.count {
                    let d = chars[i]
                    if isSpace(d) { i += 1; continue }
                    if d == "(" { return .failure(Problem(message: "nested '(' in pattern '\(text)'", offset: i)) }
                    if d == "|" || d == ")" {
                        if expectingAlternative {
                            return .failure(Problem(message: "empty alternative in pattern '\(text)'", offset: i))
                        }
                        i += 1
                        if d == ")" { closed = true; break }
                        expectingAlternative = true
                        continue
                    }
                    if !expectingAlternative {
                        return .failure(Problem(message: "alternatives must be single words separated by '|' in pattern '\(text)'", offset: i))
                    }
                    let start = i
                    let (word, end) = token(from: i, stoppingAt: ["(", ")", "|"])
                    i = end
                    if word.hasPrefix("@") {
                        switch group(word, at: start) {
                        case .success(let name): alternatives.append(.group(name))
                        case .failure(let problem): return .failure(problem)
                        }
                    } else if word == "*" || word == "_" {
                        return .failure(Problem(message: "'\(word)' cannot be an alternative in pattern '\(text)'", offset: start))
                    } else {
                        alternatives.append(.word(word))
                    }
                    expectingAlternative = false
                }
                if !closed || i != close + 1 { return .failure(Problem(message: "unbalanced '(' in pattern '\(text)'", offset: open)) }
                result.append(.alternatives(alternatives))
                continue
            }
            let start = i
            let (word, end) = token(from: i, stoppingAt: ["(", ")", "|"])
            i = end
            switch word {
            case "*": result.append(.star)
            case "_": result.append(.one)
            default:
                if word.hasPrefix("@") {
                    switch group(word, at: start) {
                    case .success(let name): result.append(.group(name))
                    case .failure(let problem): return .failure(problem)
                    }
                } else if word.contains(Character("*")) {
                    return .failure(Problem(message: "'*' must stand alone in pattern '\(text)'", offset: start))
                } else if !word.contains(where: { $0.isLetter || $0.isNumber }) {
                    // Input is split at punctuation, so a word of marks alone never matches: "(so|very)?"
                    // is not an optional part.
                    return .failure(Problem(message: "'\(word)' never matches (patterns have no optional parts; write a second pattern) in pattern '\(text)'",
                                            offset: start))
                } else {
                    result.append(.word(word))
                }
            }
        }
        if result.isEmpty { return .failure(Problem(message: "empty pattern", offset: 0)) }
        if result.count > maxElements {
            return .failure(Problem(message: "pattern has more than \(maxElements) elements", offset: 0))
        }
        return .success(result)
    }
}
