import Foundation
import GroundworkCore
import Testing
import GroundworkTestSupport
@testable import GroundworkStore

@Suite struct UserStoreTests {
    static func store(_ folder: TemporaryFolder, fileSystem: any FileSystem = PosixFileSystem()) throws -> UserStore {
        UserStore(location: folder.location, user: try UserName("ada"), fileSystem: fileSystem)
    }

    static func at(_ minutes: Int64) -> Timestamp {
        Timestamp(millisecondsSince1970: Samples.start.millisecondsSince1970 + minutes * 60_000)
    }

    @Test func createSaveLoad() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let writer = try store.lockForWriting()
        var record = try writer.createSession(flowID: "career-checkin", flowTitle: "Career check-in", flowHash: "h",
                                              state: Samples.state(answers: 0), now: Self.at(0))
        #expect(try store.sessionFileNames() == [record.fileName])
        #expect(folder.mode(of: store.path(of: record.fileName)) == 0o600)
        #expect(folder.mode(of: store.sessionsFolder) == 0o700)
        #expect(folder.mode(of: folder.location.userFolder(store.user)) == 0o700)

        for i in 0..<3 {
            record.state.answers.append(Answer(flowID: "career-checkin", nodeID: "q\(i)", question: "Q\(i)", raw: "a\(i)",
                                               value: .string("a\(i)"), variable: nil))
            record.transcript.append(TranscriptEntry(time: Self.at(Int64(i)), speaker: .person, text: "a\(i)"))
            try writer.save(&record, now: Self.at(Int64(i + 1)))
            let back = try store.load(fileName: record.fileName)
            #expect(back == record)
            #expect(back.answers.count == i + 1)
        }
        #expect(record.updatedAt == Self.at(3))
        #expect(try store.sessionFileNames().count == 1)
    }

    @Test func saveMirrorsStatus() throws {
        let folder = try TemporaryFolder()
        let writer = try Self.store(folder).lockForWriting()
        var record = try writer.createSession(flowID: "f", flowTitle: "F", flowHash: "h", state: Samples.state(), now: Self.at(0))
        record.state.status = .completed
        try writer.save(&record)
        #expect(record.status == .completed)
        #expect(try writer.store.headers().items.first?.status == .completed)
    }

    @Test func failedSaveKeepsPreviousFileAndSaysSo() throws {
        let folder = try TemporaryFolder()
        let good = try Self.store(folder)
        var record: SessionRecord
        do {
            let writer = try good.lockForWriting()
            record = try writer.createSession(flowID: "f", flowTitle: "F", flowHash: "h", state: Samples.state(answers: 1), now: Self.at(0))
        }
        let before = folder.bytes(good.path(of: record.fileName))
        let failing = try Self.store(folder, fileSystem: FailingFileSystem(failing: .write, code: ENOSPC))
        let writer = try failing.lockForWriting()
        var changed = record
        changed.state.answers.removeAll()
        let error = #expect(throws: StoreError.self) { try writer.save(&changed) }
        #expect(error?.description.contains("no space left on device") == true)
        #expect(folder.bytes(good.path(of: record.fileName)) == before)
        #expect(try good.load(fileName: record.fileName) == record)
        #expect(try good.leftoverTempFiles().isEmpty)
    }

    @Test func listingReportsBadFilesAndLeavesThemUntouched() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let writer = try store.lockForWriting()
        let kept = try writer.createSession(flowID: "f", flowTitle: "F", flowHash: "h", state: Samples.state(), now: Self.at(0))
        let full = String(decoding: try SessionCodec().encode(Samples.record()), as: UTF8.self)
        let bad: [(String, String, String)] = [
            ("20260101T000000Z-f-corrupt.json", "{ nope", "truncated"),
            ("20260101T000001Z-f-garbage.json", "{\"a\": }", "not valid JSON"),
            ("20260101T000002Z-f-truncated.json", String(full.prefix(200)), "truncated"),
            ("20260101T000003Z-f-empty.json", "", "empty"),
            ("20260101T000004Z-f-future.json", "{\"schemaVersion\": 3, \"id\": \"z\"}", "newer"),
        ]
        for (name, text, _) in bad { folder.write(text, to: store.path(of: name)) }

        let all = try store.loadAll()
        #expect(all.items.map(\.id) == [kept.id])
        #expect(all.unreadable.count == bad.count)
        for (name, text, reason) in bad {
            let problem = all.unreadable.first { $0.path == store.path(of: name) }
            #expect(problem?.reason.contains(reason) == true, "\(name): \(problem?.reason ?? "not reported")")
            #expect(folder.bytes(store.path(of: name)) == Array(text.utf8))
        }
        let headers = try store.headers()
        #expect(headers.items.map(\.id) == [kept.id])
        #expect(Set(headers.unreadable) == Set(all.unreadable))

        // Saving the good session touches nothing else.
        var again = kept
        try writer.save(&again)
        for (name, text, _) in bad { #expect(folder.bytes(store.path(of: name)) == Array(text.utf8)) }

        let checkup = try store.checkup()
        #expect(checkup.unreadable.count == bad.count && !checkup.isHealthy)
        let moved = try writer.quarantine(checkup.unreadable)
        #expect(moved.count == bad.count)
        #expect(moved.allSatisfy { $0.hasPrefix(folder.location.quarantineFolder(store.user) + "/") })
        for (name, text, _) in bad {
            #expect(folder.bytes(folder.location.quarantineFolder(store.user) + "/" + name) == Array(text.utf8))
        }
        #expect(try store.checkup().isHealthy)
        #expect(folder.mode(of: folder.location.quarantineFolder(store.user)) == 0o700)
    }

    @Test func leftoverTempFilesAreFoundAndCleaned() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let writer = try store.lockForWriting()
        let record = try writer.createSession(flowID: "f", flowTitle: "F", flowHash: "h", state: Samples.state(), now: Self.at(0))
        let temp = store.path(of: DurableFile.tempPrefix + record.fileName + "-123")
        folder.write("{ partial", to: temp)
        #expect(try store.leftoverTempFiles() == [temp])
        #expect(try store.sessionFileNames() == [record.fileName])
        #expect(try writer.cleanTempFiles() == [temp])
        #expect(folder.bytes(temp) == nil)
        #expect(try store.load(fileName: record.fileName) == record)
    }

    @Test func latestActiveAndLatestCompleted() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let writer = try store.lockForWriting()
        var old = try writer.createSession(flowID: "career-checkin", flowTitle: "C", flowHash: "h",
                                           state: Samples.state(completed: true, exposure: 40), now: Self.at(0))
        var newer = try writer.createSession(flowID: "career-checkin", flowTitle: "C", flowHash: "h",
                                             state: Samples.state(completed: true, exposure: 55), now: Self.at(10))
        let active1 = try writer.createSession(flowID: "journal", flowTitle: "J", flowHash: "h", state: Samples.state(), now: Self.at(20))
        var active2 = try writer.createSession(flowID: "journal", flowTitle: "J", flowHash: "h", state: Samples.state(), now: Self.at(5))
        try writer.save(&active2, now: Self.at(30))
        try writer.save(&old, now: Self.at(1))
        try writer.save(&newer, now: Self.at(11))

        #expect(try store.latestActive()?.id == active2.id)
        #expect(try store.latestActive(flowID: "nope") == nil)
        #expect(try store.latestCompleted(flowID: "career-checkin")?.id == newer.id)
        #expect(try store.latestCompleted(flowID: "career-checkin", excluding: newer.id)?.id == old.id)
        #expect(try store.headers().items.map(\.id) == [active1.id, newer.id, active2.id, old.id])
    }

    @Test func findBySessionReference() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let writer = try store.lockForWriting()
        let a = try writer.createSession(flowID: "f", flowTitle: "F", flowHash: "h", state: Samples.state(), now: Self.at(0))
        #expect(try store.find(a.id).id == a.id)
        #expect(try store.find(String(a.id.prefix(12))).id == a.id)
        #expect(try store.find(a.fileName).id == a.id)
        #expect(throws: StoreError.sessionNotFound("zzz")) { try store.find("zzz") }
    }

    @Test func forgetOneAndAll() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        var a: SessionRecord
        do {
            let writer = try store.lockForWriting()
            a = try writer.createSession(flowID: "f", flowTitle: "F", flowHash: "h", state: Samples.state(), now: Self.at(0))
            let b = try writer.createSession(flowID: "f", flowTitle: "F", flowHash: "h", state: Samples.state(), now: Self.at(1))
            folder.write("backup", to: store.path(of: b.fileName + ".v1.bak"))
            try writer.forget(fileName: b.fileName)
            #expect(try store.fileSystem.list(store.sessionsFolder) == [a.fileName])
            #expect(throws: StoreError.self) { try writer.forget(fileName: b.fileName) }
            try writer.forgetAll()
        }
        #expect(folder.bytes(store.path(of: a.fileName)) == nil)
        #expect(try PosixFileSystem().status(folder.location.userFolder(store.user)) == nil)
        // The user can start again afterwards.
        _ = try store.lockForWriting()
    }

    @Test func readingNeedsNoLock() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let writer = try store.lockForWriting()
        let a = try writer.createSession(flowID: "f", flowTitle: "F", flowHash: "h", state: Samples.state(), now: Self.at(0))
        #expect(try store.load(fileName: a.fileName) == a)
        #expect(throws: StoreError.locked(user: "ada")) { try store.lockForWriting() }
    }

    @Test func emptyStoreListsNothing() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        #expect(try store.loadAll().items.isEmpty)
        #expect(try store.headers().items.isEmpty)
        #expect(try store.latestActive() == nil)
        #expect(try store.checkup().isHealthy)
    }
}

