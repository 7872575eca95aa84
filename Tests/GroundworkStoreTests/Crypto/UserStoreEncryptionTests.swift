import Foundation
import GroundworkCore
import Testing
import GroundworkTestSupport
@testable import GroundworkStore

extension CryptoTests {
    @Suite struct UserStoreEncryptionTests {
        static let words = ["nurse", "charting", "quotes", "Career check-in", "own-an-outcome", "You hold ground"]

        static func store(_ folder: TemporaryFolder) throws -> UserStore {
            UserStore(location: folder.location, user: try UserName("ana"))
        }

        /// An encrypted user with one completed session (a full sample record, journal text and scores).
        static func encryptedUser(_ folder: TemporaryFolder, passphrase: String = "blue kettle") throws -> (UserWriter, SessionRecord) {
            let result = try store(folder).lockForWriting().enableEncryption(passphrase: passphrase, rounds: UserKeyTests.rounds)
            var record = Samples.record(completed: true, exposure: 62)
            record.user = "ana"
            try result.writer.save(&record)
            return (result.writer, record)
        }

        /// Every regular file under the user's folder.
        static func files(_ folder: TemporaryFolder) throws -> [String] {
            let root = folder.location.userFolder(try UserName("ana"))
            return try FileManager.default.subpathsOfDirectory(atPath: root).map { root + "/" + $0 }.filter {
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) && !isFolder.boolValue
            }
        }

        @Test func aCopiedFolderRevealsNoWordOfTheJournal() throws {
            let folder = try TemporaryFolder()
            let (writer, record) = try Self.encryptedUser(folder)
            _ = try writer.store.headers()  // writes the history cache too
            let files = try Self.files(folder)
            #expect(files.contains { $0.hasSuffix("index.json") })
            #expect(files.contains { $0.hasSuffix(record.fileName) })
            for path in files {
                let bytes = try #require(folder.bytes(path))
                for word in Self.words {
                    let found = contains(bytes, word)
                    #expect(!found, "'\(word)' in \(path)")
                }
            }
            // Files stay 0600 and folders 0700.
            for path in files where !path.hasSuffix(".lock") { #expect(folder.mode(of: path) == 0o600, "\(path)") }
            #expect(folder.mode(of: writer.store.sessionsFolder) == 0o700)
        }

        @Test func theRightPassphraseReadsEverythingBack() throws {
            let folder = try TemporaryFolder()
            let (_, record) = try Self.encryptedUser(folder)
            let store = try Self.store(folder).unlocked(passphrase: "blue kettle")
            #expect(store.isEncrypted)
            #expect(try store.load(fileName: record.fileName) == record)
            let headers = try store.headers()
            #expect(headers.unreadable.isEmpty)
            #expect(headers.items.map(\.id) == [record.id])
            // Second listing comes from the sealed cache.
            #expect(try store.headers().items.first?.nextStepID == "own-an-outcome")
            #expect(try store.checkup().isHealthy)
        }

        /// A wrong passphrase is an error naming the user, never an empty journal.
        @Test func aWrongPassphraseIsAnErrorNotAnEmptyJournal() throws {
            let folder = try TemporaryFolder()
            _ = try Self.encryptedUser(folder)
            let error = #expect(throws: StoreError.self) { try Self.store(folder).unlocked(passphrase: "red kettle") }
            #expect(error?.description == "wrong passphrase for user 'ana'")
        }

        /// Without the key, reading stops with one error instead of listing every file as unreadable
        /// (which `doctor --fix` would move aside), and nothing plain is written.
        @Test func withoutThePassphraseNothingIsReadOrWritten() throws {
            let folder = try TemporaryFolder()
            let (writer, record) = try Self.encryptedUser(folder)
            let locked = try Self.store(folder)
            let path = locked.path(of: record.fileName)
            let before = folder.bytes(path)
            #expect(throws: StoreError.passphraseNeeded(user: "ana")) { try locked.load(fileName: record.fileName) }
            #expect(throws: StoreError.passphraseNeeded(user: "ana")) { try locked.headers() }
            #expect(throws: StoreError.passphraseNeeded(user: "ana")) { try locked.loadAll() }
            #expect(throws: StoreError.passphraseNeeded(user: "ana")) { try locked.checkup() }
            let plainWriter = UserWriter(store: locked, lock: writer.lock)
            var changed = record
            changed.transcript.removeAll()
            #expect(throws: StoreError.passphraseNeeded(user: "ana")) { try plainWriter.save(&changed) }
            #expect(folder.bytes(path) == before)
        }

        /// Turning encryption on seals sessions written before, their v1 backups and quarantined files,
        /// and drops the plain history cache.
        @Test func encryptingAnExistingUserSealsEveryFile() throws {
            let folder = try TemporaryFolder()
            let plain = try Self.store(folder)
            let writer = try plain.lockForWriting()
            var first = Samples.record(completed: true, exposure: 48)
            try writer.save(&first)
            var second = Samples.record(start: UserStoreTests.at(60), id: "bbbbbbbbbbbb")
            try writer.save(&second)
            _ = try plain.headers()
            let quarantine = folder.location.quarantineFolder(plain.user)
            try DurableFile().makeFolders(quarantine)
            folder.write("{ broken nurse", to: quarantine + "/old.json")
            #expect(try Self.files(folder).contains { contains(folder.bytes($0) ?? [], "nurse") })

            let result = try writer.enableEncryption(passphrase: "blue kettle", rounds: UserKeyTests.rounds)
            #expect(!result.wasEncrypted)
            #expect(result.sealed.count == 3)
            for path in try Self.files(folder) {
                for word in Self.words {
                    let found = contains(folder.bytes(path) ?? [], word)
                    #expect(!found, "'\(word)' in \(path)")
                }
            }
            let store = try Self.store(folder).unlocked(passphrase: "blue kettle")
            #expect(try store.loadAll().items.map(\.id) == [first.id, second.id])

            // Running it again checks the passphrase and seals nothing more.
            let again = try writer.enableEncryption(passphrase: "blue kettle")
            #expect(again.wasEncrypted && again.sealed.isEmpty)
            #expect(throws: StoreError.wrongPassphrase(user: "ana")) { try writer.enableEncryption(passphrase: "nope") }
        }

        /// Turning encryption off writes every file back plain, byte for byte what was sealed, and
        /// removes the settings last; a damaged sealed file is left as it is.
        @Test func decryptingWritesEveryFileBackPlain() throws {
            let folder = try TemporaryFolder()
            let (writer, record) = try Self.encryptedUser(folder)
            let plain = try SessionCodec().encode(try writer.store.load(fileName: record.fileName))
            _ = try writer.store.headers()
            let damagedPath = writer.store.path(of: "20260101T000000Z-f-damaged.json")
            var damaged = try writer.store.sealedIfKeyed(Array("{}".utf8), path: damagedPath)
            damaged[damaged.count - 1] ^= 1
            try DurableFile().write(damaged, to: damagedPath)

            let opened = try writer.disableEncryption()
            #expect(opened == [writer.store.path(of: record.fileName)])
            let store = try Self.store(folder)
            #expect(!store.isEncrypted)
            #expect(folder.bytes(store.path(of: record.fileName)) == plain)
            #expect(try store.load(fileName: record.fileName) == record)
            #expect(folder.bytes(damagedPath) == damaged)
            #expect(!FileManager.default.fileExists(atPath: folder.location.indexFile(store.user)))
            // Without the key it refuses, and changes nothing.
            #expect(throws: StoreError.passphraseNeeded(user: "ana")) {
                try UserWriter(store: store, lock: writer.lock).disableEncryption()
            }
        }

