import Testing
@testable import GroundworkCore

extension RuntimeTests {
    /// `keep:` and `previous.` variables: an earlier session's answer is offered, and Enter keeps it.
    struct KeepTests {
        static let flow = """
            id: f
            title: F
            start: share
            variables:
              previous.share: {type: number}
              previous.sector: {type: string}
              previous.squeezed: {type: bool}
              previous.energy: {type: number}
              previous.note: {type: string}
              previous.date: {type: string}
              previous.age_days: {type: number}
            nodes:
              share:
                ask: "What share?"
                input: {number: {min: 0, max: 100, unit: percent}}
                keep: previous.share
                save: share
                next: sector
              sector:
                ask: "Which sector?"
                input: {choice: [{label: Health and care, value: health}, {label: Education, value: education}]}
                keep: previous.sector
                save: sector
                next: squeezed
              squeezed:
                ask: "Squeezed?"
                input: yesno
                keep: previous.squeezed
                save: squeezed
                next: energy
              energy:
                ask: "Energy?"
                input: {scale: {min: 1, max: 5}}
                keep: previous.energy
                save: energy
                next: note
              note:
                ask: "A note?"
                input: text
                keep: previous.note
                save: note
                next: done
              done:
                end: null
            """

        static func library() throws -> ScriptLibrary {
            let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "f.yaml", text: flow)], prompts: [])
            #expect(diagnostics.map(\.description) == [])
            return library
        }

        /// Answers every question with Enter and returns the prompts shown and the saved values.
        static func enterThrough(_ start: [String: Value]) throws -> (prompts: [String], state: SessionState) {
            let engine = Engine(library: try library())
            var step = try engine.start(flow: "f", seed: 1, variables: start)
            var prompts: [String] = []
            for _ in 0..<5 {
                prompts += step.events.compactMap { if case .ask(let p) = $0 { p.text } else { nil } }
                step = engine.step(step.state, .line(""))
            }
            return (prompts, step.state)
        }

        @Test func lastTimesAnswersAreOfferedAndEnterKeepsThem() throws {
            let (prompts, state) = try Self.enterThrough([
                "previous.share": .number(30), "previous.sector": .string("education"), "previous.squeezed": .bool(true),
                "previous.energy": .number(4), "previous.note": .string("a long week"),
            ])
            #expect(prompts.map { $0.split(separator: "\n").last.map(String.init) ?? "" } == [
                "(Last time: 30%. Press Enter to keep it, or type another answer.)",
                "(Last time: Education. Press Enter to keep it, or type another answer.)",
                "(Last time: yes. Press Enter to keep it, or type another answer.)",
                "(Last time: 4. Press Enter to keep it, or type another answer.)",
                "(Last time: 'a long week'. Press Enter to keep it, or type another answer.)",
            ])
            #expect(state.status == .completed)
            #expect(state.variables["share"] == .number(30))
            #expect(state.variables["sector"] == .string("education"))
            #expect(state.variables["squeezed"] == .bool(true))
            #expect(state.variables["energy"] == .number(4))
            #expect(state.variables["note"] == .string("a long week"))
        }

        /// A first session: the `previous.` variables are empty, nothing is offered and Enter is
        /// refused as for any question (the number question re-asks).
        @Test func aFirstSessionOffersNothing() throws {
            let engine = Engine(library: try Self.library())
            let start = try engine.start(flow: "f", seed: 1)
            #expect(start.state.variables["previous.share"] == .null)
            let prompt = start.events.compactMap { if case .ask(let p) = $0 { p.text } else { nil } }.last ?? ""
            #expect(!prompt.contains("Last time"))
            let enter = engine.step(start.state, .line(""))
            #expect(enter.state.cursor.node == "share")
        }

        /// A value the question no longer takes (out of range, an option gone, another type) is not offered.
        @Test(arguments: [
            ("previous.share", Value.number(140)), ("previous.sector", .string("retail")),
            ("previous.share", .string("thirty")), ("previous.squeezed", .number(1)), ("previous.energy", .number(9)),
        ])
        func aValueThatNoLongerFitsIsNotOffered(_ name: String, _ value: Value) throws {
            let engine = Engine(library: try Self.library())
            var state = try engine.start(flow: "f", seed: 1).state
            state.variables[name] = value
            let node = ["previous.share": "share", "previous.sector": "sector", "previous.squeezed": "squeezed", "previous.energy": "energy"][name] ?? ""
            state.cursor.node = node
            let prompt = try #require(engine.currentPrompt(state))
            #expect(!prompt.text.contains("Last time"), "\(prompt.text)")
        }

        /// What an earlier session leaves for the next: only declared `previous.` names, of their
        /// declared type, with the date and age.
        @Test func previousVariablesComeFromTheEarlierSessionsValues() throws {
            let flow = try #require(try Self.library().flows["f"])
            #expect(flow.remembersPreviousSession)
            let previous = flow.previousVariables(from: ["share": .number(25), "sector": .number(3), "energy": .null, "other": .string("x")],
                                                  date: "2026-03-01", ageInDays: 28)
            #expect(previous == ["previous.share": .number(25), "previous.date": .string("2026-03-01"), "previous.age_days": .number(28)])
        }

        @Test func keepIsRefusedOnAMultiQuestion() {
            let text = """
                id: m
                title: M
                start: q
                nodes:
                  q:
                    ask: "Which?"
                    input: {multi: [a, b]}
                    keep: previous.q
                    next: done
                  done:
                    end: null
                """
            let (_, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "m.yaml", text: text)], prompts: [])
            #expect(diagnostics.contains { $0.description.hasPrefix("m.yaml:8:") && $0.description.contains("'keep' works with") },
                    "\(diagnostics.map(\.description))")
        }
    }
}
