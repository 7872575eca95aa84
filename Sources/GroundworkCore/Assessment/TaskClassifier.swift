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
    /// The id of the rule behind the reason (`starts:install`, `phrase:write report`), or `base:E0` when no rule for the label matched.
    public var rule: String
    /// The rule's words as written in the rule file; nil when the reason is the label's base reason.
    public var matched: String?

    public init(label: ExposureLabel, reason: String, rule: String, matched: String?) {
        self.label = label
        self.reason = reason
        self.rule = rule
        self.matched = matched
    }
}

/// Suggests E0, E1 or E2 for a task statement from phrase and opening rules kept as data
/// (`dialogues/classifier/task-exposure.yaml`).
///
/// Each matched rule adds its points per label to the base points; the label with the most points
/// wins (ties go to E0, then E1, then E2). The reason is that of the matched rule which explains the
/// winning label and gives it the most points, or the label's base reason when no such rule matched.
public struct TaskClassifier: Sendable {
    struct Rule: Sendable {
        var id: String
        var text: String
        var points: [Int]
        /// The label this rule can explain, with its reason; nil for rules that only add points.
        var explains: (label: ExposureLabel, reason: String)?
    }

    var rules: [Rule]
    /// Rule indices by the rule's words joined with a space, for rules matching anywhere.
    var phraseIndex: [String: [Int]]
    /// Rule indices for rules matching only at the start of the task.
    var openingIndex: [String: [Int]]
    /// Longest rule in words, so classification looks up no longer n-grams.
    var maxWords: Int
    var ignored: Set<String>
    var basePoints: [Int]
    var baseReasons: [String]

    /// The number of rules, for messages and tests.
    public var ruleCount: Int { rules.count }

    /// Suggests a label for `task`, with the reason of the rule that decided it.
    public func classify(_ task: String) -> TaskSuggestion {
        let tokens = TaskClassifier.tokenize(task, ignoring: ignored)
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
        var strongest: [(points: Int, rule: Int)?] = [nil, nil, nil]
        var previous = -1
        for index in matched where index != previous {
            previous = index
            let rule = rules[index]
            for label in 0..<3 { score[label] += rule.points[label] }
            guard let explained = rule.explains?.label.index else { continue }
            let own = rule.points[explained]
            if let best = strongest[explained], best.points >= own { continue }
            strongest[explained] = (own, index)
        }
        var winner = ExposureLabel.e0
        for label in ExposureLabel.allCases where score[label.index] > score[winner.index] { winner = label }
        guard let best = strongest[winner.index] else {
            return TaskSuggestion(label: winner, reason: baseReasons[winner.index], rule: "base:\(winner.rawValue)", matched: nil)
        }
        let rule = rules[best.rule]
        return TaskSuggestion(label: winner, reason: rule.explains?.reason ?? baseReasons[winner.index], rule: rule.id, matched: rule.text)
    }
}
