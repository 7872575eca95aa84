/// The exposure rubric of Eloundou et al.: E0 none, E1 an LLM alone halves the time, E2 LLM-based software does.
public enum ExposureLabel: String, Sendable, Hashable, CaseIterable, Codable {
    case e0 = "E0"
    case e1 = "E1"
    case e2 = "E2"

    /// Position in `allCases`, used to index per-label tables.
    var index: Int {
        switch self {
        case .e0: return 0
        case .e1: return 1
        case .e2: return 2
        }
    }
}

/// A suggested label for one task statement, with the rule that decided it.
public struct TaskSuggestion: Sendable, Hashable {
    /// The suggested label.
    public var label: ExposureLabel
    /// A plain-language reason to show the person.
    public var reason: String
    /// The id of the rule that decided: a hand-written phrase (`phrases:translat*`, named by the pattern that fired), a mined rule
    /// (`starts:install`, `phrase:write report`), or `base:E0` when no matched rule gives the reason.
    public var rule: String
    /// The words the reason cites, as written in the rule file; nil when the reason is a general one.
    public var matched: String?

    public init(label: ExposureLabel, reason: String, rule: String, matched: String?) {
        self.label = label
        self.reason = reason
        self.rule = rule
        self.matched = matched
    }
}

/// Suggests E0, E1 or E2 for a task statement from rules kept as data
/// (`dialogues/classifier/task-exposure.yaml`), in two layers.
///
/// First the hand-written `phrases:` in file order: the first whose words all occur in the task, in
/// order and close together, from the first word (anywhere in a short task), decides the label
/// and gives its own reason. When none fires, the mined
/// rules decide: each matched rule adds its points per label to the base points; the label with the
/// most points wins (ties go to E0, then E1, then E2). The reason is that of the strongest matched
/// rule for the winning label whose family's word list names one of its words and which has no
/// word of another label's families right beside it in the task (so 'machine' never reads as
/// hands-on work in 'machine translation'), unless a phrase of another label occurs anywhere in the
/// task; else the label's general family reason when a rule for it matched; else its base reason.
public struct TaskClassifier: Sendable {
    struct Rule: Sendable {
        var id: String
        var text: String
        /// The rule's words as matched against task tokens, and whether they must open the task.
        var words: [String]
        var opening: Bool
        var points: [Int]
        /// The family this rule can explain, by index into `families`; nil for rules that only add points.
        var family: Int?
    }

    /// A reason shared by rules; `words` empty marks a label's general family.
    struct Family: Sendable {
        var id: String
        var label: ExposureLabel
        var reason: String
        var words: [PhraseWord]
    }

    /// One word of a hand-written pattern: a whole (stemmed) word, or a prefix written `translat*`.
    enum PhraseWord: Sendable, Hashable {
        case word(String)
        case prefix(String)

        func matches(_ token: String) -> Bool {
            switch self {
            case .word(let word): return token == word
            case .prefix(let prefix): return token.hasPrefix(prefix)
            }
        }
    }

    /// A hand-written plain-language rule: any of `patterns` firing sets `label` with `reason`.
    struct Phrase: Sendable {
        /// Each alternative as written, beside its words.
        var patterns: [(text: String, words: [PhraseWord])]
        var label: ExposureLabel
        var reason: String
        /// Whether the phrase may match anywhere in a long task, not only from its first word: for
        /// objects that settle the label wherever they stand ('in excel', 'on the crm').
        var anywhere = false
        /// When set, the phrase fires only in tasks of at most this many words: for everyday
        /// fallbacks ('writing …', 'processing …') that hold for short answers but not for long
        /// formal statements, where the same word often opens a different kind of task.
        var within: Int?
    }

    /// At most this many other words may stand between neighbouring words of a hand-written pattern.
    static let phraseGap = 2
    /// In a task of at most this many words a hand-written pattern may start anywhere; in a longer
    /// one it must start at the first word, the task's main activity. Long formal statements name
    /// several activities, and a phrase about a later one would overrule the mined rules wrongly.
    static let phraseAnywhereUpTo = 5

