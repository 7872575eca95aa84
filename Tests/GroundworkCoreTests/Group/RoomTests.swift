import Synchronization
import Testing
@testable import GroundworkCore

/// The hosted room's owner of state: joining, tokens, saving before acknowledging, listeners.
struct RoomTests {
    final class Clock: GroupClock {
        let time = Mutex(0.0)
        func now() -> Double { time.withLock { $0 } }
    }

    /// What the room saved, and whether saving should fail.
    final class Disk: Sendable {
        let saved = Mutex<[GroupState]>([])
        let failing = Mutex(false)

        func persist(_ result: GroupResult) throws {
            if failing.withLock({ $0 }) { throw GroupError.duplicate("disk full") }
            saved.withLock { $0.append(result.state) }
        }
    }

    static func room(expected: [String] = [], resumed: GroupState? = nil, disk: Disk = Disk()) throws -> Room {
        let engine = try GroupEngineTests.engine(GroupRoomTests.text)
        let counter = Mutex(0)
        return Room(engine: engine, code: "ABC234", address: "127.0.0.1:8421", clock: Clock(), expected: expected,
                    facilitator: "fay", anonymous: nil, seed: 3, resumed: resumed,
                    persist: { try disk.persist($0) },
                    admit: { name in
                        if name == "busy" { throw GroupError.duplicate("busy elsewhere") }
                        return Participant(name: name)
                    },
                    makeToken: { counter.withLock { $0 += 1; return "token-\($0)" } })
    }

