import Foundation
import Testing
@testable import GroundworkCore

struct GroupEngineTests {
    static let text = """
        kind: group-exercise
        id: mini
        title: Mini
        participants: {min: 2, max: 6}
        steps:
          - id: idea
            ask: "Your idea?"
            timebox: 1m
          - id: secret
            ask: "Your secret idea?"
            private: true
          - id: see
            show: secret
          - id: pick
            ask: "Colour?"
            input: {choice: [red, blue]}
          - id: count
            tally: pick
        """

    static func engine(_ source: String = text) throws -> GroupEngine {
        let (_, library) = try GroupFixtures.bundled()
        let (exercise, diagnostics) = GroupLoader.load(SourceFile(path: "mini.yaml", text: source), library: library)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return GroupEngine(exercise: try #require(exercise), library: library)
    }

    static func people(_ names: String...) -> [Participant] { names.map { Participant(name: $0) } }

    /// Feeds lines at time `now` and returns the last result.
    static func feed(_ engine: GroupEngine, _ state: GroupState, _ lines: [String], now: Double = 0) -> GroupResult {
        var result = GroupResult(state: state, events: [])
        for line in lines { result = engine.step(result.state, line, now: now) }
        return result
    }

    @Test func refusesBadRooms() throws {
        let engine = try GroupEngineTests.engine()
        #expect(throws: GroupError.duplicate("ANA")) {
            try engine.start(participants: GroupEngineTests.people("ana", "ANA"), facilitator: nil, seed: 1, now: 0)
        }
        #expect(throws: GroupError.participantCount("mini", 1, 2, 6)) {
            try engine.start(participants: GroupEngineTests.people("ana"), facilitator: nil, seed: 1, now: 0)
        }
        #expect(throws: GroupError.badName("a/b", "no path separators; use letters, digits, '.', '_' and '-'")) {
            try engine.start(participants: GroupEngineTests.people("a/b", "c"), facilitator: nil, seed: 1, now: 0)
        }
    }

    @Test func theBellRingsOnceAndPausingStopsTheClock() throws {
        let engine = try GroupEngineTests.engine()
        var state = try engine.start(participants: GroupEngineTests.people("ana", "ben"), facilitator: "fay", seed: 1, now: 100).state
        #expect(engine.tick(state, now: 159).events.isEmpty)
        #expect(engine.currentTurn(state, now: 130)?.line == "ana, your turn [0:30 left]")
        state = engine.step(state, "/pause", now: 130).state
        #expect(engine.currentTurn(state, now: 1000)?.line == "ana, your turn [paused]")
        #expect(engine.tick(state, now: 1000).events.isEmpty)
        #expect(engine.step(state, "an idea", now: 1000).state.contributions.isEmpty)
        state = engine.step(state, "/pause", now: 1000).state
        #expect(engine.currentTurn(state, now: 1010)?.line == "ana, your turn [0:20 left]")
        let rung = engine.tick(state, now: 1030)
        #expect(rung.events.first == .bell)
        #expect(engine.tick(rung.state, now: 1040).events.isEmpty)
        let extended = engine.step(rung.state, "/extend 1m", now: 1040)
        #expect(extended.events.first == .notice("Extended by 1m: 0:50 left."))
        #expect(engine.tick(extended.state, now: 1089).events.isEmpty)
        #expect(engine.tick(extended.state, now: 1090).events.first == .bell)
        #expect(engine.step(extended.state, "/extend soon", now: 1040).events.first == .invalid("'soon' is not a duration; try /extend 1m or /extend 30s."))
    }

    @Test func backUndoesAnswersAcrossSteps() throws {
        let engine = try GroupEngineTests.engine()
        let start = try engine.start(participants: GroupEngineTests.people("ana", "ben"), facilitator: nil, seed: 1, now: 0).state
        var state = GroupEngineTests.feed(engine, start, ["a1", "b1"]).state
        #expect(engine.currentTurn(state, now: 0)?.stepID == "secret")
        state = engine.step(state, "/back", now: 0).state
        #expect(state.contributions.map(\.raw) == ["a1"])
        #expect(engine.currentTurn(state, now: 0).map { [$0.stepID, $0.label] } == ["idea", "ben"])
        state = GroupEngineTests.feed(engine, state, ["/back", "/back"]).state
        #expect(state.contributions.isEmpty)
        #expect(engine.currentTurn(state, now: 0)?.label == "ana")
    }

    @Test func privateAnswersAreClearedAndShownBackShuffledBySeed() throws {
        let engine = try GroupEngineTests.engine()
        func shown(seed: UInt64) throws -> [String] {
            let start = try engine.start(participants: GroupEngineTests.people("ana", "ben", "chi", "dev", "eli"), facilitator: nil, seed: seed, now: 0)
            let ideas = GroupEngineTests.feed(engine, start.state, ["i1", "i2", "i3", "i4", "i5"])
            let secrets = (1...5).map { "s\($0)" }
            var events: [GroupEvent] = []
            var state = ideas.state
            for line in secrets {
                let result = engine.step(state, line, now: 0)
                #expect(result.events.first == .clear)
                events = result.events
                state = result.state
            }
            guard let list = events.compactMap({ if case .list(let lines) = $0 { return lines } else { return nil } }).first else { return [] }
            #expect(!list.joined().contains(":"), "no names")
            return list
        }
        let first = try shown(seed: 1)
        #expect(first.sorted() == ["  - s1", "  - s2", "  - s3", "  - s4", "  - s5"])
        #expect(first != first.sorted())
        #expect(try shown(seed: 1) == first)
        let others = try (2...6).map { try shown(seed: $0) }
        #expect(others.contains { $0 != first })
    }

    @Test func theSafetyNetPausesWithoutShowingOrKeepingTheWords() throws {
        let engine = try GroupEngineTests.engine()
        let start = try engine.start(participants: GroupEngineTests.people("ana", "ben"), facilitator: "fay", seed: 1, now: 0)
        let hit = engine.step(start.state, "honestly I want to kill myself", now: 5)
        #expect(hit.state.pause == .safety)
        #expect(hit.state.contributions.isEmpty)
        #expect(hit.state.safety.map(\.participant) == ["ana"])
        #expect(hit.state.safety.map(\.category) == ["suicide"])
        #expect(hit.state.safety.first?.tier == .crisis)
        #expect(hit.state.safety.first?.stepID == "idea")
        #expect(hit.events.first == .clear)
        #expect(hit.events.contains { if case .facilitator = $0 { return true } else { return false } })
        let encoded = String(decoding: try JSONEncoder().encode(hit.state), as: UTF8.self)
        #expect(!encoded.contains("kill"))
        #expect(!hit.events.flatMap { $0.plainLines() }.joined().contains("kill"))
        #expect(hit.touched == ["ana"])
        // Nothing moves on until the facilitator decides.
        #expect(engine.step(hit.state, "another line", now: 6).state.contributions.isEmpty)
        #expect(engine.step(hit.state, "/next", now: 6).state.stepIndex == 0)
        let skipped = engine.step(hit.state, "/skip ana", now: 6)
        #expect(skipped.state.pause == nil)
        #expect(engine.currentTurn(skipped.state, now: 6)?.label == "ben")
        let resumed = engine.step(hit.state, "/pause", now: 6)
        #expect(engine.currentTurn(resumed.state, now: 6)?.label == "ana")
        #expect(engine.sessionStateSafetyCount(resumed.state, "ana") == 1)
    }

    @Test func skipAddRemoveAndEnd() throws {
        let engine = try GroupEngineTests.engine()
        var state = try engine.start(participants: GroupEngineTests.people("ana", "ben", "chi"), facilitator: nil, seed: 1, now: 0).state
        state = GroupEngineTests.feed(engine, state, ["/skip chi", "a1", "/add dev", "/remove ben"]).state
        #expect(engine.currentTurn(state, now: 0)?.label == "dev")
        #expect(engine.step(state, "/skip zed", now: 0).events.first == .invalid("no participant named 'zed'"))
        #expect(engine.step(state, "/add ana", now: 0).events.first == .invalid("'ana' is already taking part"))
        state = engine.step(state, "d1", now: 0).state
        #expect(state.contributions.map(\.authors) == [["ana"], ["dev"]])
        #expect(engine.currentTurn(state, now: 0).map { [$0.stepID, $0.label] } == ["secret", "ana"])
        let ended = engine.step(state, "/end", now: 0)
        #expect(ended.state.status == .completed)
        #expect(ended.events.last == .end)
        #expect(ended.state.summary?.contains("- Ended by the facilitator at step 2 of 5") == true)
        #expect(engine.step(ended.state, "more", now: 0).events == [.notice("This group exercise has ended.")])
    }

    @Test func anonymousSummariesHideSmallCategories() throws {
        let engine = try GroupEngineTests.engine()
        let start = try engine.start(participants: GroupEngineTests.people("ana", "ben", "chi", "dev"), facilitator: nil,
                                     anonymous: true, seed: 1, now: 0)
        let done = GroupEngineTests.feed(engine, start.state, ["i1", "i2", "i3", "i4", "s1", "s2", "s3", "s4", "red", "red", "red", "blue"])
        let summary = try #require(done.state.summary)
        #expect(!summary.contains("ana") && !summary.contains("ben"))
        #expect(summary.contains("- Participants: 4 (anonymous)"))
        #expect(summary.contains("- red: 3"))
        #expect(!summary.contains("blue"))
        #expect(summary.contains("(not shown: fewer than 3 people chose one other option)"))
        #expect(summary.contains("- i1\n- i2\n- i3\n- i4"))

        // Only two people answered the free-text step: it is not shown at all.
        let few = GroupEngineTests.feed(engine, start.state, ["i1", "/skip ben", "/skip chi", "i4", "/end"])
        #expect(few.state.summary?.contains("(not shown: fewer than 3 people answered)") == true)
        #expect(few.state.summary?.contains("i1") == false)
    }

    @Test(arguments: [(["a", "b", "c"], 2, [["a", "b", "c"]]),
                      (["a", "b", "c", "d"], 2, [["a", "b"], ["c", "d"]]),
                      (["a", "b", "c", "d", "e"], 2, [["a", "b"], ["c", "d", "e"]]),
                      (["a", "b", "c", "d", "e", "f"], 4, [["a", "b", "c", "d"], ["e", "f"]]),
                      (["a", "b", "c", "d", "e"], 4, [["a", "b", "c", "d", "e"]]),
                      (["a"], 2, [["a"]])])
    func splitsIntoPairsAndFours(_ names: [String], _ size: Int, _ groups: [[String]]) {
        #expect(GroupInterpreter.split(names, size: size) == groups)
    }

    @Test(arguments: [("1 1 3", [0, 0, 2]), ("2,3", [1, 2]), ("3", [2])])
    func readsDots(_ line: String, _ picks: [Int]) throws {
        #expect(try GroupInterpreter.parseDots(line, options: 3, budget: 3).get() == picks)
    }

    @Test(arguments: ["", "0", "4", "1 2 3 1", "one"])
    func refusesDots(_ line: String) {
        #expect((try? GroupInterpreter.parseDots(line, options: 3, budget: 3).get()) == nil)
    }

    @Test func eachParticipantsSessionHoldsOnlyTheirPart() throws {
        let engine = try GroupEngineTests.engine()
        let start = try engine.start(participants: GroupEngineTests.people("ana", "ben"), facilitator: nil, seed: 1, now: 0)
        let state = GroupEngineTests.feed(engine, start.state, ["a1", "b1", "a2"]).state
        let ana = state.sessionState(for: "ana")
        #expect(ana.answers.map(\.raw) == ["a1", "a2"])
        #expect(ana.answers.map(\.nodeID) == ["idea", "secret"])
        #expect(ana.flowID == "mini" && ana.status == .active)
        #expect(state.sessionState(for: "ben").answers.map(\.raw) == ["b1"])
    }
}

extension GroupEngine {
    /// Safety events kept in `name`'s own session.
    func sessionStateSafetyCount(_ state: GroupState, _ name: String) -> Int { state.sessionState(for: name).safety.events.count }
}
