import Testing
@testable import GroundworkCore

/// `echo:` answers a line no keyword answers in its own words: a clause of three to six words,
/// pronouns turned round, before a remembered remark or the fallback.
@Suite struct EchoTests {
    static let text = """
        id: e
        reflections: {i: you, my: your, me: you, am: are}
        keywords:
          - word: boss
            patterns:
              - match: "*"
                replies: ["Your boss."]
        echo: ["{clause}. Tell me more."]
        fallback: ["Go on."]
        """

    static func replies(_ lines: [String], text: String = text) throws -> [String] {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "e.yaml", text: text)], prompts: [])
        #expect(diagnostics.map(\.description) == [])
        let rules = try #require(library.ruleSets["e"])
        var memory = ListenerMemory()
        return lines.map { rules.respond(to: $0, memory: &memory).text }
    }

    @Test(arguments: [
        ("i have 200 in my account", "You have 200 in your account. Tell me more."),
        // The person's own clause is preferred, and "i was" becomes "you were".
        ("car broke down, i was late for it", "You were late for it. Tell me more."),
        ("the car broke down", "The car broke down. Tell me more."),
        // Too short, too long, or leaning on another clause: the fallback.
        ("ok", "Go on."),
        ("and then it rained all day", "Go on."),
        ("i havent had a single evening to myself in weeks", "Go on."),
        // A keyword answers first.
        ("my boss was late again", "Your boss."),
    ])
    func aShortClauseIsSaidBack(_ line: String, _ expected: String) throws {
        #expect(try Self.replies([line]) == [expected])
    }

    @Test func anEchoReplyNeedsTheClause() {
        let bad = Self.text.replacing("{clause}. Tell me more.", with: "Tell me more.")
        let (_, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "e.yaml", text: bad)], prompts: [])
        #expect(diagnostics.contains { $0.description.contains("echo reply needs '{clause}'") }, "\(diagnostics.map(\.description))")
    }
}