    @Test func joiningNeedsTheCodeAndAFreeName() throws {
        let room = try RoomTests.room()
        #expect(throws: Room.JoinError.wrongCode) { try room.join(code: "ABC235", name: "ana") }
        #expect(try room.join(code: " abc234 ", name: "ana") == "token-1", "the code is read without case or spaces")
        #expect(throws: Room.JoinError.taken("ANA")) { try room.join(code: "ABC234", name: "ANA") }
        #expect(throws: Room.JoinError.taken("fay")) { try room.join(code: "ABC234", name: "fay") }
        #expect(throws: Room.JoinError.self) { try room.join(code: "ABC234", name: "a/b") }
        #expect(throws: Room.JoinError.refused("busy", "participant 'busy elsewhere' is named twice")) {
            try room.join(code: "ABC234", name: "busy")
        }
        #expect(room.participant(token: "token-1") == "ana")
        #expect(room.participant(token: "token-2") == nil)
        #expect(room.names == ["ana"])
    }

    @Test func tokensAreKeptOnlyAsDigestsAndSurviveAResume() throws {
        let disk = Disk()
        let room = try RoomTests.room(disk: disk)
        let ana = try room.join(code: "ABC234", name: "ana")
        _ = try room.join(code: "ABC234", name: "ben")
        _ = try room.facilitator("/start")
        let saved = try #require(disk.saved.withLock { $0.last })
        let record = try #require(saved.room)
        #expect(record.code == "ABC234" && record.address == "127.0.0.1:8421")
        #expect(!record.tokens.keys.contains(ana), "the token itself is written nowhere")
        #expect(record.tokens.count == 2)
        let again = try RoomTests.room(resumed: saved)
        #expect(again.participant(token: ana) == "ana")
        #expect(again.answer(token: ana, "my idea") == .accepted)
    }

    @Test func anAnswerIsSavedBeforeItIsAcknowledged() throws {
        let disk = Disk()
        let room = try RoomTests.room(disk: disk)
        let ana = try room.join(code: "ABC234", name: "ana")
        let ben = try room.join(code: "ABC234", name: "ben")
        #expect(room.answer(token: ana, "too early") == .refused("The exercise has not started yet; it begins when the facilitator says so."))
        _ = try room.facilitator("/start")
        #expect(room.answer(token: ana, "kept") == .accepted)
        #expect(disk.saved.withLock { $0.last?.contributions.map(\.raw) } == ["kept"], "on disk before it was acknowledged")
        #expect(room.answer(token: "forged", "hi") == .refused("Please join the room first."))
        // A save that fails: that answer is not acknowledged, and the room takes nothing more.
        disk.failing.withLock { $0 = true }
        #expect(room.answer(token: ben, "lost?") == .refused("Your answer could not be saved; please tell the facilitator."))
        #expect(try room.tick().contains { if case .facilitator = $0 { return true } else { return false } })
        disk.failing.withLock { $0 = false }
        #expect(room.answer(token: ben, "again") == .refused("Your answer could not be saved; please tell the facilitator."))
        #expect(throws: RoomFailure.self) { try room.facilitator("/next") }
        #expect(disk.saved.withLock { $0.last?.contributions.map(\.raw) } == ["kept"], "nothing unacknowledged was written after")
    }

    @Test func answersArrivingAtOnceShareSaves() async throws {
        let disk = Disk()
        let room = try RoomTests.room(disk: disk)
        var tokens: [String] = []
        for name in ["ana", "ben", "chi", "dee", "eve", "fin"] { tokens.append(try room.join(code: "ABC234", name: name)) }
        _ = try room.facilitator("/start")
        let before = disk.saved.withLock { $0.count }
        let replies = await withTaskGroup(of: GroupReply.self) { group in
            for token in tokens { group.addTask { room.answer(token: token, "idea from \(token)") } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(replies.allSatisfy { $0 == .accepted })
        let saves = disk.saved.withLock { $0.count } - before
        #expect(saves >= 1 && saves <= tokens.count)
        #expect(disk.saved.withLock { $0.last?.contributions(of: "alone").count } == 6, "the last save holds every answer")
    }

    @Test func answersTakenWhileASaveWaitsAreSavedAndShownTogether() throws {
        let disk = Disk()
        let room = try RoomTests.room(disk: disk)
        var tokens: [String] = []
        for name in ["ana", "ben", "chi", "dee"] { tokens.append(try room.join(code: "ABC234", name: name)) }
        _ = try room.facilitator("/start")
        let views = Mutex(0)
        _ = try #require(room.subscribe(token: tokens[0]) { message in
            if case .view = message { views.withLock { $0 += 1 } }
        })
        let (savesBefore, viewsBefore) = (disk.saved.withLock { $0.count }, views.withLock { $0 })
        // The server takes answers as they arrive and completes them on its disk thread.
        let taken = tokens.dropLast().map { room.take(token: $0, "idea from \($0)") }
        #expect(disk.saved.withLock { $0.count } == savesBefore, "taking does not save")
        #expect(room.sharedView().group.progress.answered == 0, "no screen counts an answer before it is saved")
        let replies = taken.map(room.complete)
        #expect(room.sharedView().group.progress.answered == 3)
        #expect(replies.allSatisfy { $0 == .accepted })
        #expect(disk.saved.withLock { $0.count } - savesBefore == 1, "one save covers every answer taken before it")
        #expect(disk.saved.withLock { $0.last?.contributions(of: "alone").count } == 3)
        #expect(views.withLock { $0 } - viewsBefore == 1, "answers saved together are sent together")
        #expect(room.complete(room.take(token: "forged", "hi")) == .refused("Please join the room first."))
    }

    @Test func listenersHearTheirOwnViewAndThePrivateLinesOnlyTheirs() throws {
        let room = try RoomTests.room()
        let ana = try room.join(code: "ABC234", name: "ana")
        let ben = try room.join(code: "ABC234", name: "ben")
        let heard = Mutex<[String: [Room.Message]]>([:])
        for (name, token) in [("ana", ana), ("ben", ben)] {
            _ = room.subscribe(token: token) { message in heard.withLock { $0[name, default: []].append(message) } }
        }
        #expect(room.subscribe(token: "forged") { _ in } == nil)
        _ = try room.facilitator("/start")
        _ = room.answer(token: ben, "i want to kill myself")
        let messages = heard.withLock { $0 }
        let private_ = { (list: [Room.Message]) in list.filter { if case .privately = $0 { return true } else { return false } } }
        #expect(private_(messages["ben"] ?? []).count == 1)
        #expect(private_(messages["ana"] ?? []).isEmpty)
        guard case .view(let last)? = messages["ana"]?.last else {
            Issue.record("ana heard no view")
            return
        }
        #expect(last.name == "ana" && last.group.status == .paused)
    }

    @Test func wordsToTakeHomeHoldOnlyTheirOwn() throws {
        let room = try RoomTests.room()
        let ana = try room.join(code: "ABC234", name: "ana")
        let ben = try room.join(code: "ABC234", name: "ben")
        _ = try room.facilitator("/start")
        _ = room.answer(token: ana, "ana's secret idea")
        _ = room.answer(token: ben, "ben's secret idea")
        let words = try #require(room.words(token: ana))
        #expect(words.contains("ana's secret idea"))
        #expect(!words.contains("ben's"))
        #expect(room.words(token: "forged") == nil)
    }

    @Test func expectedNamesClaimTheirPlaceAfterTheStart() throws {
        let engine = try GroupEngineTests.engine(GroupRoomTests.text)
        let start = try engine.start(participants: [Participant(name: "ana"), Participant(name: "ben")], facilitator: nil, seed: 1, now: 0)
        let room = try RoomTests.room(expected: ["ana", "ben"], resumed: start.state)
        let ana = try room.join(code: "ABC234", name: "Ana")
        #expect(room.participant(token: ana) == "ana")
        #expect(throws: Room.JoinError.taken("ana")) { try room.join(code: "ABC234", name: "ana") }
        let chi = try room.join(code: "ABC234", name: "chi")
        #expect(room.names == ["ana", "ben", "chi"], "a newcomer after the start is added to the group")
        #expect(room.answer(token: chi, "late idea") == .accepted)
    }

    @Test func forgettingSomeoneRemovesTheirToken() throws {
        let disk = Disk()
        let room = try RoomTests.room(disk: disk)
        _ = try room.join(code: "ABC234", name: "ana")
        _ = try room.join(code: "ABC234", name: "ben")
        _ = try room.facilitator("/start")
        let saved = try #require(disk.saved.withLock { $0.last })
        let (forgotten, _) = saved.forgetting("ana")
        #expect(forgotten.room?.tokens.values.sorted() == ["ben"])
    }
}
