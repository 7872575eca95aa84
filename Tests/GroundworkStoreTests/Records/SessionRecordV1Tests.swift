import Foundation
import GroundworkCore
import Testing
import GroundworkTestSupport
@testable import GroundworkStore

@Suite struct SessionRecordV1Tests {
    static let fixtureName = "20260110T090000Z-career-checkin-5f3a9c2e7b10.json"
    static var fixturePath: String {
        Repository.path("Tests/GroundworkStoreTests/Fixtures/\(fixtureName)")
    }

    @Test func readsTheV1Fixture() throws {
        let bytes = try PosixFileSystem().read(Self.fixturePath)
        let record = try SessionCodec().decode(bytes, path: Self.fixturePath).get()
        #expect(record.origin.migratedFrom == 1)
        #expect(record.id == "5f3a9c2e7b10" && record.user == "ada" && record.flowID == "career-checkin")
        #expect(record.status == .active && record.state.status == .active)
        #expect(record.currentNode == "sector")
        #expect(record.seed == 7)
        #expect(record.variables["years"] == .number(6))
        #expect(record.answers.map(\.raw) == ["ward nurse", "6"])
        #expect(record.answers.last?.value == .number(6) && record.answers.last?.variable == "years")
        #expect(record.state.inputs == [.line("ward nurse"), .line("6")])
        #expect(record.transcript.count == 4 && record.transcript[1].speaker == .person)
        #expect(record.updatedAt == Timestamp(parsing: "2026-01-10T09:03:12.500Z"))
        #expect(record.fileName == Self.fixtureName)
    }

    /// Upgraded on the next write, with the original kept once as `.v1.bak`.
    @Test func upgradesOnNextWriteAndKeepsTheOriginalOnce() throws {
        let folder = try TemporaryFolder()
        let store = UserStore(location: folder.location, user: try UserName("ada"))
        try DurableFile().makeFolders(store.sessionsFolder)
        let original = try PosixFileSystem().read(Self.fixturePath)
        let path = store.path(of: Self.fixtureName)
        try DurableFile().write(original, to: path)

        var record = try store.load(fileName: Self.fixtureName)
        #expect(record.origin.migratedFrom == 1)
        // Reading alone changes nothing.
        #expect(folder.bytes(path) == original)

        let writer = try store.lockForWriting()
        record.state.answers.append(Answer(flowID: "career-checkin", nodeID: "sector", question: "Which sector?", raw: "Health",
                                           value: .string("Health"), variable: "sector"))
        try writer.save(&record)
        #expect(folder.bytes(path + ".v1.bak") == original)
        #expect(folder.mode(of: path + ".v1.bak") == 0o600)

        let upgraded = try store.load(fileName: Self.fixtureName)
        #expect(upgraded.schemaVersion == SessionRecord.currentSchemaVersion)
        #expect(upgraded.origin.migratedFrom == nil)
        #expect(upgraded.answers.count == 3)

        // A second write leaves the backup alone.
        var again = upgraded
        again.state.variables["sector"] = .string("Health")
        try writer.save(&again)
        #expect(folder.bytes(path + ".v1.bak") == original)
        #expect(try store.sessionFileNames() == [Self.fixtureName])
    }
}
