/// A reply template: text with `{n}` standing for the pattern's n-th part (reflected).
struct Reassembly: Sendable, Hashable, Codable {
    enum Segment: Sendable, Hashable, Codable {
        case text(String)
        /// 1-based part number.
        case part(Int)
    }

    var segments: [Segment]
    /// Every part number used, in order of use.
    var partsUsed: [Int]

    /// A problem in a template, with the character offset where it is.
    struct Problem: Error, Hashable {
        var message: String
        var offset: Int
    }

    /// Reads `{1}`, `{2}`…; a `{` that does not start such a part is an error, so typos show at lint.
    static func parse(_ text: String) -> Result<Reassembly, Problem> {
        var segments: [Segment] = []
        var used: [Int] = []
        var literal = ""
        var index = text.startIndex
        var offset = 0
        while index < text.endIndex {
            let c = text[index]
            if c == "{" {
                var j = text.index(after: index)
                var digits = ""
                while j < text.endIndex, let d = text[j].wholeNumberValue, text[j].isASCII {
                    digits.append(String(d))
                    j = text.index(after: j)
                }
                guard !digits.isEmpty, digits.count <= 3, j < text.endIndex, text[j] == "}", let n = Int(digits), n >= 1 else {
                    let end = text[index...].firstIndex(of: "}").map { text.index(after: $0) } ?? text.endIndex
                    let token = String(text[index..<end].prefix(12))
                    return .failure(Problem(message: "malformed part '\(token)' in reply; write {1}, {2}…", offset: offset))
                }
                if !literal.isEmpty {
                    segments.append(.text(literal))
                    literal = ""
                }
                segments.append(.part(n))
                used.append(n)
                offset += text.distance(from: index, to: j) + 1
                index = text.index(after: j)
                continue
            }
            literal.append(c)
            offset += 1
            index = text.index(after: index)
        }
        if !literal.isEmpty { segments.append(.text(literal)) }
        return .success(Reassembly(segments: segments, partsUsed: used))
    }
}

extension RuleSet {
    /// Longest part a reply echoes: past this it reads as a parrot, not a listener.
    static let maxPartWords = 6
    /// Words that make a part say nothing when they are all it holds ("i want anymore").
    static let emptyWords: Set<String> = ["anymore", "any", "more", "anyway", "anyways", "again", "too", "though", "tho", "lol",
                                          "either", "still", "yet", "ever", "already", "honestly", "actually", "tbh", "idk",
                                          "today", "tonight", "now", "lately", "recently", "sometimes", "atm", "rn"]

    /// Words that open a clause of their own, so a part starting with one does not read as a continuation.
    static let clauseOpeners: Set<String> = ["and", "but", "so", "because", "or", "then", "if", "when", "although", "though", "while"]
    /// Words the rest of a sentence cannot open with after "your" and its subject.
    static let prepositions: Set<String> = ["about", "to", "for", "with", "of", "in", "on", "at", "from", "into", "over", "by", "as", "like", "than"]

    /// Why a reply's parts would not read well in this clause, or nil when they would.
    func partProblem(_ template: Reassembly, pattern: Pattern, starts: [Int], clause: [RuleWord]) -> String? {
        for (position, segment) in template.segments.enumerated() {
            guard case .part(let n) = segment else { continue }
            let range = pattern.range(ofPart: n, in: starts)
            if range.isEmpty {
                if emptyParts == .keep { continue }
                return "{\(n)} is empty"
            }
            if range.count > Self.maxPartWords { return "{\(n)} would echo \(range.count) words (more than \(Self.maxPartWords))" }
            let words = range.map { clause[$0].text.lowercased() }
            if words.allSatisfy(Self.emptyWords.contains) { return "{\(n)} '\(words.joined(separator: " "))' says nothing on its own" }
            // "Your job and you argued with them": a part that starts a clause of its own.
            if let first = words.first, Self.clauseOpeners.contains(first) { return "{\(n)} starts a clause of its own ('\(first) …')" }
            // "Your sister about it": in "Your {2} {3}" the part after the subject is the rest of a
            // sentence, and one that opens with a preposition is no sentence.
            if position > 2, case .text(let between) = template.segments[position - 1], between.allSatisfy(\.isWhitespace),
               case .part = template.segments[position - 2], case .text(let lead) = template.segments[position - 3],
               lead.lowercased().hasSuffix("your "), let first = words.first, Self.prepositions.contains(first) {
                return "{\(n)} after 'your {…}' opens with '\(first)'"
            }
            // "being overreacting": a part that opens with a gerund after "being".
            if position > 0, case .text(let before) = template.segments[position - 1],
               before.lowercased().hasSuffix("being "), let first = words.first, first.hasSuffix("ing"), first.count > 4 {
                return "'being {\(n)}' before '\(first)'"
            }
        }
        return nil
    }
}

/// What a pattern may answer.
enum RuleResponse: Sendable, Codable {
    /// Say this, filled with the matched parts.
    case text(Reassembly)
    /// Use the rules of another keyword (index into the rule set's keywords).
    case goto(Int)
    /// Try the next keyword found in the clause.
    case nextKeyword
    /// Rewrite the clause with this template, then use another keyword's rules on it (ELIZA's PRE).
    case pre(Reassembly, Int)
}
