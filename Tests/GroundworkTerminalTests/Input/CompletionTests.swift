import GroundworkCore
import Testing
@testable import GroundworkTerminal

@Suite struct CompletionTests {
    static let sector = Prompt(text: "Which sector?", kind: .choice, options: ["Health", "Finance", "Farming"], nodeID: "sector")

    @Test(arguments: [
        ("/", ["/help", "/back", "/skip", "/save", "/summary", "/why", "/done", "/quit"]),
        ("/s", ["/skip", "/save", "/summary"]),
        ("/SU", ["/summary"]),
        ("/x", []),
    ])
    func completesSlashCommands(typed: String, expected: [String]) {
        #expect(Completion.candidates(for: typed, prompt: Self.sector) == expected)
    }

    @Test(arguments: [
        ("", ["Health", "Finance", "Farming"]),
        ("f", ["Finance", "Farming"]),
        ("FIN", ["Finance"]),
        ("z", []),
    ])
    func completesChoiceOptions(typed: String, expected: [String]) {
        #expect(Completion.candidates(for: typed, prompt: Self.sector) == expected)
    }

    @Test func yesNoOffersYesAndNo() {
        let prompt = Prompt(text: "Go on?", kind: .yesno, nodeID: "ok")
        #expect(Completion.candidates(for: "y", prompt: prompt) == ["yes"])
        #expect(Completion.candidates(for: "", prompt: prompt) == ["yes", "no"])
    }

    @Test func freeTextAndNoQuestionOfferNothing() {
        let text = Prompt(text: "Your job?", kind: .text, nodeID: "role")
        #expect(Completion.candidates(for: "a", prompt: text).isEmpty)
        #expect(Completion.candidates(for: "", prompt: nil).isEmpty)
        #expect(Completion.candidates(for: "/h", prompt: nil) == ["/help"])
    }
}
