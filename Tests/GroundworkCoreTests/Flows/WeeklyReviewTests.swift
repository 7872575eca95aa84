import Testing
@testable import GroundworkCore

@Suite struct WeeklyReviewTests {
    @Test(arguments: [
        ("1", "drop-one-thing"),
        ("hand", "hand-it-over"),
        ("3", "make-it-smaller"),
        ("not yet", "protect-the-energy"),
    ])
    func howToLetGoPicksThePractice(_ how: String, _ step: String) throws {
        var session = try ReflectionSession("weekly-review")
        session.say(["4", "the quarterly report", "mentoring Sam", "the onboarding plan", "weekly status emails", how])
        #expect(session.state.status == .completed)
        #expect(session.nextStep == step)
        if step != "protect-the-energy" { #expect(session.nextStepText?.contains("weekly status emails") == true) }
    }

    @Test func nothingToLetGoSkipsTheHowQuestionAndAHardWeekGetsRest() throws {
        var session = try ReflectionSession("weekly-review")
        session.say(["2", "everything", "my kids", "/skip", "/skip"])
        #expect(session.state.status == .completed)
        #expect(!session.events.contains { if case .ask(let p) = $0 { return p.nodeID == "let_go_how_q" } else { return false } })
        #expect(session.nextStep == "rest-one-thing")
    }

    @Test func drainedAndEnergyAnswersAreReflectedBack() throws {
        var session = try ReflectionSession("weekly-review")
        session.answer(["3", "back to back meetings", "a long lunch with my team"])
        #expect(session.reflections.count == 2)
        session.answer(["/skip", "/skip"])
        let summary = try #require(session.summary)
        #expect(summary.contains("What drained you: back to back meetings"))
        #expect(summary.contains("What gave you energy: a long lunch with my team"))
        #expect(summary.contains("The week overall: 3 of 5"))
    }
}
