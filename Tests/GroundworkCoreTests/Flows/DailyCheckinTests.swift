import Testing
@testable import GroundworkCore

@Suite struct DailyCheckinTests {
    @Test(arguments: [
        // energy, intention → the practice chosen
        ("2", "call my sister", "rest-one-thing"),
        ("3", "call my sister", "anchor-the-intention"),
        ("5", "/skip", "name-the-source"),
        ("3", "/skip", "one-line-tonight"),
        ("/skip", "/skip", "one-line-tonight"),
    ])
    func practiceFollowsEnergyAndIntention(_ energy: String, _ intention: String, _ step: String) throws {
        var session = try ReflectionSession("daily-checkin", variables: ReflectionSession.noCheckin)
        session.answer(["tired but ok", energy, "a good talk with a patient", intention])
        #expect(session.state.status == .completed)
        #expect(session.nextStep == step)
    }

    @Test func summaryHoldsTheAnswersAndTheIntentionInThePractice() throws {
        var session = try ReflectionSession("daily-checkin")
        session.say(["a bit scattered", "4", "finishing the rota", "leave by six"])
        let summary = try #require(session.summary)
        #expect(summary.contains("Arriving: a bit scattered"))
        #expect(summary.contains("Energy: 4 of 5"))
        #expect(summary.contains("What mattered: finishing the rota"))
        #expect(summary.contains("Your intention: leave by six"))
        #expect(session.nextStepText?.contains("(\"leave by six\") to a moment you already have") == true)
        #expect(session.reflections.count == 1)
    }

    @Test func skippedAnswersLeaveNoEmptyLinesAndNoReflection() throws {
        var session = try ReflectionSession("daily-checkin")
        session.say(["/skip", "/skip", "/skip", "/skip"])
        let summary = try #require(session.summary)
        #expect(!summary.contains("Arriving:"))
        #expect(!summary.contains("Energy:"))
        #expect(session.reflections.isEmpty)
    }

    /// Four questions; the whole check-in is four answers, so it stays under three minutes.
    @Test func fourQuestions() throws {
        let (library, _) = try BundledScripts.load()
        let flow = try #require(library.flows["daily-checkin"])
        let asks = flow.nodes.values.filter { if case .ask = $0.kind { return true } else { return false } }
        #expect(asks.count == 4)
    }
}

/// The footer every reflection summary closes with: the latest career check-in, or an invitation.
@Suite struct ReflectionFooterTests {
    static let flows: [(id: String, answers: [String])] = [
        ("daily-checkin", ["fine", "3", "lunch outside", "/skip"]),
        ("weekly-review", ["3", "meetings", "a walk", "the release", "/skip"]),
        ("beyond-doing", ["a gardener", "the people", "calm", "my choir", "2"]),
        ("journal", ["A quiet day.", "/done"]),
    ]

    @Test(arguments: flows.map(\.id))
    func noCheckinInvitesToTakeOne(_ id: String) throws {
        let answers = try #require(Self.flows.first { $0.id == id }).answers
        for variables in [ReflectionSession.noCheckin, [:]] {
            var session = try ReflectionSession(id, variables: variables)
            session.answer(answers)
            let summary = try #require(session.summary)
            #expect(summary.contains("You haven't measured your exposure to AI yet."))
            #expect(summary.contains("'groundwork start career-checkin'"))
            #expect(session.nextStep != nil)
        }
    }

    @Test(arguments: flows.map(\.id))
    func recentCheckinShowsScoreBandAndDate(_ id: String) throws {
        let answers = try #require(Self.flows.first { $0.id == id }).answers
        var session = try ReflectionSession(id, variables: ReflectionSession.latest(score: 47, band: "gradient 2", date: "2026-10-30", ageDays: 24))
        session.answer(answers)
        let summary = try #require(session.summary)
        #expect(summary.contains("Your exposure to AI at your last career check-in (2026-10-30): an exposure score of 47 out of 100 (ILO band: gradient 2)."))
        #expect(!summary.contains("days ago"))
    }

    @Test(arguments: flows.map(\.id))
    func oldCheckinGetsANudge(_ id: String) throws {
        let answers = try #require(Self.flows.first { $0.id == id }).answers
        var session = try ReflectionSession(id, variables: ReflectionSession.latest(score: 63, band: "gradient 3", date: "2026-05-01", ageDays: 206))
        session.answer(answers)
        let summary = try #require(session.summary)
        #expect(summary.contains("63 out of 100 (ILO band: gradient 3)."))
        #expect(summary.contains("That was 206 days ago"))
    }

    /// 90 days is not yet "older than 90 days".
    @Test func ninetyDaysIsStillFresh() throws {
        var session = try ReflectionSession("daily-checkin", variables: ReflectionSession.latest(score: 10, band: "low", date: "2026-08-25", ageDays: 90))
        session.say(["ok", "3", "x", "/skip"])
        #expect(session.summary?.contains("days ago") == false)
    }
}
