@testable import GroundworkCore

/// A small rule set that exercises every feature, shared by the rule tests.
enum RuleSetFixture {
    static let yaml = """
    id: test
    substitutions: {dont: "don't", "i'm": "i am", cant: "can't", im: "i am"}
    reflections: {i: you, me: you, my: your, am: are, you: I, your: my, myself: yourself}
    synonyms: {family: [mother, father, sister, brother]}
    keywords:
      - word: [remember, recall]
        rank: 5
        group: memory
        patterns:
          - match: "* i remember *"
            replies: ["Do you often think of {2}?", "What else comes to mind about {2}?", "Why remember {2} now?"]
          - match: "*"
            replies: [{goto: what}]
      - word: what
        group: questions
        patterns:
          - match: "*"
            replies: ["Why do you ask?"]
      - word: mother
        rank: 4
        group: family
        patterns:
          - match: "* mother *"
            replies: [{next_keyword: true}]
      - word: "@family"
        rank: 3
        group: family
        patterns:
          - match: "* my @family *"
            replies: ["Tell me more about your {2}.", "Who else in your family {3}?"]
      - word: my
        rank: 2
        memory: ["Earlier you said your {2}."]
        patterns:
          - match: "* my *"
            replies: ["Your {2}?", {next_keyword: true}]
      - word: am
        patterns:
          - match: "* i am _"
            replies: ["How long have you been {2}?"]
          - match: "* i am *"
            replies: ["Do you enjoy being {2}?"]
      - word: [feel, felt]
        patterns:
          - match: "* i (feel|felt) *"
            replies: ["You {2} {3}?"]
      - word: tired
        patterns:
          - match: "* tired *"
            replies: ["What tires you?"]
    fallback: ["Please go on.", "Tell me more."]
    """

    static func ruleSet(_ text: String = yaml) -> RuleSet? {
        var diagnostics: [Diagnostic] = []
        let set = RuleSet.load(SourceFile(path: "test.yaml", text: text), diagnostics: &diagnostics)
        return diagnostics.isEmpty ? set : nil
    }

    /// The replies to `lines`, one after another with one shared memory.
    static func replies(_ lines: [String], _ text: String = yaml) -> [RuleReply] {
        guard let set = ruleSet(text) else { return [] }
        var memory = ListenerMemory()
        return lines.map { set.respond(to: $0, memory: &memory) }
    }
}
