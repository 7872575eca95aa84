import Foundation
import GroundworkCore
import Testing
import GroundworkTestSupport
@testable import GroundworkStore

extension FaultTests {
    /// Faults while a session is being written: the previous file stays intact, the error names the file
    /// and the reason, no temp file is left, nothing half-written reads back as valid, and the turn is
    /// saved once the fault is gone.
    @Suite struct StoreFaultTests {
        /// A store over a faulty file system with one session saved (turn 1).
        static func started(_ folder: TemporaryFolder) throws -> (FaultyFileSystem, UserWriter, SessionRecord) {
            let faulty = FaultyFileSystem()
            let store = UserStore(location: folder.location, user: try UserName("ada"), fileSystem: faulty)
            let writer = try store.lockForWriting()
            var record = Samples.record(answers: 1)
            try writer.save(&record)
            return (faulty, writer, record)
        }

        /// The record one turn later.
        static func nextTurn(_ record: SessionRecord, _ text: String = "a second answer") -> SessionRecord {
            var next = record
            next.state.answers.append(Answer(flowID: "career-checkin", nodeID: "q9", question: "Q9?", raw: text,
                                             value: .string(text), variable: nil))
            next.transcript.append(TranscriptEntry(time: Samples.start, speaker: .person, text: text))
            return next
        }

        @Test(arguments: [
            (FaultyFileSystem.Operation.create, EROFS, "read-only file system"),
            (.create, EACCES, "permission denied"),
            (.write, ENOSPC, "no space left on device"),
            (.write, EDQUOT, "disk quota exceeded"),
            (.write, EIO, "input/output error"),
            (.sync, EIO, "input/output error"),
            (.rename, EROFS, "read-only file system"),
        ] as [(FaultyFileSystem.Operation, Int32, String)])
        func aFailedTurnKeepsThePreviousFileAndIsSavedLater(_ operation: FaultyFileSystem.Operation, _ code: Int32, _ message: String) throws {
            let folder = try TemporaryFolder()
            let (faulty, writer, saved) = try Self.started(folder)
            let path = writer.store.path(of: saved.fileName)
            let before = folder.bytes(path)

            faulty.fail(operation, with: code)
            var turn = Self.nextTurn(saved)
            let error = #expect(throws: StoreError.self) { try writer.save(&turn) }
            // The person is told which file and why, in one line.
            #expect(error?.description == "could not save '\(path)': \(message)")
            #expect(folder.bytes(path) == before)
            #expect(try writer.store.load(fileName: saved.fileName) == saved)
            #expect(try writer.store.leftoverTempFiles().isEmpty)
            // The turn is still in memory, and is written once the fault is gone.
            #expect(turn.answers.count == 2)
            faulty.fail(operation, with: nil)
            try writer.save(&turn)
            #expect(try writer.store.load(fileName: saved.fileName) == turn)
        }

        /// A read-only data folder: reading still works (the history cache is simply not written), and
        /// taking the lock to write fails with the lock file's path and the reason.
        @Test(arguments: [EROFS, EACCES])
        func readOnlyDataFolderStillReads(_ code: Int32) throws {
            let folder = try TemporaryFolder()
            let (_, writer, saved) = try Self.started(folder)
            let faulty = FaultyFileSystem()
            for operation in [FaultyFileSystem.Operation.create, .makeDirectory, .lock, .rename] { faulty.fail(operation, with: code) }
            let store = UserStore(location: folder.location, user: writer.store.user, fileSystem: faulty)
            #expect(try store.headers().items.map(\.id) == [saved.id])
            #expect(try store.loadAll().items == [saved])
            let error = #expect(throws: StoreError.self) { try store.lockForWriting() }
            #expect(error?.description == "could not open lock '\(folder.location.lockFile(store.user))': \(StoreError.message(for: code))")
        }

