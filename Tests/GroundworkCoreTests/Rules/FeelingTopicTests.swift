import Testing
@testable import GroundworkCore

/// `topic_replies:` name the feeling and the person or thing the line is about (a keyword marked
/// `topic: true`), with "my" turned round; a line without a topic keeps the family's replies.
@Suite struct FeelingTopicTests {
    static let text = """
        id: t
        reflections: {my: your, our: your}
        keywords:
          - word: [manager, boss]
            rank: 3
            topic: true
            patterns:
              - match: "*"
                replies: ["About the manager."]
          - word: [exam, exams, ai]
            rank: 2
            topic: true
            patterns:
              - match: "*"
                replies: ["About the exam."]
          - word: [rent, paid]
            rank: 2
            topic: [rent]
            patterns:
              - match: "*"
                replies: ["About the rent."]
          - word: meeting
            rank: 4
            patterns:
              - match: "*"
                replies: ["About the meeting."]
        feelings:
          rank: 6
          topic_replies: ["You're {feeling} about {topic}."]
          families:
            anger:
              words: [angry]
              replies: ["You're {feeling}."]
            fear:
              words: [scared]
              replies: ["You're {feeling}."]
              topic_replies: ["{topic}: you feel {feeling}."]
        fallback: ["Go on."]
        """

    static func reply(_ line: String) throws -> RuleReply {
        try #require(RuleSetFixture.replies([line], text).first, "the rule set does not load")
    }

    @Test(arguments: [
        ("my manager shouted at me and im angry", "You're angry about your manager."),
        // One word between a determiner and the topic is said with it.
        ("my line manager ignored me, so angry", "You're angry about your line manager."),
        ("the exams are tomorrow and im scared", "The exams: you feel scared."),
        // Capitals kept for a short word typed in capitals.
        ("AI wrote the report and i am angry", "You're angry about AI."),
        // The higher-ranked topic wins; a keyword that is not a topic is never named.
        ("the exam and my boss, i am angry", "You're angry about your boss."),
        ("the meeting made me angry", "You're angry."),
        // Only the keyword's topic words are named: "rent", never "paid".
        ("my rent is due and i am scared", "Your rent: you feel scared."),
        ("i got paid late and i am scared", "You're scared."),
        ("i am angry", "You're angry."),
    ])
    func namesTheTopicBesideTheFeeling(_ line: String, _ expected: String) throws {
        #expect(try Self.reply(line).text == expected)
    }

    @Test func whyNamesBoth() throws {
        let reply = try Self.reply("my manager shouted, im angry")
        #expect(reply.reason == "You mentioned feeling angry and your manager, so I reflected both.")
        #expect(reply.explanation.contains("about 'your manager'"))
    }

    @Test(arguments: [
        ("    topic: true", "    topic: yes please", "'topic' must be true, false or a list of the keyword's words, found 'yes please'"),
        ("topic: [rent]", "topic: [rent, bills]", "topic word 'bills' is not one of the keyword's words"),
        ("{topic}.\"]", "{subject}.\"]", "unknown placeholder '{subject}'"),
    ])
    func badTopicDataIsReported(_ original: String, _ replacement: String, _ message: String) throws {
        let text = Self.text.replacing(original, with: replacement)
        #expect(text != Self.text)
        let (_, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "t.yaml", text: text)], prompts: [])
        #expect(diagnostics.contains { $0.description.contains(message) }, "\(diagnostics.map(\.description))")
    }
}
