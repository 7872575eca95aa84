extension TaskClassifier {
    /// The hand-written words and prefixes (`translat*`) of the phrases or families, indexed so that
    /// finding those matching a task word costs a dictionary lookup and a few `hasPrefix` calls
    /// instead of one `hasPrefix` per pattern (about 640 per task before).
    ///
    /// Whole words are keyed by the word; prefixes of at least `keyLength` characters by their first
    /// `keyLength` characters (a word can only start with such a prefix if it starts with those);
    /// shorter prefixes are tried one by one. Every candidate is still confirmed by
    /// `PhraseWord.matches`, so the answers are exactly those of trying every entry.
    struct WordIndex: Sendable {
        static let keyLength = 3
        private var words: [String: [Int]] = [:]
        private var prefixes: [String: [(prefix: String, id: Int)]] = [:]
        private var shortPrefixes: [(prefix: String, id: Int)] = []

        init() {}

        /// Adds `word` as entry `id`; an id may be added under several words.
        mutating func add(_ word: PhraseWord, id: Int) {
            switch word {
            case .word(let text):
                words[text, default: []].append(id)
            case .prefix(let prefix):
                if prefix.count >= Self.keyLength {
                    prefixes[String(prefix.prefix(Self.keyLength)), default: []].append((prefix, id))
                } else {
                    shortPrefixes.append((prefix, id))
                }
            }
        }

        /// Appends the id of every entry matching `token` (an id once per matching word).
        func collect(matching token: String, into ids: inout [Int]) {
            if let hits = words[token] { ids.append(contentsOf: hits) }
            for entry in shortPrefixes where token.hasPrefix(entry.prefix) { ids.append(entry.id) }
            guard !prefixes.isEmpty, let bucket = prefixes[String(token.prefix(Self.keyLength))] else { return }
            for entry in bucket where token.hasPrefix(entry.prefix) { ids.append(entry.id) }
        }
    }

    /// Builds the indexes of the phrases' first words and of the families' words; call once the
    /// phrases and families are final.
    mutating func indexPhrasesAndFamilies() {
        firstWords = WordIndex()
        patternOwners = []
        for (phraseIndex, phrase) in phrases.enumerated() {
            for (patternIndex, pattern) in phrase.patterns.enumerated() {
                guard let first = pattern.words.first else { continue }
                firstWords.add(first, id: patternOwners.count)
                patternOwners.append((phraseIndex, patternIndex))
            }
        }
        familyWords = WordIndex()
        for (index, family) in families.enumerated() {
            for word in family.words { familyWords.add(word, id: index) }
        }
    }

    /// The patterns (ids into `patternOwners`, ascending, so in file order) whose first word matches
    /// one of `tokens[positions]`.
    func patternsOpening(at positions: Range<Int>, of tokens: [String]) -> [Int] {
        var ids: [Int] = []
        for position in positions { firstWords.collect(matching: tokens[position], into: &ids) }
        ids.sort()
        return ids
    }
}
