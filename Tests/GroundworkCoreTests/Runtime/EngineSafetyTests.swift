import Testing
@testable import GroundworkCore

extension RuntimeTests {
    /// The safety net and `reflect`, over rule sets and a flow loaded from YAML.
    struct EngineSafetyTests {
        /// A small net: "kill" or "suicide" is clear risk; "counted pills" a possible one.
        static let safetyRules = """
            kind: safety-net
            id: safety
            concepts:
              danger: [kill, suicide]
              counted: ["counted * pills"]
            rules:
              - id: danger
                tier: crisis
                category: suicide
                screen: active-thoughts
                match: ["@danger"]
              - id: counted
                tier: check
                category: suicide
                screen: preparatory
                match: ["@counted"]
            check_answers:
              no: ["no", "im fine"]
              not_clear: ["maybe", "but"]
            """

        static let listening = """
            id: listening
            reflections: {i: you, my: your}
            keywords:
              - word: remember
                rank: 5
                patterns:
                  - match: "* i remember *"
                    replies: ["Do you often think of {2}?"]
            fallback: ["Please go on."]
            """

        static let flow = """
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
                reflect: listening
                next: rested
              rested:
                ask: "Did you rest?"
                input: yesno
                save: rested
                next: done
              done:
                end: "Take care."
            """

        static func engine(message: String? = nil) throws -> Engine {
            var prompts: [(name: String, file: SourceFile)] = []
            if let message { prompts.append((name: "safety/message", file: SourceFile(path: "prompts/safety/message.mustache", text: message))) }
            let (library, diagnostics) = ScriptLibrary.load(
                scripts: [SourceFile(path: "safety.yaml", text: safetyRules), SourceFile(path: "listening.yaml", text: listening),
                          SourceFile(path: "mood.yaml", text: flow)],
                prompts: prompts)
            #expect(diagnostics.filter { $0.severity == .error }.map(\.description) == [])
            #expect(library.safetyNet != nil && library.flows["mood"] != nil)
            return Engine(library: library)
        }

        @Test func aFlaggedLineInterruptsAndIsNotSaved() throws {
            let engine = try Self.engine()
            let start = try engine.start(flow: "mood", seed: 1)
            let flagged = engine.step(start.state, .line("I want to kill myself"))
            #expect(flagged.events == [.safety(SafetyNet.builtInMessage)])
            #expect(flagged.state.safety.awaitingChoice)
            #expect(flagged.state.safety.events.map(\.category) == ["suicide"])
            #expect(flagged.state.safety.events.first?.tier == .crisis)
            #expect(flagged.state.safety.events.first?.rule == "danger")
            #expect(flagged.state.safety.events.first?.nodeID == "feel")
            #expect(flagged.state.answers.isEmpty)
            #expect(flagged.state.variables["feeling"] == nil)
            #expect(flagged.state.lastText == nil)
            #expect(flagged.state.cursor.node == "feel")
            #expect(flagged.lines.suffix(3) == ["  1. Continue", "  2. Pause", "  3. Leave"])
        }

        @Test func continueAsksTheSameQuestionAgainWithNothingLost() throws {
            let engine = try Self.engine()
            let flagged = engine.step(try engine.start(flow: "mood", seed: 1).state, .line("thinking about suicide"))
            let unclear = engine.step(flagged.state, .line("hmm"))
            #expect(unclear.events == [.invalid("Please type 1 to continue, 2 to pause, or 3 to leave.")])
            #expect(unclear.state.safety.awaitingChoice)
            let resumed = engine.step(unclear.state, .line("1"))
            #expect(resumed.events == [.ask(Prompt(text: "How are you, really?", kind: .text, progress: Progress(index: 1, total: 2), nodeID: "feel"))])
            #expect(resumed.state.safety.events.last?.choice == "continue")
            #expect(!resumed.state.safety.awaitingChoice)
            let answered = engine.step(resumed.state, .line("I remember my dog"))
            #expect(answered.state.variables["feeling"] == .string("I remember my dog"))
            #expect(answered.state.answers.count == 1)
        }

        @Test func pauseKeepsTheSessionResumableAndLeaveAbandonsIt() throws {
            let engine = try Self.engine()
            let flagged = engine.step(try engine.start(flow: "mood", seed: 1).state, .line("kill"))
            let paused = engine.step(flagged.state, .line("Pause"))
            #expect(paused.events == [.notice("Paused. Your answers are kept; 'groundwork resume' picks up at this question."), .end])
            #expect(paused.state.status == .active)
            #expect(paused.state.safety.events.last?.choice == "pause")
            #expect(engine.resume(paused.state).events.first.map { if case .ask(let p) = $0 { p.nodeID } else { "" } } == "feel")
            let left = engine.step(flagged.state, .line("3"))
            #expect(left.state.status == .abandoned)
            #expect(left.state.safety.events.last?.choice == "leave")
        }

        @Test func theSafetyMessageComesFromItsPromptWhenPresent() throws {
            let engine = try Self.engine(message: "We hear you.{{#safety.country.us}} Call 988.{{/safety.country.us}}")
            let flagged = engine.step(try engine.start(flow: "mood", seed: 1, variables: ["country": .string("us")]).state, .line("kill"))
            #expect(flagged.events == [.safety("We hear you. Call 988.")])
            #expect(engine.resume(flagged.state).events.count == 1)
        }