@Suite struct UserStoreLockTests {
    @Test func takingTheLockRemovesLeftoverTempFiles() throws {
        let folder = try TemporaryFolder()
        let store = UserStore(location: folder.location, user: try UserName("ada"))
        try DurableFile().makeFolders(store.sessionsFolder)
        let temp = store.path(of: DurableFile.tempPrefix + "x.json-1")
        folder.write("{", to: temp)
        #expect(try store.checkup().leftoverTempFiles == [temp])
        _ = try store.lockForWriting()
        #expect(folder.bytes(temp) == nil)
    }
}

@Suite struct SessionIndexTests {
    @Test func cacheFollowsChangesAndSurvivesDamage() throws {
        let folder = try TemporaryFolder()
        let store = UserStore(location: folder.location, user: try UserName("ada"))
        let writer = try store.lockForWriting()
        var a = try writer.createSession(flowID: "f", flowTitle: "F", flowHash: "h", state: Samples.state(answers: 1),
                                         now: UserStoreTests.at(0))
        let b = try writer.createSession(flowID: "f", flowTitle: "F", flowHash: "h", state: Samples.state(answers: 2),
                                         now: UserStoreTests.at(1))
        let indexPath = folder.location.indexFile(store.user)
        #expect(try store.headers().items.map(\.answerCount) == [2, 1])
        #expect(folder.bytes(indexPath) != nil)
        #expect(folder.mode(of: indexPath) == 0o600)

        // A save changes the file's inode: the cached header is not used.
        a.state.status = .completed
        try writer.save(&a)
        #expect(try store.headers().items.first { $0.id == a.id }?.status == .completed)

        // A session replaced behind the cache's back by something unreadable is reported.
        folder.write("{ broken", to: store.path(of: b.fileName))
        let listing = try store.headers()
        #expect(listing.items.map(\.id) == [a.id])
        #expect(listing.unreadable.map(\.path) == [store.path(of: b.fileName)])

        // A damaged index is rebuilt.
        folder.write("not json", to: indexPath)
        #expect(try store.headers().items.map(\.id) == [a.id])
        let rebuilt = try #require(folder.bytes(indexPath))
        #expect(String(decoding: rebuilt, as: UTF8.self).contains(a.id))

        // A forgotten session leaves the index.
        try writer.forget(fileName: a.fileName)
        #expect(try store.headers().items.isEmpty)
        #expect(!String(decoding: folder.bytes(indexPath) ?? [], as: UTF8.self).contains(a.id))
    }
}