        /// A session file replaced by a folder: listed as unreadable by path (the others stay usable),
        /// never overwritten, and moved aside by `doctor --fix`.
        @Test func sessionFileReplacedByAFolder() throws {
            let folder = try TemporaryFolder()
            let (_, writer, saved) = try Self.started(folder)
            var other = Samples.record(answers: 2, start: UserStoreTests.at(10), id: "bbbbbbbbbbbb")
            try writer.save(&other)
            let path = writer.store.path(of: saved.fileName)
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            folder.write("keep me", to: path + "/inside.txt")

            let listing = try writer.store.loadAll()
            #expect(listing.items.map(\.id) == [other.id])
            #expect(listing.unreadable == [UnreadableFile(path: path, reason: "is a directory")])
            let headers = try writer.store.headers()
            #expect(headers.items.map(\.id) == [other.id])
            #expect(headers.unreadable.map(\.path) == [path])

            var turn = Self.nextTurn(saved)
            let error = #expect(throws: StoreError.self) { try writer.save(&turn) }
            #expect(error?.description == "could not save '\(path)': is a directory")
            #expect(folder.bytes(path + "/inside.txt") == Array("keep me".utf8))
            #expect(try writer.store.leftoverTempFiles().isEmpty)

            let moved = try writer.quarantine(try writer.store.checkup().unreadable)
            #expect(moved.count == 1)
            #expect(folder.bytes(moved[0] + "/inside.txt") == Array("keep me".utf8))
            #expect(try writer.store.checkup().isHealthy)
        }

        /// Every prefix of a session file (what a torn write without the temp-and-rename would leave) is
        /// refused with a reason; none reads back as a session, plain or encrypted.
        @Test(arguments: [false, true])
        func noHalfWrittenFileReadsAsValid(_ encrypted: Bool) throws {
            let folder = try TemporaryFolder()
            var store = UserStore(location: folder.location, user: try UserName("ada"))
            let writer = try store.lockForWriting()
            if encrypted {
                store = try writer.enableEncryption(passphrase: "pass phrase", rounds: CryptoTests.UserKeyTests.rounds).writer.store
            }
            let record = Samples.record(answers: 2)
            let path = store.path(of: record.fileName)
            let full = try store.sealedIfKeyed(try SessionCodec().encode(record), path: path)
            try DurableFile().makeFolders(store.sessionsFolder)
            // The last byte of a plain file is its final newline: without it the document is complete.
            let lengths = Array(stride(from: 0, to: full.count - 2, by: 11)) + [full.count - 2]
            for length in lengths {
                try DurableFile().write(Array(full.prefix(length)), to: path)
                let error = #expect(throws: StoreError.self, "prefix of \(length) bytes") { try store.load(fileName: record.fileName) }
                guard case .unreadable(let file)? = error else {
                    Issue.record("prefix of \(length) bytes: \(String(describing: error))")
                    continue
                }
                // The person is told the file was cut short, not that it is some other kind of file.
                #expect(file.reason.hasPrefix("truncated") || file.reason == "the file is empty", "\(length): \(file.reason)")
            }
            try DurableFile().write(full, to: path)
            #expect(try store.load(fileName: record.fileName) == record)
        }

        /// For an encrypted user no plain byte of the journal is ever handed to the disk: not in session
        /// files, temp files (even a torn one), the history cache or the settings.
        @Test func encryptedUserNeverWritesPlainText() throws {
            let folder = try TemporaryFolder()
            let faulty = FaultyFileSystem()
            let plain = UserStore(location: folder.location, user: try UserName("ada"), fileSystem: faulty)
            let writer = try plain.lockForWriting().enableEncryption(passphrase: "pass phrase", rounds: CryptoTests.UserKeyTests.rounds).writer
            var record = try writer.createSession(flowID: "career-checkin", flowTitle: "Career check-in", flowHash: "h",
                                                  state: Samples.state(completed: true, exposure: 40))
            var turn = Self.nextTurn(record, "my secret worry")
            try writer.save(&turn)
            faulty.fail(.write, with: ENOSPC)
            record = Self.nextTurn(turn, "another secret worry")
            #expect(throws: StoreError.self) { try writer.save(&record) }
            faulty.fail(.write, with: nil)
            _ = try writer.store.headers()
            #expect(faulty.written.count >= 5)
            for bytes in faulty.written {
                for word in ["secret", "worry", "nurse", "charting", "Career check-in", "hold ground"] {
                    let found = contains(bytes, word)
                    #expect(!found, "'\(word)' handed to write()")
                }
            }
        }
    }
}
