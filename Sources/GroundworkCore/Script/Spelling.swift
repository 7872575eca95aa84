/// "Did you mean" suggestions for misspelled keys, nodes and names.
enum Spelling {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a likely typo.
    static func closest<S: Sequence>(to word: String, among candidates: S) -> String? where S.Element == String {
        let target = Array(word.lowercased())
        let limit = target.count <= 4 ? 1 : target.count <= 8 ? 2 : 3
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            let d = distance(target, Array(candidate.lowercased()))
            guard d <= limit, d < target.count else { continue }
            if let (name, bestDistance) = best, bestDistance < d || (bestDistance == d && name <= candidate) { continue }
            best = (candidate, d)
        }
        return best?.0
    }

    /// `message` followed by "; did you mean 'x'?" when a close candidate exists.
    static func suggest<S: Sequence>(_ message: String, for word: String, among candidates: S) -> String where S.Element == String {
        guard let match = closest(to: word, among: candidates) else { return message }
        return "\(message); did you mean '\(match)'?"
    }

    /// Levenshtein distance, with a transposition counted as one edit.
    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
