/// Turning encryption on for a user.
extension UserWriter {
    /// What `encrypt` did.
    public struct EncryptionResult: Sendable, Hashable {
        /// The writer to go on with, holding the key.
        public var writer: UserWriter
        /// Files sealed now (sessions, backups, quarantined files).
        public var sealed: [String]
        /// Whether the user was already encrypted before (the passphrase was checked).
        public var wasEncrypted: Bool

        public static func == (a: Self, b: Self) -> Bool { a.sealed == b.sealed && a.wasEncrypted == b.wasEncrypted }
        public func hash(into hasher: inout Hasher) { hasher.combine(sealed); hasher.combine(wasEncrypted) }
    }

    /// Encrypts the user's files with `passphrase`: writes the settings first, then seals every plain
    /// file in `sessions/` and `quarantine/` in place (each a durable write) and removes the plain
    /// history cache. Safe to run again after a crash part-way: plain files left over are sealed then,
    /// and sealed ones are skipped. On an encrypted user it checks the passphrase and finishes the job.
    public func enableEncryption(passphrase: String, rounds: Int = KeyDerivation.defaultRounds) throws(StoreError) -> EncryptionResult {
        let location = store.location
        let user = store.user
        var wasEncrypted = false
        let key: UserKey
        if let settings = try store.encryptionSettings() {
            key = try settings.unlock(user: user.rawValue, passphrase: passphrase)
            wasEncrypted = true
        } else {
            let (settings, newKey) = try EncryptionSettings.create(user: user.rawValue, passphrase: passphrase, rounds: rounds)
            try durable.makeFolders(location.userFolder(user))
            try durable.write(try settings.encoded(), to: location.encryptionFile(user))
            key = newKey
        }
        let keyed = UserStore(location: location, user: user, fileSystem: store.fileSystem, key: key)
        let writer = UserWriter(store: keyed, lock: lock)
        var sealed: [String] = []
        for folder in [keyed.sessionsFolder, location.quarantineFolder(user)] {
            for name in try store.fileSystem.list(folder) ?? [] where !name.hasPrefix(DurableFile.tempPrefix) {
                let path = DataLocation.join(folder, name)
                guard let status = try store.fileSystem.status(path), status.kind == .file else { continue }
                let bytes = try store.fileSystem.read(path)
                var plain = bytes
                if SealedEnvelope.isSealed(bytes) {
                    // Sealed before names were bound (format 1): sealed again, bound to its name.
                    guard UserKey.isUnbound(bytes), let opened = try? key.open(bytes, path: path) else { continue }
                    plain = opened
                }
                try durable.write(try key.seal(plain, path: path), to: path)
                sealed.append(path)
            }
        }
        // The cache holds titles, scores and next steps in plain text; it is rebuilt sealed.
        try store.fileSystem.remove(location.indexFile(user))
        return EncryptionResult(writer: writer, sealed: sealed.sorted(), wasEncrypted: wasEncrypted)
    }
}

extension UserWriter {
    /// Turns encryption off: every sealed file in `sessions/` and `quarantine/` is written back plain
    /// (each a durable write), the sealed history cache is dropped, and the settings go last, so a
    /// crash part-way leaves an encrypted user with some plain files, which reads fine and which
    /// running this again finishes. Needs the writer's store to hold the key. Returns the files opened.
    public func disableEncryption() throws(StoreError) -> [String] {
        guard let key = store.key else { throw .passphraseNeeded(user: store.user.rawValue) }
        let location = store.location
        var opened: [String] = []
        for folder in [store.sessionsFolder, location.quarantineFolder(store.user)] {
            for name in try store.fileSystem.list(folder) ?? [] where !name.hasPrefix(DurableFile.tempPrefix) {
                let path = DataLocation.join(folder, name)
                guard let status = try store.fileSystem.status(path), status.kind == .file else { continue }
                let bytes = try store.fileSystem.read(path)
                guard SealedEnvelope.isSealed(bytes) else { continue }
                do throws(StoreError) {
                    try durable.write(try key.open(bytes, path: path), to: path)
                    opened.append(path)
                } catch .unreadable {
                    // A damaged or foreign file stays as it is; doctor reports it.
                    continue
                }
            }
        }
        try store.fileSystem.remove(location.indexFile(store.user))
        try store.fileSystem.remove(location.encryptionFile(store.user))
        try store.fileSystem.syncDirectory(location.userFolder(store.user))
        return opened.sorted()
    }
}
