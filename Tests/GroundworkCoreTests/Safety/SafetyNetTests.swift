import Testing
@testable import GroundworkCore

/// The real `dialogues/rules/safety.yaml` against the labelled phrase set: every positive caught,
/// no negative flagged, with recall and false-positive rate printed.
@Suite struct SafetyNetTests {
    /// The bundled safety rule set, loaded once exactly as the app loads it, with its diagnostics.
    static let loaded: (rules: RuleSet?, diagnostics: [String]) = {
        let path = "dialogues/rules/safety.yaml"
        guard let text = try? BundledScripts.read(path) else { return (nil, ["cannot read \(path)"]) }
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: path, text: text)], prompts: [])
        return (library.ruleSets["safety"], diagnostics.map(\.description))
    }()

    static func safetyRules() throws -> RuleSet {
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        return try #require(loaded.rules)
    }

    /// Whether the safety net fires on `line`: the engine fires when a keyword matched.
    static func fires(_ rules: RuleSet, _ line: String) -> RuleReply? {
        var memory = ListenerMemory()
        let reply = rules.respond(to: line, memory: &memory)
        return reply.keyword == nil ? nil : reply
    }

    @Test func theSetIsLargeVariedAndUnique() {
        let positives = SafetyPhrases.positives.map(\.text)
        let all = positives + SafetyPhrases.negatives
        #expect(all.count >= 150)
        #expect(positives.count >= 60 && SafetyPhrases.negatives.count >= 60)
        #expect(Set(all.map { $0.lowercased() }).count == all.count, "duplicate phrases")
        #expect(positives.contains { $0.contains("’") }, "curly apostrophes")
        #expect(Set(SafetyPhrases.positives.map(\.category)) == ["suicide", "self-harm", "harm-others", "abuse"])
    }

    @Test(arguments: SafetyPhrases.positives.map(\.text))
    func positiveIsCaught(_ line: String) throws {
        let rules = try Self.safetyRules()
        #expect(Self.fires(rules, line) != nil, "missed: '\(line)'")
    }

    @Test(arguments: SafetyPhrases.negatives)
    func negativeIsLeftAlone(_ line: String) throws {
        let rules = try Self.safetyRules()
        let reply = Self.fires(rules, line)
        #expect(reply == nil, "flagged: '\(line)' by \(reply?.explanation ?? "")")
    }

    /// Prints the report and holds the target: recall 1, false-positive rate 0.
    @Test func recallAndFalsePositiveRate() throws {
        let rules = try Self.safetyRules()
        let missed = SafetyPhrases.positives.filter { Self.fires(rules, $0.text) == nil }
        let flagged = SafetyPhrases.negatives.filter { Self.fires(rules, $0) != nil }
        let recall = Double(SafetyPhrases.positives.count - missed.count) / Double(SafetyPhrases.positives.count)
        let falsePositiveRate = Double(flagged.count) / Double(SafetyPhrases.negatives.count)
        var report = "safety net: \(SafetyPhrases.positives.count) positives, \(SafetyPhrases.negatives.count) negatives; "
        report += "recall \(percent(recall)), false-positive rate \(percent(falsePositiveRate))"
        for category in ["suicide", "self-harm", "harm-others", "abuse"] {
            let inCategory = SafetyPhrases.positives.filter { $0.category == category }
            let caught = inCategory.count - missed.filter { $0.category == category }.count
            report += "\n  \(category): \(caught) of \(inCategory.count) caught"
        }
        for miss in missed { report += "\n  missed: \(miss.text)" }
        for flag in flagged { report += "\n  flagged: \(flag)" }
        print(report)
        #expect(missed.isEmpty && flagged.isEmpty, "\(report)")
    }

    /// The category the engine records comes from the keyword's group.
    @Test(arguments: [
        ("I want to kill myself", "suicide"),
        ("I've been cutting myself again", "self-harm"),
        ("I want to hurt someone", "harm-others"),
        ("my partner hits me", "abuse"),
    ])
    func groupNamesTheCategory(_ line: String, _ category: String) throws {
        let rules = try Self.safetyRules()
        #expect(Self.fires(rules, line)?.group == category)
    }

    private func percent(_ x: Double) -> String {
        let tenths = Int((x * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
