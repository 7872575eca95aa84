import Testing
@testable import GroundworkCore

/// Answers from participants' own devices in a hosted room: out of turn, at once, each to their unit.
struct GroupRoomTests {
    static let text = """
        kind: group-exercise
        id: room
        title: Room
        participants: {min: 2, max: 8}
        steps:
          - id: alone
            ask: "Your idea?"
            private: true
            timebox: 1m
          - id: pairs
            ask: "Your pair's idea?"
            to: pairs
          - id: vote
            vote: {on: alone, dots: 2}
          - id: whole
            ask: "What does the room take forward?"
            to: group
        """

    static func started(_ names: String...) throws -> (GroupEngine, GroupState) {
        let engine = try GroupEngineTests.engine(text)
        let state = try engine.start(participants: names.map { Participant(name: $0) }, facilitator: "fay", seed: 7, now: 0).state
        return (engine, state)
    }

    @Test func answersComeInAnyOrderAndTheStepEndsWhenAllAreIn() throws {
        var (engine, state) = try GroupRoomTests.started("ana", "ben", "chi")
        var answer = engine.answer(state, from: "chi", "chi's idea", now: 1)
        #expect(answer.reply == .accepted)
        #expect(answer.result.events == [.notice("1 of 3 answered.")])
        #expect(!answer.result.events.contains(.clear), "the shared screen is not cleared for a device's answer")
        state = answer.result.state
        #expect(engine.view(state, for: "chi", now: 1).status == .answered)
        #expect(engine.view(state, for: "ana", now: 1).status == .answering)
        #expect(engine.answer(state, from: "CHI", "again", now: 2).reply
                == .refused("Your answer for this step is in; please wait for the next one."))
        answer = engine.answer(state, from: "ana", "ana's idea", now: 2)
        state = answer.result.state
        #expect(state.stepIndex == 0)
        answer = engine.answer(state, from: "ben", "ben's idea", now: 3)
        state = answer.result.state
        #expect(state.stepIndex == 1, "all three in: on to the pairs")
        #expect(state.contributions.map(\.authors) == [["chi"], ["ana"], ["ben"]])
        #expect(state.contributions.allSatisfy { $0.isPrivate })
    }

    @Test func aPairAnswersOnceFromEitherDevice() throws {
        var (engine, state) = try GroupRoomTests.started("ana", "ben", "chi", "dee")
        for name in ["ana", "ben", "chi", "dee"] { state = engine.answer(state, from: name, "idea of \(name)", now: 1).result.state }
        #expect(engine.view(state, for: "dee", now: 1).unit == ["chi", "dee"])
        state = engine.answer(state, from: "dee", "our idea", now: 2).result.state
        #expect(engine.answer(state, from: "chi", "mine too", now: 2).reply
                == .refused("Your answer for this step is in; please wait for the next one."))
        #expect(engine.view(state, for: nil, now: 2).progress == GroupProgress(answered: 1, total: 2))
        state = engine.answer(state, from: "ana", "first pair", now: 3).result.state
        #expect(engine.view(state, for: "ana", now: 3).dots == 2, "on to the vote")
        #expect(engine.view(state, for: "ana", now: 3).options.count == 4)
    }

    @Test func oneKeyboardTurnsPassOverUnitsThatAnsweredFromTheirDevices() throws {
        var (engine, state) = try GroupRoomTests.started("ana", "ben", "chi")
        state = engine.answer(state, from: "ben", "from ben's phone", now: 1).result.state
        state = engine.step(state, "ana at the keyboard", now: 2).state
        #expect(engine.currentTurn(state, now: 2)?.names == ["chi"], "ben's turn is passed over")
        let moved = engine.step(state, "/next", now: 3)
        #expect(moved.events.first == .notice("Moving on; 1 turn left unanswered."))
    }

    @Test func backLetsAnOutOfTurnUnitAnswerAgain() throws {
        var (engine, state) = try GroupRoomTests.started("ana", "ben", "chi")
        state = engine.answer(state, from: "chi", "oops", now: 1).result.state
        let back = engine.step(state, "/back", now: 2)
        #expect(back.events.first == .notice("Went back one answer."))
        state = back.state
        #expect(state.contributions.isEmpty)
        #expect(engine.currentTurn(state, now: 2)?.names == ["ana"], "nobody else's turn moved")
        #expect(engine.answer(state, from: "chi", "better", now: 3).reply == .accepted)
    }

    @Test func refusals() throws {
        var (engine, state) = try GroupRoomTests.started("ana", "ben")
        #expect(engine.answer(state, from: "zed", "hi", now: 1).reply
                == .refused("Nothing is asked of you in this step; please wait for the next one."))
        state = engine.step(state, "/pause", now: 1).state
        #expect(engine.answer(state, from: "ana", "hi", now: 2).reply == .refused("The exercise is paused; please wait for the facilitator."))
        state = engine.step(state, "/pause", now: 2).state
        for name in ["ana", "ben"] { state = engine.answer(state, from: name, "idea", now: 3).result.state }
        state = engine.answer(state, from: "ana", "pair idea", now: 4).result.state
        #expect(engine.answer(state, from: "ana", "9", now: 5).reply == .refused("'9' is not an option; please use numbers from 1 to 2."))
        for name in ["ana", "ben"] { state = engine.answer(state, from: name, "1 2", now: 5).result.state }
        #expect(engine.answer(state, from: "ana", "we go with 1", now: 6).reply
                == .refused("The facilitator types the whole group's answer to this one."))
        #expect(engine.view(state, for: "ana", now: 6).status == .listening)
    }

    @Test func theSafetyNetAnswersThePersonPrivatelyAndPausesTheRoom() throws {
        var (engine, state) = try GroupRoomTests.started("ana", "ben")
        let hit = engine.answer(state, from: "ben", "i want to kill myself", now: 1)
        guard case .safety(let text) = hit.reply else {
            Issue.record("expected the crisis lines, got \(hit.reply)")
            return
        }
        #expect(text.contains("emergency"))
        state = hit.result.state
        #expect(state.pause == .safety)
        #expect(state.contributions.isEmpty, "the words are kept nowhere")
        #expect(state.safety.map(\.participant) == ["ben"])
        let forRoom = hit.result.events.flatMap { $0.plainLines() }.joined(separator: "\n")
        #expect(!forRoom.contains("kill"))
        #expect(hit.result.events.contains { if case .facilitator = $0 { return true } else { return false } })
        #expect(engine.view(state, for: "ana", now: 2).status == .paused)
    }
}
