import Testing
@testable import GroundworkCore

extension RuntimeTests {
    /// `fill_from:` — a number already given with its unit in earlier text is offered, and Enter keeps it.
    struct FillFromTests {
        static func flow(_ input: String = "{number: {min: 0, max: 60, unit: years}}") -> String {
            """
            id: f
            title: F
            start: role
            nodes:
              role:
                ask: "Your job?"
                input: text
                save: job
                next: years
              years:
                ask: "How many years?"
                input: \(input)
                save: years
                fill_from: job
                next: done
              done:
                end: null
            """
        }

        static func engine() throws -> Engine {
            let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "f.yaml", text: flow())], prompts: [])
            #expect(diagnostics.map(\.description) == [])
            return Engine(library: library)
        }

        @Test(arguments: [
            ("nurse for about 14 years", "", 14.0, true), ("nurse for about 14 years", "15", 15, true),
            ("nurse, 18 months now", "", 1.5, true), ("I run 3 care homes", "7", 7, false),
        ])
        func offeredAndKept(_ job: String, _ typed: String, _ saved: Double, _ offered: Bool) throws {
            let engine = try Self.engine()
            let asked = engine.step(try engine.start(flow: "f", seed: 1).state, .line(job))
            let prompt = asked.events.compactMap { if case .ask(let p) = $0 { p } else { nil } }.last
            #expect(prompt?.text.contains("press Enter to keep it") == offered)
            let answered = engine.step(asked.state, .line(typed))
            #expect(answered.state.variables["years"] == .number(saved))
        }

        @Test func aNumberInputWithoutAUnitIsRefused() {
            let (_, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "f.yaml", text: Self.flow("{number: {min: 0, max: 60}}"))], prompts: [])
            #expect(diagnostics.contains { $0.description.hasPrefix("f.yaml:14:") && $0.description.contains("'fill_from' needs a number input with a unit") },
                    "\(diagnostics.map(\.description))")
        }

        @Test(arguments: [("about 14 years", NumberUnit.years, "14" as String?), ("14", .years, nil), ("about 25% of my week", .percent, "25"), ("a quarter of it, 25%", .percent, nil),
                          ("two of us for 6 years", .years, nil), ("worked 5 or 6 years", .years, nil)])
        func statedWithItsUnit(_ text: String, _ unit: NumberUnit, _ raw: String?) {
            #expect(AnswerParser.stated(text, unit: unit) == raw)
        }
    }
}
