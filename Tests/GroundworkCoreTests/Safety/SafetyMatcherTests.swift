import Testing
@testable import GroundworkCore

/// The phrase language of a safety net, on a small net written for each feature.
@Suite struct SafetyMatcherTests {
    static let source = """
        kind: safety-net
        id: safety
        substitutions: {wanna: want to, kms: kill myself}
        barriers: [he, she, not, dont, shed, teenager, sister]
        ordinary_after: {shed: [the, i]}
        not_typos: [teenage]
        first_person: [i, me, my, myself]
        fillers: [really, just, exactly]
        concepts:
          self: [i, im, me]
          wish: ["want to", wish]
          die: [die, "be dead", "not wake up"]
          harm: [cut, hurt]
          body: [myself, "my arm"]
        guards:
          idiom:
            phrases: ["die (laughing|of boredom)"]
          novel:
            scope: line
            phrases: ["(novel|film)"]
          joke:
            scope: line
            effect: demote
            phrases: [lol]
          things:
            scope: any
            phrases: [fridge, yoghurt]
            spares: ["pinned me"]
        default_unless: [idiom, novel, joke]
        rules:
          - id: wish-dead
            tier: crisis
            category: suicide
            screen: wish-to-be-dead
            match: ["@self * @wish * @die", "^ @wish @die"]
          - id: goodbye
            tier: check
            category: suicide
            screen: preparatory
            match: ["saying goodbye $"]
          - id: cut
            tier: crisis
            category: self-harm
            screen: self-harm
            near: ["@body", "@harm"]
            within: 4
          - id: relief
            tier: crisis
            category: suicide
            screen: wish-to-be-dead
            near: ["(@self|my)", "relief"]
            within: 4
          - id: row
            tier: crisis
            category: abuse
            screen: abuse
            match: ["(pinned|shouted at) me"]
            unless: [things]
        check_answers:
          no: ["no", "im fine"]
          not_clear: ["but", "maybe"]
        """

    static let net: SafetyNet? = {
        let (library, _) = ScriptLibrary.load(scripts: [SourceFile(path: "net.yaml", text: source)], prompts: [])
        return library.safetyNet
    }()

    @Test(arguments: [
        // Words, gaps and concepts.
        ("i want to die", SafetyNet.Tier.crisis),
        ("I really just WANT TO be dead.", .crisis),
        ("i wanna die", .crisis),                           // a substitution
        ("I’m sure i wish to not wake up", .crisis),        // curly apostrophe, phrase concept
        ("want to die", .crisis),                           // `^`: a sentence with no subject
        ("the old process, want to die", .crisis),          // `^` after a comma
        ("the old process should want to die", .none),      // not at a sentence start
        ("i think he wants to die", .none),                 // a gap never skips a barrier
        ("i dont want to die", .none),                      // nor a negation
        ("i want to die laughing at this", .none),          // an overlapping guard
        ("in my novel the hero says i want to die", .crisis), // a line guard spares first person…
        ("the film was about wanting to die", .none),       // …and cancels the rest
        ("i want to die lol", .check),                      // a demoting guard
        ("been saying goodbye", .check),                    // `$`
        ("been saying goodbye to my flat", .none),
        // Fillers between two parts of a phrase, two at most in a row, never a negation.
        ("want to really die", .crisis),
        ("want to be just dead", .crisis),                  // inside a concept's phrase
        ("been saying goodbye really", .check),             // before `$`
        ("want to really really really die", .none),
        ("want to not die", .none),
        // One edit against a long lexicon word, and not two that share a deletion.
        ("cut mysefl again", .crisis),                      // a swap
        ("cut myselt again", .crisis),                      // a substitution
        ("cut xmyslf again", .none),                        // "myslf" from both, but two edits from "myself"
        ("i want to dei", .none),                           // short words forgive no typo
        ("cut myself again", .crisis),                      // `near`, either order
        ("myself, i cut", .crisis),
        ("cut my hair and then hurt my arm", .crisis),
        ("cut the cake while i sat by myself", .none),      // too far apart
        // Another person in or just before a `near` window, past fillers.
        ("my arm he cut", .none),
        ("she cut my arm", .none),
        ("she really just cut my arm", .none),
        ("i really cut my arm", .crisis),
        ("i cut myself he doesnt know", .crisis),           // a person after the window is not its subject…
        ("it would be a relief for me", .crisis),
        ("it would be a relief for my sister", .none),      // …but the "my" of another person is not the self
        // A barrier word that is also an ordinary word, after the words that make it one.
        ("im sure shed want to die", .none),                // she'd
        ("im in the shed want to die", .crisis),            // the shed
        // A real word one letter from a barrier is not read as the barrier; a typo of it is.
        ("im a teenage wreck want to die", .crisis),
        ("im a teenagr wreck want to die", .none),
        // A guard explains away what it explains, not what it `spares`.
        ("he shouted at me over the yoghurt", .none),
        ("he pinned me against the fridge", .crisis),
    ])
    func tiers(_ line: String, _ tier: SafetyNet.Tier) throws {
        let net = try #require(Self.net)
        #expect(net.assess(line).tier == tier, "\(line): \(net.assess(line).explanation)")
    }

    @Test func theExplanationNamesTheConceptsInWords() throws {
        let found = try #require(Self.net).assess("i want to die")
        #expect(found.rule == "wish-dead")
        #expect(found.screen == "wish-to-be-dead")
        #expect(found.explanation == "the line suggested risk (suicide): self + wish + die")
        #expect(found.concepts == ["self", "wish", "die"])
        let cancelled = try #require(Self.net).assess("the film: want to die")
        #expect(cancelled.explanation == "words that can mean risk were read as novel")
    }

    @Test(arguments: [("no", true), ("im fine thanks", true), ("No.", true), ("no but sometimes", false),
                      ("maybe", false), ("yes", false), ("no i want to die", false), ("", false)])
    func clearNo(_ answer: String, _ clear: Bool) throws {
        #expect(try #require(Self.net).isClearNo(answer) == clear)
    }

    @Test func longWordsForgiveOneTypo() throws {
        let source = Self.source.replacingOccurrences(of: "die: [die,", with: "die: [suicide, die,")
        let (library, _) = ScriptLibrary.load(scripts: [SourceFile(path: "net.yaml", text: source)], prompts: [])
        let net = try #require(library.safetyNet)
        for typo in ["i want to suicde", "i want to suicidee", "i want to siucide", "i want to sucide"] {
            #expect(net.assess(typo).tier == .crisis, "\(typo)")
        }
        #expect(net.assess("i want to suicxxe").tier == .none)
    }

    @Test func aVeryLongLineIsReadToTheEnd() throws {
        let net = try #require(Self.net)
        let line = String(repeating: "work was long today and ", count: 300) + "i want to die"
        #expect(net.assess(line).tier == .crisis)
    }
}
