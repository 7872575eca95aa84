import Foundation
import GroundworkCore
import Testing
import GroundworkTestSupport
@testable import GroundworkStore

extension CryptoTests {
    /// Sealed files are bound to their name and user (issue 12, item 10): the binding is in the
    /// authenticated header, so a swap, a rename or a copy from another user is refused and named;
    /// files sealed before (format 1) still open and `encrypt` binds them; a hostile round count is
    /// refused before any work; a plain file in an encrypted folder is reported.
    @Suite struct BindingTests {
        typealias Encrypted = UserStoreEncryptionTests

        /// An encrypted user with two sessions; returns the writer and both file paths.
        static func twoSessions(_ folder: TemporaryFolder) throws -> (UserWriter, String, String) {
            let (writer, first) = try Encrypted.encryptedUser(folder)
            var second = Samples.record(start: UserStoreTests.at(30), id: "bbbbbbbbbbbb")
            second.user = "ana"
            try writer.save(&second)
            return (writer, writer.store.path(of: first.fileName), writer.store.path(of: second.fileName))
        }

        @Test func swappedFilesAreRefusedAndNamed() throws {
            let folder = try TemporaryFolder()
            let (writer, a, b) = try Self.twoSessions(folder)
            let bytesA = try #require(folder.bytes(a)), bytesB = try #require(folder.bytes(b))
            try DurableFile().write(bytesB, to: a)
            try DurableFile().write(bytesA, to: b)
            let listing = try writer.store.loadAll()
            #expect(listing.items.isEmpty)
            let name = { (path: String) in (path as NSString).lastPathComponent }
            #expect(listing.unreadable.map(\.reason).sorted() == [
                "damaged or altered: sealed as '\(name(a))', not under this name (a file swapped or renamed)",
                "damaged or altered: sealed as '\(name(b))', not under this name (a file swapped or renamed)",
            ].sorted())
        }

        @Test func aCopyUnderAnotherNameIsRefused() throws {
            let folder = try TemporaryFolder()
            let (writer, a, _) = try Self.twoSessions(folder)
            let copy = writer.store.path(of: "20991231T000000Z-career-checkin-cccccccccccc.json")
            try DurableFile().write(try #require(folder.bytes(a)), to: copy)
            let error = #expect(throws: StoreError.self) { try writer.store.load(fileName: (copy as NSString).lastPathComponent) }
            #expect(error?.description.contains("not under this name") == true)
        }

        @Test func aFileOfAnotherUserWithTheSamePassphraseIsRefused() throws {
            let folder = try TemporaryFolder()
            let (writer, _, _) = try Self.twoSessions(folder)
            // bo chose the same passphrase in another data folder: the key opens the file, the binding does not fit.
            let bo = try UserKey(user: "bo", passphrase: "blue kettle", derivation: .random(rounds: UserKeyTests.rounds))
            let path = writer.store.path(of: "20991231T000000Z-journal-dddddddddddd.json")
            try DurableFile().write(try bo.seal(Array("{}".utf8), path: path), to: path)
            let error = #expect(throws: StoreError.self) { try writer.store.load(fileName: (path as NSString).lastPathComponent) }
            #expect(error?.description == "cannot read '\(path)': sealed as '\((path as NSString).lastPathComponent)' of user 'bo', not of user 'ana' (a file copied from another user)")
        }

        @Test func backupsAndQuarantinedCopiesStillOpen() throws {
            let key = try UserKeyTests.key()
            let sealed = try key.seal(UserKeyTests.plain, path: "/d/sessions/a.json")
            for path in ["/d/sessions/a.json", "/d/sessions/a.json.v1.bak", "/d/quarantine/a.json", "/d/quarantine/a.json.2"] {
                #expect(try key.open(sealed, path: path) == UserKeyTests.plain, "\(path)")
            }
            #expect(throws: StoreError.self) { try key.open(sealed, path: "/d/sessions/b.json") }
            #expect(throws: StoreError.self) { try key.open(sealed, path: "/d/sessions/aa.json") }
        }

        /// A file sealed before names were bound opens under any name; doctor names it; `encrypt` binds it.
        @Test func filesSealedBeforeStillOpenAndEncryptBindsThem() throws {
            let folder = try TemporaryFolder()
            let (writer, a, _) = try Self.twoSessions(folder)
            let key = try #require(writer.store.key)
            let plain = try SessionCodec().encode(try writer.store.load(fileName: (a as NSString).lastPathComponent))
            try DurableFile().write(try key.seal(plain, binding: nil), to: a)
            #expect(try writer.store.loadAll().items.count == 2)
            #expect(try writer.store.checkup().unbound == [a])
            let result = try writer.enableEncryption(passphrase: "blue kettle", rounds: UserKeyTests.rounds)
            #expect(result.sealed == [a])
            let bytes = try #require(folder.bytes(a))
            #expect(!UserKey.isUnbound(bytes) && SealedEnvelope.isSealed(bytes))
            #expect(try result.writer.store.checkup().unbound.isEmpty)
            #expect(try result.writer.store.loadAll().items.count == 2)
        }

        @Test(arguments: [50_000_000, 5_000_000, 600_001])
        func aHostileRoundCountCostsNothing(rounds: Int) throws {
            let folder = try TemporaryFolder()
            let (writer, a, _) = try Self.twoSessions(folder)
            var bytes = try #require(folder.bytes(a))
            let at = SealedEnvelope.magic.count + 2
            bytes.replaceSubrange(at..<at + 4, with: (0..<4).map { UInt8(truncatingIfNeeded: rounds >> (24 - 8 * $0)) })
            try DurableFile().write(bytes, to: a)
            let started = Date()
            let error = #expect(throws: StoreError.self) { try writer.store.load(fileName: (a as NSString).lastPathComponent) }
            #expect(Date().timeIntervalSince(started) < 0.5)
            #expect(error?.description == "cannot read '\(a)': encrypted with \(rounds) key derivation rounds, more than the 600000 groundwork spends on one file: damaged or altered, or not written by groundwork")
        }

        @Test func aPlainFileInAnEncryptedFolderIsReported() throws {
            let folder = try TemporaryFolder()
            let (writer, _, _) = try Self.twoSessions(folder)
            var planted = Samples.record(start: UserStoreTests.at(60), id: "eeeeeeeeeeee")
            planted.user = "ana"
            let path = writer.store.path(of: planted.fileName)
            try DurableFile().write(try SessionCodec().encode(planted), to: path)
            let checkup = try writer.store.checkup()
            #expect(checkup.plainInEncrypted == [path])
            #expect(!checkup.isHealthy)
        }
    }
}
