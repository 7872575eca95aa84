import Foundation
import Testing
import GroundworkTestSupport
@testable import GroundworkCore

/// The career prompts render with the model's variables: the summary shows every part, and each
/// step of the catalogue explains itself with the person's answers.
@Suite struct CareerPromptsTests {
    static func prompts() throws -> PromptLibrary {
        var library = PromptLibrary()
        let root = Repository.root.appendingPathComponent("prompts")
        let folder = root.appendingPathComponent("career")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        for file in files {
            let name = "career/" + file.dropLast(".mustache".count)
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            try library.add(Template(text, location: SourceLocation(path: "prompts/\(name).mustache", line: 1, column: 1)), named: name)
        }
        return library
    }

    func variables(trend: String) throws -> [String: Value] {
        let model = try CareerCheckinFixture.model()
        let factors: [String: Value] = ["ownership": .number(2), "relational": .number(5), "friction": .number(4),
                                        "reviews_ai": .bool(true), "worth": .number(3), "remote": .number(5),
                                        "years": .number(4), "trend": .string(trend), "info_share": .number(60),
                                        "physical": .number(4), "accountability": .number(2), "sector": .string("health"),
                                        "has_trend": .bool(!trend.isEmpty)]
        let result = model.evaluate(tasks: [ExposureTask(name: "letters", share: 30, label: "e1"),
                                            ExposureTask(name: "visits", share: 30, label: "e0")],
                                    factors: factors, years: 4)
        return factors.merging(result.variables) { $1 }
    }

    @Test func summaryShowsEveryPart() throws {
        let text = try #require(try Self.prompts().render("career/summary", variables(trend: "▂▅▇ (20, 45)")))
        // 30 + 30 = 60 → 50/50; beta 0.5 → 50; mean 0.5 → gradient 3
        #expect(text.hasPrefix("Your exposure score: 50 out of 100. "))
        #expect(text.contains("(ILO band: gradient 3)\n"))
        #expect(text.contains("Your task shares added up to 60 percent, so each was scaled to make 100."))
        #expect(text.contains("  ██████████░░░░░░░░░░  50%  letters: a chatbot alone could halve the time\n"))
        #expect(text.contains("  - letters: 50% of your week; a chatbot alone could halve the time\n"))
        #expect(text.contains("  - Much of your work is relational"))
        #expect(text.contains("  - A liability buffer:"))
        #expect(text.contains("Your earlier check-ins: ▂▅▇ (20, 45); today: 50."))
        #expect(text.contains("Exposure is not job loss"))
        #expect(text.contains("Eloundou, Manning, Mishkin & Rock"))
        #expect(text.contains("ILO"))
        #expect(!text.contains("{{"))
    }

    @Test func summaryLeavesOutAnEmptyTrend() throws {
        let text = try #require(try Self.prompts().render("career/summary", variables(trend: "")))
        #expect(!text.contains("Your earlier check-ins"))
    }

    @Test func catalogueHasAtLeastTwentyFiveStepsThatRenderWithAnswers() throws {
        let library = try Self.prompts()
        let steps = library.templates.keys.filter { $0.hasPrefix("career/steps/") }
        #expect(steps.count >= 25)
        let vars = try variables(trend: "")
        for step in steps {
            let text = try #require(library.render(step, vars))
            #expect(!text.isEmpty)
            #expect(!text.contains("{{"), "\(step)")
            // No jargon for the person: the rubric's labels never appear.
            #expect(!text.contains("E0") && !text.contains("E1") && !text.contains("E2"), "\(step)")
            // The score is not a share of the week.
            #expect(!text.contains("of your week is exposed") && !text.contains("of it is exposed"), "\(step)")
            // Doable soon: every step names its time frame.
            let soon = ["two weeks", "fortnight", "this week", "This week", "three months"]
            #expect(soon.contains { text.contains($0) }, "\(step) names no time frame")
            // Every step says which answers chose it.
            let because = ["You said", "you said", "You rated", "you rated", "You work in", "you work in", "you have", "you are early", "you hold ground", "you gave"]
            #expect(because.contains { text.contains($0) } || text.contains("nothing in your answers"), "\(step) does not say which answers chose it")
        }
    }

    /// Every step in the catalogue is one the career check-in can choose, and every rule names one.
    @Test func everyStepIsReachableFromTheFlow() throws {
        let (library, _) = try CareerCheckinFixture.library()
        let flow = try #require(library.flows["career-checkin"])
        let chosen = Set(flow.nextSteps.map { "career/steps/\($0.step)" })
        let catalogue = Set(try Self.prompts().templates.keys.filter { $0.hasPrefix("career/steps/") })
        #expect(chosen == catalogue)
    }
}