        @Test func reflectSaysTheRuleSetsReplyToTheLastTextAnswer() throws {
            let engine = try Self.engine()
            let step = engine.step(try engine.start(flow: "mood", seed: 1).state, .line("I remember my dog"))
            var memory = ListenerMemory()
            let expected = try #require(engine.library.ruleSets["listening"]).respond(to: "I remember my dog", memory: &memory)
            #expect(step.events.first == .reflect(expected.text))
            #expect(expected.text == "Do you often think of your dog?")
            #expect(step.state.listeners["listening"] == memory)
            #expect(step.state.explanation?.contains("node 'listen' (reflect, rules 'listening'): \(expected.explanation)") == true)
        }

        @Test func backNeverUndoesTheRecordThatTheNetFired() throws {
            let engine = try Self.engine()
            var step = try engine.start(flow: "mood", seed: 5)
            for line in ["kill", "1", "tired"] { step = engine.step(step.state, .line(line)) }
            #expect(step.state.cursor.node == "rested")
            let back = engine.back(step.state)
            #expect(back.state.cursor.node == "feel")
            #expect(back.state.inputs == [.line("kill"), .line("1")])
            #expect(back.state.safety.events.map(\.choice) == ["continue"])
            #expect(back.state.safety.events.map(\.inputIndex) == [0])
            #expect(!back.state.safety.awaitingChoice)
        }

        @Test func replayWithSafetyEventsIsByteIdentical() throws {
            let engine = try Self.engine()
            var step = try engine.start(flow: "mood", seed: 77)
            for line in ["kill", "continue", "I remember summer", "maybe", "y"] { step = engine.step(step.state, .line(line)) }
            #expect(step.state.status == .completed)
            let replayed = try engine.replay(flow: "mood", seed: 77, inputs: step.state.inputs)
            #expect(replayed.state == step.state)
        }

        // MARK: The gentle check (possible risk)

        @Test func aPossibleRiskAsksTheGentleCheckAndHoldsTheLine() throws {
            let engine = try Self.engine()
            let held = engine.step(try engine.start(flow: "mood", seed: 1).state, .line("counted my pills tonight"))
            #expect(held.events == [.safetyCheck(SafetyNet.builtInCheck)])
            #expect(held.state.safety.awaitingCheck)
            #expect(!held.state.safety.awaitingChoice)
            #expect(held.state.safety.events.first?.tier == .check)
            #expect(held.state.answers.isEmpty)
            #expect(engine.resume(held.state).events == [.safetyCheck(SafetyNet.builtInCheck)])
        }

        @Test func aClearNoTakesTheHeldLineAsTheAnswer() throws {
            let engine = try Self.engine()
            let held = engine.step(try engine.start(flow: "mood", seed: 1).state, .line("counted my pills tonight"))
            let cleared = engine.step(held.state, .line("no im fine"))
            #expect(!cleared.state.safety.awaitingCheck)
            #expect(cleared.state.safety.events.first?.answer == "no")
            #expect(cleared.state.variables["feeling"] == .string("counted my pills tonight"))
            #expect(cleared.state.cursor.node == "rested")
            #expect(cleared.events.first == .notice("Thank you for answering. Let's carry on."))
        }

        @Test(arguments: ["yes", "maybe", "no but sometimes", "", "i dont know"])
        func anythingButAClearNoShowsTheCrisisMessage(_ answer: String) throws {
            let engine = try Self.engine()
            let held = engine.step(try engine.start(flow: "mood", seed: 1).state, .line("counted my pills tonight"))
            let reply = engine.step(held.state, answer.isEmpty ? .skip : .line(answer))
            #expect(reply.events == [.safety(SafetyNet.builtInMessage)])
            #expect(reply.state.safety.awaitingChoice)
            #expect(reply.state.safety.events.first?.answer != "no")
            #expect(reply.state.answers.isEmpty)
            let resumed = engine.step(reply.state, .line("continue"))
            #expect(resumed.state.cursor.node == "feel")
        }

        @Test func theCheckComesFromItsPromptWithTheCountrysLines() throws {
            var prompts: [(name: String, file: SourceFile)] = []
            prompts.append((name: "safety/check", file: SourceFile(path: "prompts/safety/check.mustache",
                                                                   text: "Are you thinking of harming yourself?{{#safety.country.uk}} Samaritans: 116 123.{{/safety.country.uk}}")))
            let (library, _) = ScriptLibrary.load(
                scripts: [SourceFile(path: "safety.yaml", text: Self.safetyRules), SourceFile(path: "listening.yaml", text: Self.listening),
                          SourceFile(path: "mood.yaml", text: Self.flow)],
                prompts: prompts)
            let engine = Engine(library: library)
            let held = engine.step(try engine.start(flow: "mood", seed: 1, variables: ["country": .string("UK")]).state, .line("counted the pills"))
            #expect(held.events == [.safetyCheck("Are you thinking of harming yourself? Samaritans: 116 123.")])
            #expect(held.events.flatMap { $0.plainLines() }.last == "  (yes or no)")
        }
    }
}
