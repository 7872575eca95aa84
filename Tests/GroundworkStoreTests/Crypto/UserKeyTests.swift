import Foundation
import Testing
@testable import GroundworkStore

extension CryptoTests {
    @Suite struct UserKeyTests {
        /// Few rounds keep the tests fast; the format records the count, so this changes nothing else.
        static let rounds = KeyDerivation.minimumRounds

        static func key(_ passphrase: String = "correct horse", salt: [UInt8]? = nil) throws -> UserKey {
            let derivation = salt.map { KeyDerivation(rounds: rounds, salt: $0) } ?? .random(rounds: rounds)
            return try UserKey(user: "ana", passphrase: passphrase, derivation: derivation)
        }

        static let plain = Array(#"{"transcript": "I dread the Monday meeting with my manager"}"#.utf8)

        @Test func roundTrip() throws {
            let key = try Self.key()
            let sealed = try key.seal(Self.plain, path: "/x")
            #expect(SealedEnvelope.isSealed(sealed))
            // The binding: two bytes of length, then "ana", a NUL and "x".
            #expect(sealed.count == SealedEnvelope.headerSize + 2 + 5 + Self.plain.count + SealedEnvelope.tagSize)
            #expect(try key.open(sealed, path: "/x") == Self.plain)
            #expect(try key.open(try key.seal([], path: "/x"), path: "/x") == [])
        }

        /// A fresh file salt and nonce per write: the same text sealed twice shares no salt, nonce or ciphertext.
        @Test func everyWriteIsFresh() throws {
            let key = try Self.key()
            let a = try SealedEnvelope.parse(try key.seal(Self.plain, path: "/x")).get()
            let b = try SealedEnvelope.parse(try key.seal(Self.plain, path: "/x")).get()
            #expect(a.derivation == b.derivation)
            #expect(a.fileSalt != b.fileSalt)
            #expect(a.nonce != b.nonce)
            #expect(a.ciphertext != b.ciphertext)
        }

        @Test(arguments: ["dread", "Monday", "meeting", "manager", "transcript"])
        func noPlainWordInTheBytes(_ word: String) throws {
            let sealed = try Self.key().seal(Self.plain, path: "/x")
            let found = contains(sealed, word)
            #expect(!found)
        }

        /// Changing any single byte, header included, makes the file fail to open; it never opens as other text.
        @Test func everyByteIsAuthenticated() throws {
            let key = try Self.key()
            let sealed = try key.seal(Self.plain, path: "/s.json")
            for index in SealedEnvelope.magic.count..<sealed.count {
                var damaged = sealed
                damaged[index] ^= 0x01
                #expect(throws: StoreError.self) { try key.open(damaged, path: "/s.json") }
            }
        }

        @Test func damageIsReportedByPath() throws {
            let key = try Self.key()
            var sealed = try key.seal(Self.plain, path: "/s.json")
            sealed[sealed.count - 1] ^= 0xFF
            let error = #expect(throws: StoreError.self) { try key.open(sealed, path: "/s.json") }
            #expect(error?.description == "cannot read '/s.json': damaged or altered: the encrypted file does not authenticate")
        }

        @Test(arguments: [0, 10, SealedEnvelope.headerSize, SealedEnvelope.headerSize + SealedEnvelope.tagSize - 1,
                            SealedEnvelope.headerSize + 20, SealedEnvelope.headerSize + UserKeyTests.plain.count + SealedEnvelope.tagSize - 1])
        func truncatedFiles(_ length: Int) throws {
            let key = try Self.key()
            let sealed = Array(try key.seal(Self.plain, path: "/s.json").prefix(max(length, SealedEnvelope.magic.count)))
            let error = #expect(throws: StoreError.self) { try key.open(sealed, path: "/s.json") }
            #expect(error?.description.contains("truncated") == true)
        }

        @Test func trailingBytesAreDamage() throws {
            let key = try Self.key()
            let sealed = try key.seal(Self.plain, path: "/s.json") + [0]
            let error = #expect(throws: StoreError.self) { try key.open(sealed, path: "/s.json") }
            #expect(error?.description == "cannot read '/s.json': damaged or altered: bytes after the end of the encrypted file")
        }

        @Test func newerFormatIsNamed() throws {
            let key = try Self.key()
            var sealed = try key.seal(Self.plain, path: "/s.json")
            sealed[SealedEnvelope.magic.count] = 3
            let error = #expect(throws: StoreError.self) { try key.open(sealed, path: "/s.json") }
            #expect(error?.description.contains("newer groundwork") == true)
        }

        /// A file sealed under another salt (copied from another data folder) opens with the same passphrase.
        @Test func fileFromAnotherSaltOpensWithTheSamePassphrase() throws {
            let other = try Self.key().seal(Self.plain, path: "/x")
            let key = try Self.key()
            #expect(try key.open(other, path: "/x") == Self.plain)
            let stranger = try Self.key("another passphrase")
            let error = #expect(throws: StoreError.self) { try stranger.open(other, path: "/x") }
            #expect(error?.description.contains("another passphrase") == true)
        }

        @Test func refusesAnEmptyPassphraseAndBadParameters() throws {
            #expect(throws: StoreError.self) { try Self.key("") }
            #expect(throws: StoreError.self) {
                try UserKey(user: "ana", passphrase: "p", derivation: KeyDerivation(rounds: 10, salt: randomBytes(16)))
            }
            #expect(throws: StoreError.self) {
                try UserKey(user: "ana", passphrase: "p", derivation: KeyDerivation(rounds: 1_000, salt: [1, 2, 3]))
            }
        }

        /// The envelope's hostile round count is refused before any work: a copied-in file cannot stall us.
        @Test func hostileRoundCountIsRefused() throws {
            let key = try Self.key()
            var sealed = try key.seal(Self.plain, path: "/x")
            let at = SealedEnvelope.magic.count + 2
            sealed.replaceSubrange(at..<at + 4, with: [0xFF, 0xFF, 0xFF, 0xFF])
            let error = #expect(throws: StoreError.self) { try key.open(sealed, path: "/x") }
            #expect(error?.description.contains("encrypted with 4294967295 key derivation rounds, more than the 600000") == true)
        }
    }
}
