import GroundworkCore

/// Deterministic journal lines and generated keywords for the reflection benchmark.
///
/// The lines read like journal entries (several clauses, pronouns, family, work, feelings) so the
/// real rule set's keywords fire the way they would in use; about one line in 200 also carries one
/// of the generated words, so the generated keywords match rarely but do match.
enum JournalCorpus {
    static let openers = [
        "I", "I think I", "Today I", "Honestly I", "Lately I", "Sometimes I", "At work I", "This morning I",
        "I guess I", "Yesterday I", "Mostly I", "Again I",
    ]
    static let verbs = [
        "feel", "felt", "remember", "want", "need", "am", "was", "wish", "hate", "love", "worry about",
        "keep thinking about", "can't stop thinking about", "dont like", "recall", "dream about", "miss",
        "am afraid of", "am tired of", "forgot",
    ]
    static let objects = [
        "my job", "my mother", "my father", "my sister", "my brother", "my partner", "my children",
        "the meeting", "my manager", "the deadline", "my team", "the new software", "being replaced",
        "the future", "money", "my friends", "the project", "my career", "sleep", "the layoffs",
        "my wife", "my husband", "nothing in particular", "everything", "the review", "the weekend",
        "my health", "that conversation", "the promotion", "my colleague",
    ]
    static let tails = [
        "", "", "", " because it matters to me", " and I do not know why", " more than I should",
        " every single day", " when nobody is around", " since last year", " and it makes me anxious",
        " but maybe that is fine", " because of the machines", " at night",
    ]
    static let extraClauses = [
        "Work was long.", "Nobody asked.", "It rained all day.", "The coffee was cold.",
        "Perhaps it is nothing.", "I'm not sure.", "You always say that.", "Why does it feel like this?",
        "Can you help me?", "Everyone seems busy.", "It was a strange day.", "Maybe tomorrow.",
        "My manager said yes.", "I dont know.", "We talked for hours.", "I cant sleep.",
    ]

    /// `count` lines from `seed`; `rareWords` are sprinkled into about one line in 200.
    static func lines(count: Int, seed: UInt64, rareWords: [String]) -> [String] {
        var random = SplitMix64(seed: seed)
        var lines: [String] = []
        lines.reserveCapacity(count)
        for _ in 0..<count {
            var line = ""
            if random.chance(1, in: 3) { line += random.pick(extraClauses) + " " }
            line += "\(random.pick(openers)) \(random.pick(verbs)) \(random.pick(objects))\(random.pick(tails))"
            if !rareWords.isEmpty, random.chance(1, in: 200) {
                line += " and the \(random.pick(rareWords))"
            }
            line += random.pick([".", ".", "!", "?", "..."])
            if random.chance(1, in: 2) { line += " " + random.pick(extraClauses) }
            lines.append(line)
        }
        return lines
    }

    /// `count` distinct made-up words (`zobrelan`, ...) that appear in no English text and not in
    /// `avoiding`; the same seed gives the same words, and a shorter list is a prefix of a longer one.
    static func words(count: Int, seed: UInt64, avoiding: Set<String>) -> [String] {
        let onsets = ["b", "br", "d", "dr", "f", "g", "gl", "k", "kr", "l", "m", "n", "p", "pl", "r", "s", "st", "t", "tr", "v", "z", "zh"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "eu", "oa"]
        let codas = ["", "n", "l", "r", "m", "x", "q"]
        var random = SplitMix64(seed: seed)
        var seen = avoiding
        var words: [String] = []
        while words.count < count {
            var word = ""
            for _ in 0..<3 { word += random.pick(onsets) + random.pick(vowels) }
            word += random.pick(codas)
            if seen.insert(word).inserted { words.append(word) }
        }
        return words
    }

    /// Where a rule set's block-style `keywords:` list sits: the header line and the list's indentation.
    private static func keywordList(_ lines: [String]) -> (header: Int, indent: Int)? {
        guard let header = lines.firstIndex(where: { $0.hasPrefix("keywords:") && $0.dropFirst("keywords:".count).allSatisfy(\.isWhitespace) }),
              let first = lines[(header + 1)...].firstIndex(where: { !isBlankOrComment($0) }),
              lines[first].drop(while: { $0 == " " }).hasPrefix("- ")
        else { return nil }
        return (header, lines[first].prefix(while: { $0 == " " }).count)
    }

    private static func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.drop(while: { $0 == " " })
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    /// The number of entries in the `keywords:` list (items at the list's indentation), counted in
    /// the text so the bench needs nothing from the compiled rule set but `respond`.
    static func keywordCount(_ ruleSetYAML: String) -> Int? {
        let lines = ruleSetYAML.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let (header, indent) = keywordList(lines) else { return nil }
        var count = 0
        for line in lines[(header + 1)...] where !isBlankOrComment(line) {
            let lineIndent = line.prefix(while: { $0 == " " }).count
            if lineIndent < indent || (lineIndent == indent && !line.dropFirst(indent).hasPrefix("- ")) { break }
            if lineIndent == indent { count += 1 }
        }
        return count
    }

    /// `ruleSetYAML` with one generated keyword per word inserted at the top of its `keywords:`
    /// list, at the list's own indentation; nil when the file has no block-style `keywords:` list.
    static func ruleSet(_ ruleSetYAML: String, adding words: [String]) -> String? {
        var lines = ruleSetYAML.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let (header, indentCount) = keywordList(lines) else { return nil }
        let indent = String(repeating: " ", count: indentCount)
        var block: [String] = []
        block.reserveCapacity(words.count * 5)
        for word in words {
            block.append("\(indent)- word: \(word)")
            block.append("\(indent)  rank: 1")
            block.append("\(indent)  patterns:")
            block.append("\(indent)    - match: \"* \(word) *\"")
            block.append("\(indent)      replies: [\"What does \(word) mean to you?\", \"Tell me more about {2}.\"]")
        }
        lines.insert(contentsOf: block, at: header + 1)
        return lines.joined(separator: "\n")
    }

    /// Lowercased words of a text, to keep generated words clear of real ones.
    static func vocabulary(of text: String) -> Set<String> {
        var words = Set<String>()
        var current = ""
        for character in text.lowercased() {
            if character.isLetter {
                current.append(character)
            } else if !current.isEmpty {
                words.insert(current)
                current = ""
            }
        }
        if !current.isEmpty { words.insert(current) }
        return words
    }
}
