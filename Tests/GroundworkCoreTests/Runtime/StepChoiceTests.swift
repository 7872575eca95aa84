import Testing
@testable import GroundworkCore

extension RuntimeTests {
    /// `next_steps_offer:` — the end shows the summary and the fitting steps, and the person's pick
    /// is the session's next step.
    struct StepChoiceTests {
        static let flow = """
            id: s
            title: S
            start: energy
            summary: "Energy {{energy}}."
            next_steps_offer: 2
            next_steps:
              - if: "energy <= 2"
                step: rest
                say: "Rest one thing: drop one task tonight."
              - if: "energy <= 2"
                step: rest-more
                family: rest
                say: "Sleep early: in bed by ten."
              - if: "energy <= 3"
                step: early-night
                family: rest
                say: "An early night: no screens after nine."
              - else: walk
                say: "Walk: ten minutes outside."
            nodes:
              energy:
                ask: "Energy?"
                input: {scale: {min: 1, max: 5}}
                save: energy
                next: done
              done:
                end: null
            """

        static func engine() throws -> Engine {
            let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "s.yaml", text: flow)], prompts: [])
            #expect(diagnostics.map(\.description) == [])
            return Engine(library: library)
        }

        static func offered(_ energy: String) throws -> (Engine, Step) {
            let engine = try engine()
            return (engine, engine.step(try engine.start(flow: "s", seed: 1).state, .line(energy)))
        }

        @Test func theSummaryAndTheFittingStepsAreShownAndThePickIsTheNextStep() throws {
            let (engine, offer) = try Self.offered("2")
            #expect(offer.state.status == .active)
            #expect(offer.events.contains(.summary("Energy 2.")))
            let prompt = try #require(offer.events.compactMap { if case .ask(let p) = $0 { p } else { nil } }.last)
            // One per family: "rest-more" and "early-night" are both family rest; the first stands for it.
            #expect(prompt.options == ["Rest one thing", "Sleep early"])
            #expect(prompt.text.hasPrefix("Two next steps fit your answers:\n\nRest one thing: drop one task tonight.\n\nSleep early: in bed by ten."))
            let picked = engine.step(offer.state, .line("sleep"))
            #expect(picked.state.status == .completed)
            #expect(picked.state.summary?.nextStepID == "rest-more")
            #expect(picked.state.summary?.nextStepText == "Sleep early: in bed by ten.")
            #expect(picked.state.summary?.text == "Energy 2.")
            #expect(picked.events.contains(.nextStep(id: "rest-more", text: "Sleep early: in bed by ten.")))
            #expect(!picked.events.contains { if case .summary = $0 { true } else { false } }, "the summary is not shown twice")
            #expect(picked.state.answers.last?.nodeID == "(next-step)")
            #expect(picked.state.answers.last?.value == .string("rest-more"))
            #expect(picked.state.variables["next_step.offered.ids"] == nil)
        }

        @Test(arguments: [[Input.skip], [.finish], [.line("x"), .line("y"), .line("z")]])
        func noPickKeepsTheClosestFit(_ inputs: [Input]) throws {
            let (engine, offer) = try Self.offered("2")
            var state = offer.state
            for input in inputs { state = engine.step(state, input).state }
            #expect(state.status == .completed)
            #expect(state.summary?.nextStepID == "rest")
        }

        @Test func oneFittingStepAsksNothing() throws {
            let (_, done) = try Self.offered("5")
            #expect(done.state.status == .completed)
            #expect(done.state.summary?.nextStepID == "walk")
        }

        @Test func resumeShowsTheChoiceAgainAndBackReturnsToTheLastQuestion() throws {
            let (engine, offer) = try Self.offered("2")
            let resumed = engine.resume(offer.state)
            #expect(resumed.events.compactMap { if case .ask(let p) = $0 { p.nodeID } else { nil } } == ["(next-step)"])
            #expect(engine.currentPrompt(offer.state)?.options == ["Rest one thing", "Sleep early"])
            let back = engine.back(offer.state)
            #expect(back.state.cursor.node == "energy")
            #expect(back.state.variables["next_step.offered.ids"] == nil)
            // A replay of the inputs comes to the same pick.
            let picked = engine.step(offer.state, .line("2"))
            let replayed = try engine.replay(flow: "s", seed: 1, inputs: picked.state.inputs)
            #expect(replayed.state.summary?.nextStepID == "rest-more")
        }
    }
}