    /// Openings of sentence-style answers ('i spend most of my week', 'mostly', 'a lot of') taken
    /// off the front of a task, again and again, before matching: they say how much, not what, so
    /// they must not change the label or push the main activity off the first word.
    var leadIns: [[PhraseWord]] = []
    /// Everyday words read as the plain word the phrases use ('salesforce' and 'zendesk' as 'crm',
    /// 'xero' as 'accounts'), so one phrase covers the many names people give the same thing.
    var vocabulary: [String: String] = [:]
    /// Changing the phrases or families rebuilds their word indexes, which `classify` relies on.
    var phrases: [Phrase] = [] { didSet { indexPhrasesAndFamilies() } }
    var rules: [Rule]
    var families: [Family] = [] { didSet { indexPhrasesAndFamilies() } }
    /// Rule indices by the rule's words joined with a space, for rules matching anywhere.
    var phraseIndex: [String: [Int]]
    /// Rule indices for rules matching only at the start of the task.
    var openingIndex: [String: [Int]]
    /// Longest rule in words, so classification looks up no longer n-grams.
    var maxWords: Int
    var ignored: Set<String>
    var basePoints: [Int]
    var baseReasons: [String]
    /// The first words of every phrase pattern, by pattern id (see `indexPhrasesAndFamilies`).
    var firstWords = WordIndex()
    /// Each pattern id's phrase and its place among the phrase's patterns, in file order.
    var patternOwners: [(phrase: Int, pattern: Int)] = []
    /// The families' words, by family index.
    var familyWords = WordIndex()

    /// The number of mined rules, for messages and tests.
    public var ruleCount: Int { rules.count }
    /// The number of hand-written phrases.
    public var phraseCount: Int { phrases.count }

    /// Suggests a label for `task`, with the reason of the rule that decided it.
    public func classify(_ task: String) -> TaskSuggestion {
        let written = TaskClassifier.tokenize(task, ignoring: ignored)
        let tokens = withoutLeadIns(written.map { vocabulary[$0] ?? $0 })
        // Lead-ins come off the front only, so the person's own words line up with the tail.
        let own = Array(written.suffix(tokens.count))
        // Only patterns whose first word matches where a pattern may start can occur; in id order
        // they are tried as the file lists them, so the first that occurs is the first phrase's.
        let opening = tokens.count <= TaskClassifier.phraseAnywhereUpTo ? 0..<tokens.count : 0..<min(1, tokens.count)
        var candidates = patternsOpening(at: opening, of: tokens)
        if opening.count < tokens.count {
            let later = patternsOpening(at: opening.upperBound..<tokens.count, of: tokens)
                .filter { phrases[patternOwners[$0].phrase].anywhere && !candidates.contains($0) }
            if !later.isEmpty { candidates = Array(Set(candidates + later)).sorted() }
        }
        for id in candidates {
            let (phraseIndex, patternIndex) = patternOwners[id]
            let phrase = phrases[phraseIndex], fired = phrase.patterns[patternIndex]
            if let within = phrase.within, tokens.count > within { continue }
            guard TaskClassifier.occurs(fired.words, in: tokens, anywhere: phrase.anywhere) else { continue }
            return TaskSuggestion(label: phrase.label, reason: phrase.reason, rule: "phrases:\(fired.text)",
                                  matched: TaskClassifier.evidence(fired.text, tokens: tokens, own: own))
        }
        var matched: [Int] = []
        if !tokens.isEmpty {
            for start in tokens.indices {
                var key = ""
                for length in 1...maxWords where start + length <= tokens.count {
                    if length > 1 { key += " " }
                    key += tokens[start + length - 1]
                    if let hits = phraseIndex[key] { matched.append(contentsOf: hits) }
                    if start == 0, let hits = openingIndex[key] { matched.append(contentsOf: hits) }
                }
            }
        }
        // Each rule counts once however often its words occur; file order settles ties in reasons.
        matched.sort()
        var score = basePoints
        var unique: [Int] = []
        var previous = -1
        for index in matched where index != previous {
            previous = index
            unique.append(index)
            for label in 0..<3 { score[label] += rules[index].points[label] }
        }
        var winner = ExposureLabel.e0
        for label in ExposureLabel.allCases where score[label.index] > score[winner.index] { winner = label }
        // A phrase naming an activity of another label later in a long task makes any specific
        // reason for the winner doubtful ('adjust' in 'adjust machine translation output').
        let anywhere = opening.count == tokens.count ? candidates : patternsOpening(at: 0..<tokens.count, of: tokens)
        let doubtful = anywhere.contains { id in
            let (phraseIndex, patternIndex) = patternOwners[id]
            return phrases[phraseIndex].label != winner
                && TaskClassifier.occurs(phrases[phraseIndex].patterns[patternIndex].words, in: tokens, anywhere: true)
        }
        return explain(winner, rules: unique, tokens: tokens, specific: !doubtful)
    }

