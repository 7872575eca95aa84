import Foundation

/// `users/<user>/encryption.json`: that the user's files are encrypted, how the key is derived, and a
/// sealed check value that tells a wrong passphrase at once, before anything is read or written.
///
/// Holds nothing secret: the salt and round count are public by design, and the check opens only
/// with the right passphrase.
public struct EncryptionSettings: Sendable, Hashable {
    static let currentVersion = 1
    /// The plain text of the check value.
    static let checkText = Array("groundwork passphrase check".utf8)

    public var derivation: KeyDerivation
    /// `checkText` sealed with the user's key.
    var check: [UInt8]

    private struct File: Codable {
        var version: Int
        var kdf: String
        var rounds: Int
        var salt: Data
        var check: Data
    }

    /// New settings for `passphrase`, and the key they describe.
    static func create(user: String, passphrase: String, rounds: Int) throws(StoreError) -> (EncryptionSettings, UserKey) {
        let key = try UserKey(user: user, passphrase: passphrase, derivation: .random(rounds: rounds))
        return (EncryptionSettings(derivation: key.derivation, check: try key.seal(checkText, path: "")), key)
    }

    /// The key for `passphrase`; `StoreError.wrongPassphrase` when the check does not open.
    func unlock(user: String, passphrase: String) throws(StoreError) -> UserKey {
        let key = try UserKey(user: user, passphrase: passphrase, derivation: derivation)
        guard let opened = try? key.open(check, path: ""), opened == EncryptionSettings.checkText else {
            throw .wrongPassphrase(user: user)
        }
        return key
    }

    func encoded() throws(StoreError) -> [UInt8] {
        let file = File(version: EncryptionSettings.currentVersion, kdf: KeyDerivation.algorithmName,
                        rounds: derivation.rounds, salt: Data(derivation.salt), check: Data(check))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return Array(try encoder.encode(file)) + [0x0A]
        } catch {
            throw .encodingFailed("encryption settings")
        }
    }

    /// Parses the settings file; `StoreError.unreadable` naming `path` when it is not one this build reads.
    static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> EncryptionSettings {
        guard let file = try? JSONDecoder().decode(File.self, from: Data(bytes)) else {
            throw .unreadable(UnreadableFile(path: path, reason: "not groundwork encryption settings"))
        }
        guard file.version == currentVersion, file.kdf == KeyDerivation.algorithmName else {
            throw .unreadable(UnreadableFile(path: path, reason: "written by a newer groundwork (version \(file.version), '\(file.kdf)')"))
        }
        let derivation = KeyDerivation(rounds: file.rounds, salt: Array(file.salt))
        guard derivation.isValid else {
            throw .unreadable(UnreadableFile(path: path, reason: "unsupported key derivation (\(file.rounds) rounds)"))
        }
        return EncryptionSettings(derivation: derivation, check: Array(file.check))
    }
}
