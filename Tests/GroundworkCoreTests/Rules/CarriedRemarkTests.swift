import Testing
@testable import GroundworkCore

/// Remarks kept for a later session: `later:` wording, their age, and how they come back.
@Suite struct CarriedRemarkTests {
    static let text = """
        id: t
        keywords:
          - word: my
            memory:
              match: "* my *"
              replies: ["Earlier: your {2}."]
              later: ["{when} you mentioned your {2}."]
            patterns:
              - match: "* my *"
                replies: [{next_keyword: true}]
          - word: garden
            rank: 3
            patterns:
              - match: "*"
                replies: ["Gardens."]
        fallback: ["Go on."]
        """

    static func ruleSet() throws -> RuleSet {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "t.yaml", text: text)], prompts: [])
        #expect(diagnostics.map(\.description) == [])
        return try #require(library.ruleSets["t"])
    }

    @Test func aRemarkIsKeptWithItsLaterWordingEvenWhenAnotherKeywordAnswers() throws {
        var memory = ListenerMemory()
        #expect(try Self.ruleSet().respond(to: "my garden is overgrown", memory: &memory).text == "Gardens.")
        #expect(memory.remarks == ["Earlier: your garden is overgrown."])
        #expect(memory.later == ["{when} you mentioned your garden is overgrown."])
        #expect(memory.carriedOn(elapsed: 14) == [CarriedRemark(text: "{when} you mentioned your garden is overgrown.", days: 14)])
    }

    @Test func aCarriedRemarkComesBackOnceWhenNothingMatches() throws {
        var memory = ListenerMemory(carried: [CarriedRemark(text: "{when} you mentioned your dad.", days: 9)])
        let set = try Self.ruleSet()
        let first = set.respond(to: "the sky", memory: &memory)
        #expect(first.text == "Last week you mentioned your dad.")
        #expect(first.reason.contains("9 days ago"))
        #expect(set.respond(to: "the sea", memory: &memory).text == "Go on.")
    }

    @Test(arguments: [(0, "Earlier today"), (1, "Yesterday"), (3, "A few days ago"), (7, "Last week"), (14, "Two weeks ago"),
                      (30, "A few weeks ago"), (50, "A while ago")])
    func theAgeIsSaidInWords(_ days: Int, _ when: String) {
        #expect(CarriedRemark(text: "{when} you said so.", days: days).spoken == when + " you said so.")
    }

    @Test func olderSessionsCarriedRemarksAgeAndTheOldestDrop() {
        let memory = ListenerMemory(remarks: ["a", "b"], later: ["", "{when} b."],
                                    carried: [CarriedRemark(text: "{when} c.", days: 10), CarriedRemark(text: "{when} d.", days: 55)])
        #expect(memory.carriedOn(elapsed: 7) == [CarriedRemark(text: "{when} b.", days: 7), CarriedRemark(text: "{when} c.", days: 17)])
    }
}
