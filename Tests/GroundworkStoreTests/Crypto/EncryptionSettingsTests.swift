import Foundation
import Testing
@testable import GroundworkStore

extension CryptoTests {
    @Suite struct EncryptionSettingsTests {
        @Test func rightPassphraseUnlocksWrongOneIsNamed() throws {
            let (settings, key) = try EncryptionSettings.create(user: "ana", passphrase: "right one", rounds: UserKeyTests.rounds)
            let decoded = try EncryptionSettings.decode(try settings.encoded(), path: "/e.json")
            #expect(decoded == settings)
            let unlocked = try decoded.unlock(user: "ana", passphrase: "right one")
            #expect(try unlocked.open(try key.seal([1, 2, 3], path: "/x"), path: "/x") == [1, 2, 3])
            let error = #expect(throws: StoreError.self) { try decoded.unlock(user: "ana", passphrase: "wrong one") }
            #expect(error == .wrongPassphrase(user: "ana"))
            #expect(error?.description == "wrong passphrase for user 'ana'")
        }

        @Test func theFileHoldsNoSecret() throws {
            let (settings, _) = try EncryptionSettings.create(user: "ana", passphrase: "hunter2-hunter2", rounds: UserKeyTests.rounds)
            let text = String(decoding: try settings.encoded(), as: UTF8.self)
            #expect(!text.contains("hunter2"))
            #expect(!text.contains("passphrase check"))
            #expect(text.contains("\"kdf\" : \"pbkdf2-sha256\""))
        }

        @Test(arguments: [
            ("", "not groundwork encryption settings"),
            ("{\"version\": 2, \"kdf\": \"pbkdf2-sha256\", \"rounds\": 1000, \"salt\": \"\", \"check\": \"\"}", "newer groundwork"),
            ("{\"version\": 1, \"kdf\": \"argon9\", \"rounds\": 1000, \"salt\": \"\", \"check\": \"\"}", "newer groundwork"),
            ("{\"version\": 1, \"kdf\": \"pbkdf2-sha256\", \"rounds\": 5, \"salt\": \"AAAAAAAAAAAAAAAAAAAAAA==\", \"check\": \"\"}", "unsupported"),
        ])
        func unusableSettingsAreRefusedByPath(_ text: String, _ reason: String) throws {
            let error = #expect(throws: StoreError.self) { try EncryptionSettings.decode(Array(text.utf8), path: "/e.json") }
            #expect(error?.description.hasPrefix("cannot read '/e.json': ") == true)
            #expect(error?.description.contains(reason) == true)
        }
    }
}
