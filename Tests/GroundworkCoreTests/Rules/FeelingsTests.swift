import Testing
@testable import GroundworkCore

/// `feelings:` answers the person's own feeling in their word before topics; mixed feelings get a
/// reply that holds both; negated, wished-for and other people's feelings do not count.
@Suite struct FeelingsTests {
    static let text = """
        id: t
        keywords:
          - word: meeting
            rank: 2
            patterns:
              - match: "*"
                replies: ["About the meeting."]
          - word: you
            rank: 9
            patterns:
              - match: "* can you help *"
                replies: ["I can listen."]
        feelings:
          rank: 6
          mixed: ["{first} and {second} at once."]
          families:
            exhaustion:
              words: [tired, "worn out"]
              strong: [exhausted]
              replies: ["You're {feeling}."]
              strong_replies: ["Really {feeling}."]
            fear:
              words: [scared]
              replies: ["You're {feeling}."]
        fallback: ["Go on."]
        """

    static func reply(_ line: String) throws -> RuleReply {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "t.yaml", text: text)], prompts: [])
        #expect(diagnostics.map(\.description) == [])
        var memory = ListenerMemory()
        return try #require(library.ruleSets["t"]).respond(to: line, memory: &memory)
    }

    @Test(arguments: [
        ("i am tired after the meeting", "You're tired."),
        ("the meeting ran long and im worn out", "You're worn out."),
        ("tired.", "You're tired."),
        ("so tired of the meeting", "Really tired."),
        ("exhausted", "Really exhausted."),
        ("happy meeting but scared and tired", "Scared and tired at once."),
        ("i am not tired at all after the meeting", "About the meeting."),
        ("i want to be tired", "Go on."),
        ("my boss gets scared in the meeting", "About the meeting."),
        ("people say i make them feel tired", "Go on."),
        ("the tired old meeting", "About the meeting."),
        ("can you help me im tired", "I can listen."),
    ])
    func answersTheFeeling(_ line: String, _ expected: String) throws {
        #expect(try Self.reply(line).text == expected)
    }

    @Test(arguments: [
        ("i am tired", "You mentioned feeling tired, so I reflected that feeling."),
        ("happy meeting but scared and tired", "You mentioned feeling scared and tired, so I reflected both feelings."),
        ("the meeting", "You mentioned 'meeting', so I reflected that."),
        ("the sky", "Nothing in that line matched what I listen for, so I invited you to go on."),
    ])
    func theReasonIsInWords(_ line: String, _ reason: String) throws {
        #expect(try Self.reply(line).reason == reason)
    }

    @Test func theFamilyIsTheTheme() throws {
        let reply = try Self.reply("tired")
        #expect(reply.group == "exhaustion")
        #expect(reply.explanation.contains("feeling 'tired' (exhaustion)"))
    }

    @Test(arguments: [
        ("feelings: {families: {a: {words: [x], replies: [\"{feel}\"]}}}", "unknown placeholder '{feel}'"),
        ("feelings: {families: {a: {words: [x]}}}", "feeling family 'a' needs 'replies'"),
        ("feelings: {families: {a: {words: [x], replies: [y]}, b: {words: [x], replies: [y]}}}", "feeling 'x' is already in family 'a'"),
        ("feelings: {rank: high, families: {a: {words: [x], replies: [y]}}}", "feelings rank must be a whole number"),
        ("feelings: {families: {a: {words: [x], replies: [y], colour: red}}}", "unknown key 'colour' in feeling family 'a'"),
    ])
    func mistakesAreReported(_ section: String, _ message: String) {
        let text = "id: t\nkeywords:\n  - word: a\n    patterns:\n      - match: \"*\"\n        replies: [\"A.\"]\nfallback: [\"Go on.\"]\n" + section
        let (_, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "t.yaml", text: text)], prompts: [])
        #expect(diagnostics.contains { $0.description.hasPrefix("t.yaml:8:") && $0.description.contains(message) },
                "\(diagnostics.map(\.description))")
    }
}

/// Replies whose parts would not read well are passed over for the next reply.
@Suite struct ReassemblyGuardTests {
    static let text = """
        id: t
        keywords:
          - word: want
            patterns:
              - match: "* i want *"
                replies: ["What would it mean to you to have {2}?", "You want something you can't name yet."]
          - word: about
            patterns:
              - match: "* about *"
                replies: ["How do you feel about being {2}?", "Say more about {2}."]
        fallback: ["Go on."]
        """

    @Test(arguments: [
        ("i want a garden", "What would it mean to you to have a garden?"),
        ("i dont know what i want anymore", "You want something you can't name yet."),
        ("i want a house with a garden and a dog and two cats and a view", "You want something you can't name yet."),
        ("worried about overreacting", "Say more about overreacting."),
        ("worried about tired", "How do you feel about being tired?"),
    ])
    func guards(_ line: String, _ expected: String) throws {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "t.yaml", text: Self.text)], prompts: [])
        #expect(diagnostics.map(\.description) == [])
        var memory = ListenerMemory()
        #expect(try #require(library.ruleSets["t"]).respond(to: line, memory: &memory).text == expected)
    }
}

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
