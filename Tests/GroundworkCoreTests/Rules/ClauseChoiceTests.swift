import Testing
@testable import GroundworkCore

/// `clauses: best` answers the clause whose answering keyword ranks highest; `first` (the default)
/// keeps ELIZA's first clause with a keyword.
@Suite struct ClauseChoiceTests {
    static func ruleSet(_ choice: String?) -> (RuleSet?, [String]) {
        let text = """
            id: t
            \(choice.map { "clauses: \($0)" } ?? "")
            keywords:
              - word: meeting
                rank: 2
                patterns:
                  - match: "*"
                    replies: ["About the meeting."]
              - word: sick
                rank: 4
                patterns:
                  - match: "* i felt sick *"
                    replies: ["Feeling sick?"]
              - word: should
                rank: 9
                patterns:
                  - match: "* what should i do *"
                    replies: ["What are your options?"]
                  - match: "*"
                    replies: [{next_keyword: true}]
            fallback: ["Go on."]
            """
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "t.yaml", text: text)], prompts: [])
        return (library.ruleSets["t"], diagnostics.map(\.description))
    }

    static func reply(_ choice: String?, _ line: String) throws -> String {
        var memory = ListenerMemory()
        return try #require(ruleSet(choice).0).respond(to: line, memory: &memory).text
    }

    @Test(arguments: [
        (nil as String?, "I smiled in the meeting but I felt sick", "About the meeting."),
        ("first", "I smiled in the meeting but I felt sick", "About the meeting."),
        ("best", "I smiled in the meeting but I felt sick", "Feeling sick?"),
        // A keyword that passes to the next one does not make its clause the strongest.
        ("best", "you should go to the meeting, but i felt sick", "Feeling sick?"),
        ("best", "what should i do, i felt sick", "What are your options?"),
        // Equal ranks keep the first clause.
        ("best", "the meeting ran long. another meeting", "About the meeting."),
    ])
    func theClauseAnswered(_ choice: String?, _ line: String, _ expected: String) throws {
        #expect(try Self.reply(choice, line) == expected)
    }

    @Test func anUnknownChoiceIsNamed() {
        let (_, diagnostics) = Self.ruleSet("strongest")
        #expect(diagnostics.contains { $0.hasPrefix("t.yaml:2:10: error: 'clauses' must be 'first'") }, "\(diagnostics)")
    }
}
