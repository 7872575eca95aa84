/// Encryption at rest for one user's files: reading through the key, unlocking, the settings file.
extension UserStore {
    /// Whether the user's files are encrypted (their settings file exists). When that cannot be told
    /// (the folder cannot be searched), the answer is yes: plain text is never written by doubt.
    public var isEncrypted: Bool {
        do {
            return try fileSystem.status(location.encryptionFile(user)) != nil
        } catch {
            return true
        }
    }

    /// The user's encryption settings, or nil when the files are not encrypted.
    public func encryptionSettings() throws(StoreError) -> EncryptionSettings? {
        let path = location.encryptionFile(user)
        guard try fileSystem.status(path) != nil else { return nil }
        return try EncryptionSettings.decode(try fileSystem.read(path), path: path)
    }

    /// This store with the user's key, when the files are encrypted; itself otherwise.
    /// `StoreError.wrongPassphrase` naming the user when the passphrase does not fit.
    public func unlocked(passphrase: String) throws(StoreError) -> UserStore {
        guard let settings = try encryptionSettings() else { return self }
        let key = try settings.unlock(user: user.rawValue, passphrase: passphrase)
        return UserStore(location: location, user: user, fileSystem: fileSystem, key: key)
    }

    /// The lock for a writer that has no passphrase to give (a group exercise writing for each
    /// participant): refused for an encrypted user before anything is asked or written.
    public func lockForWritingUnencrypted() throws(StoreError) -> UserWriter {
        if key == nil && isEncrypted { throw .encryptedParticipant(user: user.rawValue) }
        return try lockForWriting()
    }

    /// A file's plain bytes: opened with the key when sealed.
    func readPlain(_ path: String) throws(StoreError) -> [UInt8] {
        let bytes = try fileSystem.read(path)
        if !bytes.isEmpty && bytes.count < SealedEnvelope.magic.count && SealedEnvelope.magic.starts(with: bytes) {
            throw .unreadable(UnreadableFile(path: path, reason: "truncated: the encrypted file ends part-way through (\(bytes.count) bytes)"))
        }
        if SealedEnvelope.isDamagedMagic(bytes) {
            throw .unreadable(UnreadableFile(path: path, reason: "damaged or altered: an encrypted file whose first line no longer reads 'GROUNDWORK-SEALED'"))
        }
        guard SealedEnvelope.isSealed(bytes) else { return bytes }
        guard let key else { throw .passphraseNeeded(user: user.rawValue) }
        return try key.open(bytes, path: path)
    }

    /// `bytes` sealed for the file at `path` when the store has a key, as they are otherwise.
    func sealedIfKeyed(_ bytes: [UInt8], path: String) throws(StoreError) -> [UInt8] {
        guard let key, !SealedEnvelope.isSealed(bytes) else { return bytes }
        return try key.seal(bytes, path: path)
    }
}

extension StoreError {
    /// Errors about the passphrase rather than about one file: they stop a listing instead of
    /// marking every file unreadable (which `doctor --fix` would then move aside).
    var isAboutThePassphrase: Bool {
        switch self {
        case .passphraseNeeded, .wrongPassphrase: return true
        default: return false
        }
    }
}
