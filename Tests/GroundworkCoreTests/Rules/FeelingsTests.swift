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
              - match: "*"
                replies: [{next_keyword: true}]
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
        // Someone else's state, written without the apostrophe: "i know hes busy".
        ("i know hes tired after the meeting", "About the meeting."),
        ("shes scared of the meeting", "About the meeting."),
        ("can you help me im tired", "I can listen."),
        // "get" is a wish only after "to"; a stop that cannot happen is no negation.
        ("i get tired after the meeting", "You're tired."),
        ("i want to get tired", "Go on."),
        ("cant stop being scared", "You're scared."),
        ("i stop being scared", "Go on."),
    ])
    func answersTheFeeling(_ line: String, _ expected: String) throws {
        #expect(try Self.reply(line).text == expected)
    }

    @Test(arguments: [
        // 'you' (rank 9) answers only "can you help"; elsewhere it passes on, so it does not
        // outrank the feeling.
        ("can you help, i am tired", "I can listen."),
        ("i am scared you will laugh", "You're scared."),
        ("you know i am tired", "You're tired."),
    ])
    func onlyAnAnsweringKeywordOutranksTheFeeling(_ line: String, _ expected: String) throws {
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

    /// A rule set where a vague family ranks below a concern, and phrases hold pronouns.
    static let ranked = """
        id: r
        reflections: {my: your, myself: yourself}
        keywords:
          - word: rent
            rank: 4
            patterns:
              - match: "*"
                replies: ["The rent."]
        feelings:
          rank: 5
          families:
            distress:
              rank: 3
              words: [awful]
              replies: ["You feel {feeling}."]
            self-anger:
              words: ["angry at myself"]
              replies: ["You're {feeling}."]
            hurt:
              words: [hurt]
              replies: ["You feel {feeling}."]
            guilt:
              words: [guilty]
              replies: ["You feel {feeling}."]
        fallback: ["Go on."]
        """

    static func rankedReply(_ line: String) throws -> String {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "r.yaml", text: ranked)], prompts: [])
        #expect(diagnostics.map(\.description) == [])
        var memory = ListenerMemory()
        return try #require(library.ruleSets["r"]).respond(to: line, memory: &memory).text
    }

    @Test(arguments: [
        // The vague family (rank 3) gives way to the concern (rank 4), and answers alone.
        ("i feel awful about the rent", "The rent."),
        ("i feel awful", "You feel awful."),
        // The phrase is said back with the pronoun turned round.
        ("so angry at myself again", "You're angry at yourself."),
        // Right after "feeling", the feeling is the writer's even after "it".
        ("took a day off and spent it feeling guilty", "You feel guilty."),
        // A body part that hurts is not a hurt feeling.
        ("laughed until my stomach hurt", "Go on."),
        ("i feel hurt", "You feel hurt."),
    ])
    func familiesRankAndSayTheFeelingBack(_ line: String, _ expected: String) throws {
        #expect(try Self.rankedReply(line) == expected)
    }

    @Test func aFamilyRankMustBeAWholeNumber() {
        let text = "id: t\nkeywords:\n  - word: a\n    patterns:\n      - match: \"*\"\n        replies: [\"A.\"]\nfallback: [\"Go on.\"]\n"
            + "feelings: {families: {a: {words: [x], replies: [y], rank: high}}}"
        let (_, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "t.yaml", text: text)], prompts: [])
        #expect(diagnostics.contains { $0.description.contains("feeling family rank must be a whole number, found 'high'") },
                "\(diagnostics.map(\.description))")
    }

    /// `self_only: true`: the family's words count only when said of oneself.
    @Test(arguments: [
        ("i feel such a mess", "You're a mess."),
        ("im a mess", "You're a mess."),
        ("my garden is a mess", "Go on."),
    ])
    func selfOnlyFamilies(_ line: String, _ expected: String) throws {
        let text = Self.text.replacing("""
                fear:
                  words: [scared]
            """, with: """
                judgement:
                  self_only: true
                  words: ["a mess"]
                  replies: ["You're {feeling}."]
                fear:
                  words: [scared]
            """)
        #expect(text != Self.text)
        #expect(try #require(RuleSetFixture.replies([line], text).first, "the rule set does not load").text == expected)
    }
}
