import Testing
@testable import GroundworkCore

@Suite struct BeyondDoingTests {
    @Test func everyAnsweredQuestionGetsAReflectiveFollowUp() throws {
        var session = try ReflectionSession("beyond-doing")
        session.say("someone who likes long walks")
        #expect(session.last.contains { if case .reflect = $0 { return true } else { return false } })
        session.answer(["the moment a patient trusts me", "I calm people down", "my running club", "3"])
        #expect(session.reflections.count == 4)
        let summary = try #require(session.summary)
        #expect(summary.contains("Where your community is: my running club"))
        #expect(summary.contains("Who you are, who you're with and how you show up for them cannot."))
    }

    @Test func skippedQuestionsGetNoFollowUp() throws {
        var session = try ReflectionSession("beyond-doing")
        session.say(["/skip", "/skip", "listening", "/skip", "/skip"])
        #expect(session.reflections.count == 1)
        #expect(session.state.status == .completed)
    }

    @Test(arguments: [
        // community, worth from output → practice
        ("/skip", "5", "reach-out-once"),
        ("my church", "5", "an-hour-of-presence"),
        ("my church", "4", "an-hour-of-presence"),
        ("my church", "3", "name-what-you-bring"),
        ("my church", "/skip", "name-what-you-bring"),
    ])
    func practiceFollowsCommunityAndWorth(_ community: String, _ worth: String, _ step: String) throws {
        var session = try ReflectionSession("beyond-doing")
        session.answer(["quiet", "the craft", "patience", community, worth])
        #expect(session.nextStep == step)
    }
}
