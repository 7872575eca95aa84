import Testing
@testable import GroundworkCore

/// Replies whose parts would not read well are passed over for the next reply.
@Suite struct ReassemblyGuardTests {
    static let text = """
        id: t
        reflections: {i: you, my: your, me: you}
        keywords:
          - word: want
            patterns:
              - match: "* i want *"
                replies: ["What would it mean to you to have {2}?", "You want something you can't name yet."]
          - word: miss
            patterns:
              - match: "* i miss *"
                replies: ["You miss {2}."]
          - word: sister
            patterns:
              - match: "* my (sister|brother) *"
                replies: ["Your {2} {3}. That stays with you.", "Tell me more about your {2}."]
          - word: about
            patterns:
              - match: "* about *"
                replies: ["How do you feel about being {2}?", "Say more about {2}."]
        fallback: ["Go on."]
        """

    @Test(arguments: [
        ("i want a garden", "What would it mean to you to have a garden?"),
        ("i dont know what i want anymore", "You want something you can't name yet."),
        // A part that only says when ("i want today") says nothing on its own.
        ("i want today", "You want something you can't name yet."),
        ("i want now", "You want something you can't name yet."),
        ("i want a house with a garden and a dog and two cats and a view", "You want something you can't name yet."),
        ("worried about overreacting", "Say more about overreacting."),
        ("worried about tired", "How do you feel about being tired?"),
        // "i was" said back is "you were".
        ("i miss who i was before the kids", "You miss who you were before the kids."),
        ("i miss how i wasnt scared", "You miss how you weren't scared."),
        // The rest of a sentence after its subject does not open with a preposition.
        ("my sister called me", "Your sister called you. That stays with you."),
        ("maybe i should talk to my sister about it", "Tell me more about your sister."),
    ])
    func guards(_ line: String, _ expected: String) throws {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "t.yaml", text: Self.text)], prompts: [])
        #expect(diagnostics.map(\.description) == [])
        var memory = ListenerMemory()
        #expect(try #require(library.ruleSets["t"]).respond(to: line, memory: &memory).text == expected)
    }
}
