extension TaskClassifier {
    /// Lowercase words of two or more letters or digits, minus `ignoring`, with plural endings
    /// trimmed. Must stay in step with `tokenize` in scripts/classifier/taskrules.py, which mines the rules.
    static func tokenize(_ text: String, ignoring: Set<String>) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if current.count > 1 {
                let word = String(current)
                if !ignoring.contains(word) { tokens.append(stem(word)) }
            }
            current = String.UnicodeScalarView()
        }
        for scalar in text.lowercased().unicodeScalars {
            let isWordPart = scalar.isASCII
                ? (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar))
                : scalar.properties.isAlphabetic
            if isWordPart {
                current.append(scalar)
            } else if !current.isEmpty {
                flush()
            }
        }
        flush()
        return tokens
    }

    /// Trims a plural ending: `-ies` to `-y`, a final `-s` unless the word ends in `ss`, `us` or `is`.
    static func stem(_ word: String) -> String {
        let scalars = word.unicodeScalars
        let length = scalars.count
        if length > 4, word.hasSuffix("ies") {
            return String(String.UnicodeScalarView(scalars.dropLast(3))) + "y"
        }
        if length > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") {
            return String(String.UnicodeScalarView(scalars.dropLast()))
        }
        return word
    }
}
