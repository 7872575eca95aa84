import GroundworkCore

/// Writes one user's data while holding the user's lock. Only one exists per user at a time.
public struct UserWriter: Sendable {
    public let store: UserStore
    public let lock: UserLock

    var durable: DurableFile { DurableFile(fileSystem: store.fileSystem) }

    /// Starts a session file for `state` and writes it.
    public func createSession(flowID: String, flowTitle: String, flowHash: String, state: SessionState,
                              transcript: [TranscriptEntry] = [], now: Timestamp = .now()) throws(StoreError) -> SessionRecord {
        var record = SessionRecord(id: SessionRecord.newID(), user: store.user.rawValue, flowID: flowID,
                                   flowTitle: flowTitle, flowHash: flowHash, startedAt: now, state: state,
                                   transcript: transcript)
        // A file of that name (same second, same flow, same random id) would never be overwritten.
        while try store.fileSystem.status(store.path(of: record.fileName)) != nil {
            record.id = SessionRecord.newID()
        }
        try save(&record, now: now)
        return record
    }

    /// Writes the record durably (after every turn). Brings it to the current schema; the first write
    /// after a migration keeps the original file as `<file>.v<N>.bak`.
    public func save(_ record: inout SessionRecord, now: Timestamp = .now()) throws(StoreError) {
        var next = record
        next.schemaVersion = SessionRecord.currentSchemaVersion
        next.status = next.state.status
        next.updatedAt = max(now, next.startedAt)
        let fileName = next.origin.fileName ?? next.fileName
        let path = store.path(of: fileName)
        try durable.makeFolders(store.sessionsFolder)
        // Never write plain text into an encrypted user's folder.
        if store.key == nil && store.isEncrypted { throw .passphraseNeeded(user: store.user.rawValue) }
        if let old = next.origin.migratedFrom {
            let backup = path + ".v\(old).bak"
            if try store.fileSystem.status(backup) == nil, try store.fileSystem.status(path) != nil {
                try durable.write(try store.sealedIfKeyed(try store.fileSystem.read(path), path: backup), to: backup)
            }
        }
        let bytes = try store.sealedIfKeyed(try store.codec.encode(next), path: path)
        // A file the store would refuse to read back is never written.
        if bytes.count > StoreLimits.maximumFileSize { throw .sessionTooLarge(path: path, size: bytes.count) }
        try durable.write(bytes, to: path)
        next.origin = Origin(fileName: fileName, migratedFrom: nil)
        record = next
    }

    /// Removes temp files left by a crashed write; returns their paths.
    @discardableResult
    public func cleanTempFiles() throws(StoreError) -> [String] {
        let leftovers = try store.leftoverTempFiles()
        for path in leftovers { try store.fileSystem.remove(path) }
        return leftovers
    }

    /// Moves unreadable files to `users/<user>/quarantine/`, never overwriting; returns the new paths.
    public func quarantine(_ files: [UnreadableFile]) throws(StoreError) -> [String] {
        let folder = store.location.quarantineFolder(store.user)
        try durable.makeFolders(folder)
        var moved: [String] = []
        for file in files {
            let name = DurableFile.split(file.path).name
            var target = DataLocation.join(folder, name)
            var n = 1
            while try store.fileSystem.status(target) != nil {
                n += 1
                target = DataLocation.join(folder, "\(name).\(n)")
            }
            try store.fileSystem.rename(file.path, target)
            moved.append(target)
        }
        if !moved.isEmpty {
            try store.fileSystem.syncDirectory(folder)
            try store.fileSystem.syncDirectory(store.sessionsFolder)
        }
        return moved
    }

    /// Deletes one session file and any backup of it.
    public func forget(fileName: String) throws(StoreError) {
        let path = store.path(of: fileName)
        guard try store.fileSystem.status(path) != nil else { throw .sessionNotFound(fileName) }
        try store.fileSystem.remove(path)
        for name in try store.fileSystem.list(store.sessionsFolder) ?? [] where name.hasPrefix(fileName + ".") {
            try store.fileSystem.remove(store.path(of: name))
        }
        // The header cache holds the session's title, next step and intention: it goes too (and is
        // rebuilt from the sessions left by the next listing).
        try store.fileSystem.remove(store.location.indexFile(store.user))
        try store.fileSystem.syncDirectory(store.sessionsFolder)
        try store.fileSystem.syncDirectory(store.location.userFolder(store.user))
    }

    /// Deletes everything of the user: sessions, backups, quarantine, profile, and the folder itself.
    public func forgetAll() throws(StoreError) {
        let folder = store.location.userFolder(store.user)
        try removeTree(folder, keeping: lock.path)
        // The lock file goes last; the lock itself is released when the writer is dropped.
        try store.fileSystem.remove(lock.path)
        try store.fileSystem.removeDirectory(folder)
        try? store.fileSystem.syncDirectory(store.location.usersFolder)
    }

    private func removeTree(_ folder: String, keeping: String) throws(StoreError) {
        for name in try store.fileSystem.list(folder) ?? [] {
            let path = DataLocation.join(folder, name)
            if path == keeping { continue }
            if let st = try store.fileSystem.status(path), st.kind == .directory {
                try removeTree(path, keeping: keeping)
                try store.fileSystem.removeDirectory(path)
            } else {
                try store.fileSystem.remove(path)
            }
        }
    }
}
