import Testing
@testable import GroundworkCore

extension RuntimeTests {
    /// `reflect` nodes whose reply is a question wait for the answer; statements move on.
    struct EngineReflectionTests {
        static let listening = """
            id: listening
            reflections: {i: you, my: your}
            keywords:
              - word: remember
                rank: 5
                patterns:
                  - match: "* i remember *"
                    replies: ["Do you often think of {2}?"]
              - word: tired
                rank: 5
                patterns:
                  - match: "*"
                    replies: ["You're worn out."]
            fallback: ["Please go on."]
            """

        static func flow(_ reflect: String) -> String {
            """
            id: mood
            title: Mood
            start: feel
            nodes:
              feel:
                ask: "How are you, really?"
                input: text
                save: feeling
                next: listen
              listen:
                reflect: \(reflect)
                next: rested
              rested:
                ask: "Did you rest?"
                input: yesno
                save: rested
                next: done
              done:
                end: "Take care."
            """
        }

        static let safety = """
            kind: safety-net
            id: safety
            concepts:
              danger: [suicide]
            rules:
              - id: danger
                tier: crisis
                category: suicide
                screen: active-thoughts
                match: ["@danger"]
            check_answers:
              no: ["no"]
              not_clear: ["maybe"]
            """

        static func engine(_ reflect: String = "listening") throws -> Engine {
            let (library, diagnostics) = ScriptLibrary.load(
                scripts: [SourceFile(path: "listening.yaml", text: listening), SourceFile(path: "mood.yaml", text: flow(reflect)),
                          SourceFile(path: "safety.yaml", text: safety)],
                prompts: [])
            #expect(diagnostics.filter { $0.severity == .error }.map(\.description) == [])
            return Engine(library: library)
        }

        static let rested = Prompt(text: "Did you rest?", kind: .yesno, hint: "yes or no", progress: Progress(index: 2, total: 2), nodeID: "rested")

        @Test func aQuestionWaitsAndTheAnswerIsSaved() throws {
            let engine = try Self.engine("{rules: listening, answer: dog_thoughts}")
            let asked = engine.step(try engine.start(flow: "mood", seed: 1).state, .line("I remember my dog"))
            #expect(asked.events == [.reflect("Do you often think of your dog?"), .ask(Prompt(text: "", kind: .text, nodeID: "listen"))])
            #expect(asked.state.cursor.node == "listen")
            #expect(asked.state.waitingReflection == "Do you often think of your dog?")
            let answered = engine.step(asked.state, .line("every evening when i get home"))
            #expect(answered.state.answers.map(\.question) == ["How are you, really?", "Do you often think of your dog?"])
            #expect(answered.state.answers.last?.raw == "every evening when i get home")
            #expect(answered.state.variables["dog_thoughts"] == .string("every evening when i get home"))
            #expect(answered.state.waitingReflection == nil)
            #expect(answered.events.last.map { if case .ask(let p) = $0 { p.nodeID } else { "" } } == "rested")
        }

        @Test func theReflectionIsNotCountedAsAQuestion() throws {
            let engine = try Self.engine()
            var step = try engine.start(flow: "mood", seed: 1)
            for line in ["I remember my dog", "a lot"] { step = engine.step(step.state, .line(line)) }
            #expect(step.events.last == .ask(Self.rested))
        }

        @Test(arguments: [Input.line(""), .line("   "), .skip])
        func enterOrSkipPasses(_ input: Input) throws {
            let engine = try Self.engine()
            let asked = engine.step(try engine.start(flow: "mood", seed: 1).state, .line("I remember my dog"))
            let passed = engine.step(asked.state, input)
            #expect(passed.state.answers.count == 1)
            #expect(passed.state.cursor.node == "rested")
            #expect(passed.events.last == .ask(Self.rested))
        }

        @Test func aStatementMovesOn() throws {
            let engine = try Self.engine()
            let step = engine.step(try engine.start(flow: "mood", seed: 1).state, .line("so tired today"))
            #expect(step.events == [.reflect("You're worn out."), .ask(Self.rested)])
            #expect(step.state.waitingReflection == nil)
        }

        @Test func waitNeverMovesOnAfterAQuestion() throws {
            let engine = try Self.engine("{rules: listening, wait: never}")
            let step = engine.step(try engine.start(flow: "mood", seed: 1).state, .line("I remember my dog"))
            #expect(step.events == [.reflect("Do you often think of your dog?"), .ask(Self.rested)])
        }

        @Test func anAcknowledgementFollowsAnAnswerButNotAPass() throws {
            let engine = try Self.engine("{rules: listening, acknowledge: \"Thank you.\"}")
            let asked = engine.step(try engine.start(flow: "mood", seed: 1).state, .line("I remember my dog"))
            #expect(engine.step(asked.state, .line("often")).events == [.say("Thank you."), .ask(Self.rested)])
            #expect(engine.step(asked.state, .line("")).events == [.ask(Self.rested)])
        }

        @Test func resumeShowsTheReflectionAgain() throws {
            let engine = try Self.engine()
            let asked = engine.step(try engine.start(flow: "mood", seed: 1).state, .line("I remember my dog"))
            #expect(engine.resume(asked.state).events == asked.events)
            let replayed = try engine.replay(flow: "mood", seed: 1, inputs: asked.state.inputs)
            #expect(replayed.state == asked.state)
        }

        @Test func backFromTheNextQuestionReturnsToTheReflection() throws {
            let engine = try Self.engine()
            var step = try engine.start(flow: "mood", seed: 1)
            for line in ["I remember my dog", "a lot"] { step = engine.step(step.state, .line(line)) }
            let back = engine.back(step.state)
            #expect(back.state.cursor.node == "listen")
            #expect(back.state.answers.count == 1)
            #expect(back.events.dropFirst().first == .reflect("Do you often think of your dog?"))
        }

        @Test func anAnswerToTheReflectionPassesTheSafetyNetAndContinueShowsItAgain() throws {
            let engine = try Self.engine()
            let asked = engine.step(try engine.start(flow: "mood", seed: 1).state, .line("I remember my dog"))
            let flagged = engine.step(asked.state, .line("he died and since then i think about suicide"))
            #expect(flagged.events == [.safety(SafetyNet.builtInMessage)])
            #expect(flagged.state.answers.count == 1)
            let resumed = engine.step(flagged.state, .line("1"))
            #expect(resumed.events == asked.events)
        }

        @Test func anUnknownWaitIsAnError() {
            let (_, diagnostics) = ScriptLibrary.load(
                scripts: [SourceFile(path: "listening.yaml", text: Self.listening),
                          SourceFile(path: "mood.yaml", text: Self.flow("{rules: listening, wait: sometimes}"))],
                prompts: [])
            #expect(diagnostics.map(\.description) == ["mood.yaml:11:39: error: unknown wait 'sometimes' (use 'questions' or 'never')"])
        }
    }
}