    /// The reason for `label` from the matched mined rules (see the type's documentation).
    private func explain(_ label: ExposureLabel, rules matched: [Int], tokens: [String], specific: Bool) -> TaskSuggestion {
        var best: (points: Int, rule: Int)?
        var strongest: Int?
        for index in matched {
            guard let family = rules[index].family, families[family].label == label else { continue }
            let own = rules[index].points[label.index]
            if strongest.map({ rules[$0].points[label.index] < own }) ?? true { strongest = index }
            guard specific, !families[family].words.isEmpty, !contradicted(index, label, tokens) else { continue }
            if let current = best, current.points >= own { continue }
            best = (own, index)
        }
        if let best {
            let rule = rules[best.rule]
            let reason = rule.family.map { families[$0].reason } ?? baseReasons[label.index]
            return TaskSuggestion(label: label, reason: reason, rule: rule.id, matched: rule.text)
        }
        if let strongest, let general = families.first(where: { $0.label == label && $0.words.isEmpty }) {
            return TaskSuggestion(label: label, reason: general.reason, rule: rules[strongest].id, matched: nil)
        }
        return TaskSuggestion(label: label, reason: baseReasons[label.index], rule: "base:\(label.rawValue)", matched: nil)
    }

    /// Whether a word right beside the rule's words in the task belongs to a family explaining
    /// another label, so that citing the rule would mislead ('machine' beside 'translation').
    private func contradicted(_ index: Int, _ label: ExposureLabel, _ tokens: [String]) -> Bool {
        let words = rules[index].words
        let starts = rules[index].opening ? [0] : Array(0...max(0, tokens.count - words.count))
        for start in starts where start + words.count <= tokens.count && Array(tokens[start..<(start + words.count)]) == words {
            var matching: [Int] = []
            for neighbour in [start - 1, start + words.count] where tokens.indices.contains(neighbour) {
                familyWords.collect(matching: tokens[neighbour], into: &matching)
            }
            if matching.contains(where: { families[$0].label != label }) { return true }
        }
        return false
    }

    /// The pattern as written, with each plain word the vocabulary read in put back as the
    /// person's own word ('updat* crm' for 'updating salesforce' is shown as 'updat* salesforce'),
    /// so the reason names what they wrote.
    static func evidence(_ pattern: String, tokens: [String], own: [String]) -> String {
        guard tokens != own else { return pattern }
        let shown = pattern.split(separator: " ").map { piece -> String in
            let word = String(piece)
            guard let index = tokens.indices.first(where: { tokens[$0] == word && own[$0] != word }) else { return word }
            return own[index]
        }
        return shown.joined(separator: " ")
    }

    /// `tokens` with every lead-in at the front taken off, as long as one matches word for word
    /// and something is left after it (a task that is only 'a lot' keeps its words).
    func withoutLeadIns(_ tokens: [String]) -> [String] {
        var rest = tokens[...]
        var changed = true
        while changed {
            changed = false
            for leadIn in leadIns where leadIn.count < rest.count {
                guard zip(leadIn, rest).allSatisfy({ $0.matches($1) }) else { continue }
                rest = rest.dropFirst(leadIn.count)
                changed = true
                break
            }
        }
        return Array(rest)
    }

    /// Whether `pattern` occurs in `tokens` in order, with at most `phraseGap` words between
    /// neighbours, starting at the first word unless the task is short (`phraseAnywhereUpTo`) or
    /// `anywhere` is set.
    static func occurs(_ pattern: [PhraseWord], in tokens: [String], anywhere: Bool = false) -> Bool {
        guard let first = pattern.first else { return false }
        func extend(_ next: Int, after position: Int) -> Bool {
            if next == pattern.count { return true }
            let last = min(tokens.count - 1, position + 1 + phraseGap)
            guard position + 1 <= last else { return false }
            for candidate in (position + 1)...last where pattern[next].matches(tokens[candidate]) {
                if extend(next + 1, after: candidate) { return true }
            }
            return false
        }
        let starts = anywhere || tokens.count <= phraseAnywhereUpTo ? tokens.count : min(1, tokens.count)
        for position in 0..<starts where first.matches(tokens[position]) {
            if extend(1, after: position) { return true }
        }
        return false
    }
}