        /// A v1 file upgraded under encryption keeps its backup sealed too.
        @Test func migrationBackupIsSealed() throws {
            let folder = try TemporaryFolder()
            let (writer, _) = try Self.encryptedUser(folder)
            let name = SessionRecordV1Tests.fixtureName
            let v1 = try PosixFileSystem().read(SessionRecordV1Tests.fixturePath)
            try DurableFile().write(v1, to: writer.store.path(of: name))
            var record = try writer.store.load(fileName: name)
            try writer.save(&record)
            let backupPath = writer.store.path(of: name) + ".v1.bak"
            let backup = try #require(folder.bytes(backupPath))
            let sealed = SealedEnvelope.isSealed(backup)
            #expect(sealed)
            #expect(try writer.store.key?.open(backup, path: backupPath) == v1)
        }

        /// A sealed session copied in from another user's folder with another passphrase is reported,
        /// not read as empty, and the other sessions stay usable.
        @Test func aForeignSealedFileIsReportedAsUnreadable() throws {
            let folder = try TemporaryFolder()
            let (writer, record) = try Self.encryptedUser(folder)
            let other = try UserKey(user: "bob", passphrase: "bob's", derivation: .random(rounds: UserKeyTests.rounds))
            let foreign = Samples.record(start: UserStoreTests.at(30), id: "cccccccccccc")
            let foreignPath = writer.store.path(of: foreign.fileName)
            try DurableFile().write(try other.seal(try SessionCodec().encode(foreign), path: foreignPath), to: foreignPath)
            let listing = try writer.store.loadAll()
            #expect(listing.items.map(\.id) == [record.id])
            #expect(listing.unreadable.count == 1)
            #expect(listing.unreadable.first?.reason.contains("another passphrase") == true)
        }

        /// The per-turn write stays fast: the key is derived once, each write is HKDF and AES-GCM.
        @Test func sealingAPerTurnWriteIsCheap() throws {
            let folder = try TemporaryFolder()
            let (writer, _) = try Self.encryptedUser(folder)
            var record = Samples.record(answers: 500)
            record.user = "ana"
            let clock = ContinuousClock()
            try writer.save(&record)
            let elapsed = clock.measure {
                for _ in 0..<20 { try? writer.save(&record) }
            }
            #expect(try writer.store.load(fileName: record.fileName) == record)
            // 20 writes of a 500-turn session; without sealing this is dominated by fsync.
            #expect(elapsed < .seconds(4), "\(elapsed)")
        }
    }
}

extension CryptoTests {
    @Suite struct GroupEncryptionTests {
        /// A group exercise cannot save to an encrypted participant: refused by name when the locks
        /// are taken, before anything is asked or written; the others' locks are released.
        @Test func encryptedParticipantIsRefusedUpFront() throws {
            let folder = try TemporaryFolder()
            _ = try UserStoreEncryptionTests.encryptedUser(folder)
            let group = GroupStore(location: folder.location)
            let error = #expect(throws: StoreError.self) { try group.lockForWriting(["bob", "ana"]) }
            #expect(error == .encryptedParticipant(user: "ana"))
            #expect(error?.description.hasPrefix("user 'ana' keeps encrypted sessions") == true)
            // Bob's lock, taken first, was released with the refusal.
            var writer = try group.lockForWriting(["bob"])
            #expect(throws: StoreError.encryptedParticipant(user: "ana")) { try writer.addParticipant("ana") }
        }
    }
}
