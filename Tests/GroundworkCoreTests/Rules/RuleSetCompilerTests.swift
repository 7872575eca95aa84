import Testing
@testable import GroundworkCore

@Suite struct RulesCompilerTests {
    /// A valid rule set; each case below replaces one line of it.
    static let base = [
        "id: t",                          // 1
        "keywords:",                      // 2
        "  - word: a",                    // 3
        "    patterns:",                  // 4
        "      - match: \"* a *\"",       // 5
        "        replies: [\"A {1}?\"]",  // 6
        "fallback: [\"Go on.\"]",         // 7
    ]

    static func diagnostics(_ text: String) -> [String] {
        var diagnostics: [Diagnostic] = []
        let set = RuleSet.load(SourceFile(path: "r.yaml", text: text), diagnostics: &diagnostics)
        if diagnostics.contains(where: { $0.severity == .error }) { #expect(set == nil) }
        return diagnostics.map(\.description)
    }

    /// `base` with line `n` (1-based) replaced by `lines` (none: the line is removed).
    static func variant(_ n: Int, _ lines: [String]) -> String {
        var result = base
        result.replaceSubrange((n - 1)..<n, with: lines)
        return result.joined(separator: "\n")
    }

    @Test func baseIsClean() {
        #expect(Self.diagnostics(Self.base.joined(separator: "\n")) == [])
    }

    @Test(arguments: [
        // unknown keys
        (1, ["id: t", "keywordz: 1"], "r.yaml:2:1: error: unknown key 'keywordz' in rule set; did you mean 'keywords'?"),
        (3, ["  - word: a", "    rnak: 2"], "r.yaml:4:5: error: unknown key 'rnak' in keyword; did you mean 'rank'?"),
        (6, ["        replies: [\"A\"]", "        matches: x"], "r.yaml:7:9: error: unknown key 'matches' in pattern; did you mean 'match'?"),
        (6, ["        replies: [{goto: a, when: x}]"], "r.yaml:6:29: error: unknown key 'when' in reply"),
        // wrong types
        (6, ["        replies: \"x\""], "r.yaml:6:18: error: 'replies' must be a list, found a scalar"),
        (6, ["        replies: [[\"A\"]]"], "r.yaml:6:19: error: a reply must be a string, found a list"),
        (1, ["id: [t]"], "r.yaml:1:5: error: 'id' must be a string, found a list"),
        (1, ["id: T_1"], "r.yaml:1:5: error: rule set id 'T_1' may only use a-z, 0-9 and '-'"),
        (7, ["fallback: \"Go on.\""], "r.yaml:7:11: error: 'fallback' must be a list, found a scalar"),
        (3, ["  - word: a", "    group: [x]"], "r.yaml:4:12: error: 'group' must be a string, found a list"),
        // rank
        (3, ["  - word: a", "    rank: high"], "r.yaml:4:11: error: rank must be a number, found 'high'"),
        (3, ["  - word: a", "    rank: 2.5"], "r.yaml:4:11: error: rank must be a whole number, found '2.5'"),
        // malformed patterns, at the exact column
        (5, ["      - match: \"* (a|b *\""], "r.yaml:5:19: error: unbalanced '(' in pattern '* (a|b *'"),
        (5, ["      - match: \"* a|b) *\""], "r.yaml:5:20: error: '|' outside '( )' in pattern '* a|b) *'"),
        (5, ["      - match: \"* a) *\""], "r.yaml:5:20: error: unbalanced ')' in pattern '* a) *'"),
        (5, ["      - match: \"* (a||b) *\""], "r.yaml:5:22: error: empty alternative in pattern '* (a||b) *'"),
        (5, ["      - match: \"* () *\""], "r.yaml:5:20: error: empty alternative in pattern '* () *'"),
        (5, ["      - match: \"* (a (b)) *\""], "r.yaml:5:22: error: nested '(' in pattern '* (a (b)) *'"),
        (5, ["      - match: \"\""], "r.yaml:5:17: error: empty pattern"),
        (5, ["      - match: \"* a* *\""], "r.yaml:5:19: error: '*' must stand alone in pattern '* a* *'"),
        // synonym groups
        (5, ["      - match: \"* @fam *\""], "r.yaml:5:19: error: unknown synonym group '@fam'"),
        (1, ["id: t", "synonyms: {family: [mum]}"], nil),
        (3, ["  - word: \"@famly\""], "r.yaml:3:11: error: unknown synonym group '@famly'"),
        // reassembly parts
        (6, ["        replies: [\"A {3}?\"]"], "r.yaml:6:22: error: reply uses {3} but pattern '* a *' has 2 parts"),
        (6, ["        replies: [\"A {x}?\"]"], "r.yaml:6:22: error: malformed part '{x}' in reply; write {1}, {2}…"),
        (6, ["        replies: [\"A {0}\"]"], "r.yaml:6:22: error: malformed part '{0}' in reply; write {1}, {2}…"),
        (7, ["fallback: [\"Go on {1}.\"]"], "r.yaml:7:19: error: fallback reply uses {1} but nothing was matched; fallback replies have no parts"),
        // references
        (6, ["        replies: [{goto: b}]"], "r.yaml:6:26: error: goto to unknown keyword 'b'"),
        (6, ["        replies: [{next_keyword: false}]"], "r.yaml:6:34: error: 'next_keyword' must be true"),
        (6, ["        replies: [{goto: a, next_keyword: true}]"], "r.yaml:6:19: error: a reply has either 'goto' or 'next_keyword', not both"),
        // duplicate keyword words
        (3, ["  - word: [a, b, a]"], "r.yaml:3:18: error: keyword 'a' is already listed on line 3"),
        (6, ["        replies: [\"A\"]", "  - word: A", "    patterns: [{match: \"*\", replies: [\"B\"]}]"],
         "r.yaml:7:11: error: keyword 'a' is already listed on line 3"),
        // keyword words
        (3, ["  - word: \"i am\""], "r.yaml:3:11: error: keyword 'i am' must be one word"),
        (3, ["  - word: [a, But]"], "r.yaml:3:15: error: keyword 'but' never matches: 'but' splits the input into clauses"),
        // empty or missing parts
        (6, ["        replies: []"], "r.yaml:6:18: error: empty replies: give the pattern at least one reply"),
        (6, ["        replies: [\"  \"]"], "r.yaml:6:19: error: empty reply"),
        (6, [], "r.yaml:5:9: error: pattern needs 'replies'"),
        (7, [], "r.yaml:1:1: error: rule set needs a 'fallback' list (replies when nothing matches)"),
        (7, ["fallback: []"], "r.yaml:7:11: error: 'fallback' is empty; give at least one reply"),
        (3, ["  - rank: 1"], "r.yaml:3:5: error: keyword needs a 'word'"),
        (1, [], "r.yaml:1:1: error: rule set needs an 'id'"),
    ] as [(Int, [String], String?)])
    func eachProblemIsReportedWhereItIs(line: Int, replacement: [String], expected: String?) {
        let found = Self.diagnostics(Self.variant(line, replacement))
        if let expected {
            #expect(found == [expected])
        } else {
            #expect(found == [])
        }
    }

    @Test(arguments: [
        ("id: t\nsubstitutions: {im: \"i am\"}\nkeywords:\n  - word: im\n    patterns: [{match: \"*\", replies: [\"A\"]}]\nfallback: [\"B\"]",
         "r.yaml:4:11: error: keyword 'im' is replaced by 'i am' before matching; use one of those words"),
        ("id: t\nkeywords: []\nfallback: [\"B\"]",
         "r.yaml:2:11: error: 'keywords' is empty; a rule set needs at least one keyword"),
        ("id: t\nkeywords:\n  - word: a\n    patterns: \"x\"\nfallback: [\"B\"]",
         "r.yaml:4:15: error: 'patterns' must be a list, found a scalar"),
        ("id: t\nkeywords:\n  - word: a\n    patterns: []\nfallback: [\"B\"]",
         "r.yaml:4:15: error: keyword 'a' has no patterns"),
        ("id: t\nkeywords:\n  - word: a\nfallback: [\"B\"]",
         "r.yaml:3:5: error: keyword 'a' needs 'patterns'"),
        ("id: t\nsynonyms: {fam: [\"a b\"]}\nkeywords:\n  - word: a\n    patterns: [{match: \"*\", replies: [\"A\"]}]\nfallback: [\"B\"]",
         "r.yaml:2:18: error: synonym 'a b' must be one word"),
        ("id: t\nsubstitutions: {\"a b\": c}\nkeywords:\n  - word: a\n    patterns: [{match: \"*\", replies: [\"A\"]}]\nfallback: [\"B\"]",
         "r.yaml:2:17: error: substitution 'a b' must be one word"),
    ])
    func wholeFileProblems(text: String, expected: String) {
        #expect(Self.diagnostics(text) == [expected])
    }

    @Test func memoryRemarksAreCheckedAgainstTheirPattern() {
        let text = Self.variant(3, ["  - word: a", "    memory: [\"Earlier: {4}.\"]"])
        #expect(Self.diagnostics(text) == ["r.yaml:4:24: error: reply uses {4} but pattern '* a *' has 2 parts"])
        let own = Self.variant(3, ["  - word: a", "    memory: {match: \"* a _\", replies: [\"You said {2}.\"]}"])
        #expect(Self.diagnostics(own) == [])
    }

    @Test func theTopMustBeAMapping() {
        #expect(Self.diagnostics("- a\n- b") == ["r.yaml:1:1: error: a rule set must be a mapping, found a list"])
    }

    @Test func diagnosticsCarryTheSourceLine() {
        var diagnostics: [Diagnostic] = []
        _ = RuleSet.load(SourceFile(path: "r.yaml", text: Self.variant(5, ["      - match: \"* (a *\""])), diagnostics: &diagnostics)
        #expect(diagnostics.first?.rendered == "r.yaml:5:19: error: unbalanced '(' in pattern '* (a *'\n      - match: \"* (a *\"\n                  ^")
    }

    @Test func gotoAcceptsAnyWordOfTheKeywordAndSynonymGroups() {
        let text = """
        id: t
        synonyms: {family: [mum, dad]}
        keywords:
          - word: [a, b]
            patterns: [{match: "*", replies: [{goto: "@family"}]}]
          - word: "@family"
            patterns: [{match: "*", replies: [{goto: b}]}]
        fallback: ["Go on."]
        """
        #expect(Self.diagnostics(text) == [])
    }
}
