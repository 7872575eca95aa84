import Foundation
import Testing
import GroundworkTestSupport
import GroundworkCore
@testable import GroundworkStore

/// The group file and the participants' own session files, written under their locks.
struct GroupStoreTests {
    static let exerciseText = """
        kind: group-exercise
        id: mini
        title: Mini
        steps:
          - {id: idea, ask: "Your idea?"}
          - {id: next, ask: "Next step?", to: group, record: next-step}
        """

    static func engine() throws -> GroupEngine {
        let (exercise, diagnostics) = GroupLoader.load(SourceFile(path: "mini.yaml", text: exerciseText), library: ScriptLibrary())
        #expect(diagnostics.isEmpty)
        return GroupEngine(exercise: try #require(exercise), library: ScriptLibrary())
    }

    @Test func savesTheGroupAndEachPersonsOwnPart() throws {
        let folder = try TemporaryFolder()
        let engine = try GroupStoreTests.engine()
        let store = GroupStore(location: folder.location)
        var writer = try store.lockForWriting(["ana", "ben"])
        let start = try engine.start(participants: [Participant(name: "ana"), Participant(name: "ben")], facilitator: nil, seed: 9, now: 1_000)
        var record = GroupRecord(id: "aaaaaaaaaaaa", exerciseID: "mini", exerciseTitle: "Mini",
                                 startedAt: Timestamp(millisecondsSince1970: 1_700_000_000_000), state: start.state)
        try writer.save(&record, exercise: engine.exercise, touched: nil)
        #expect(record.participantSessions.keys.sorted() == ["ana", "ben"])
        #expect(try store.latestActive()?.id == "aaaaaaaaaaaa")

        var result = engine.step(record.state, "ana's idea", now: 1_001)
        record.state = result.state
        try writer.save(&record, exercise: engine.exercise, touched: result.touched)
        #expect(result.touched == ["ana"])

        let ana = try UserStore(location: folder.location, user: try UserName("ana")).load(fileName: record.participantSessions["ana"] ?? "")
        #expect(ana.flowID == "mini" && ana.status == .active)
        #expect(ana.answers.map(\.raw) == ["ana's idea"])
        #expect(ana.transcript.map(\.text) == ["Your idea?", "ana's idea"])
        #expect(ana.variables["group.id"] == .string("aaaaaaaaaaaa"))
        let path = store.path(of: record.fileName)
        #expect(folder.mode(of: path) == 0o600)
        #expect(folder.mode(of: folder.location.groupsFolder) == 0o700)

        result = engine.step(record.state, "ben's idea", now: 1_002)
        result = engine.step(result.state, "try it for a week", now: 1_003)
        record.state = result.state
        try writer.save(&record, exercise: engine.exercise, touched: result.touched)
        let loaded = try store.load(fileName: record.fileName)
        #expect(loaded == record)
        #expect(loaded.status == .completed)
        #expect(try store.latestActive() == nil)
        let ben = try UserStore(location: folder.location, user: try UserName("ben")).load(fileName: record.participantSessions["ben"] ?? "")
        #expect(ben.answers.map(\.raw) == ["ben's idea", "try it for a week"])
        #expect(ben.status == .completed)
        #expect(ben.summary?.text.contains("- try it for a week") == true)

        let summary = try writer.writeSummary(loaded.state.summary ?? "", record: loaded)
        #expect(summary.hasSuffix(".md") && folder.mode(of: summary) == 0o600)
    }

    @Test func aParticipantInAnotherSessionIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = GroupStore(location: folder.location)
        let held = try UserStore(location: folder.location, user: try UserName("ben")).lockForWriting()
        #expect(throws: StoreError.locked(user: "ben")) { try store.lockForWriting(["ana", "ben"]) }
        _ = held
    }

    @Test func anUnreadableGroupFileIsReportedByNameAndKept() throws {
        let folder = try TemporaryFolder()
        let store = GroupStore(location: folder.location)
        try FileManager.default.createDirectory(atPath: folder.location.groupsFolder, withIntermediateDirectories: true)
        let path = store.path(of: "20260101T000000Z-mini-broken.json")
        folder.write("{\"schemaVersion\": 1, \"id\": ", to: path)
        #expect(throws: StoreError.unreadable(UnreadableFile(path: path, reason: "not a group file this version can read"))) {
            try store.latestActive()
        }
        #expect(folder.bytes(path) == Array("{\"schemaVersion\": 1, \"id\": ".utf8))
    }
}
