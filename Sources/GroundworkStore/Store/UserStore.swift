import GroundworkCore

/// One user's sessions on disk. Reading needs no lock; writing goes through `UserWriter`, which holds
/// the user's lock.
public struct UserStore: Sendable {
    public let location: DataLocation
    public let user: UserName
    public let fileSystem: any FileSystem
    /// The unlocked key when the user's files are encrypted (see `unlocked(passphrase:)`).
    public let key: UserKey?
    let codec = SessionCodec()

    public init(location: DataLocation, user: UserName, fileSystem: any FileSystem = PosixFileSystem(), key: UserKey? = nil) {
        self.location = location
        self.user = user
        self.fileSystem = fileSystem
        self.key = key
    }

    /// Session files and the files that could not be read, from one pass over the folder.
    public struct Listing<Item: Sendable>: Sendable {
        public var items: [Item]
        public var unreadable: [UnreadableFile]
    }

    public var sessionsFolder: String { location.sessionsFolder(user) }

    /// Full path of a file in `sessions/`.
    public func path(of fileName: String) -> String { DataLocation.join(sessionsFolder, fileName) }

    /// Names of session files (`*.json`, not hidden), sorted (that is, by start time).
    public func sessionFileNames() throws(StoreError) -> [String] {
        guard let names = try fileSystem.list(sessionsFolder) else { return [] }
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
    }

    /// One session by file name; `StoreError.unreadable` when the file cannot be read.
    public func load(fileName: String) throws(StoreError) -> SessionRecord {
        let path = path(of: fileName)
        let bytes = try readPlain(path)
        switch codec.decode(bytes, path: path) {
        case .success(var record):
            record.origin.fileName = fileName
            return record
        case .failure(let problem):
            throw .unreadable(problem)
        }
    }

    /// Every session, oldest first, and every file that could not be read.
    public func loadAll() throws(StoreError) -> Listing<SessionRecord> {
        var listing = Listing<SessionRecord>(items: [], unreadable: [])
        for name in try sessionFileNames() {
            do throws(StoreError) {
                listing.items.append(try load(fileName: name))
            } catch {
                // A missing passphrase is not damage: the files must not be reported (or quarantined) as unreadable.
                if error.isAboutThePassphrase { throw error }
                listing.unreadable.append(StoreError.unreadableFile(from: error, path: path(of: name)))
            }
        }
        listing.items.sort { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
        return listing
    }

    /// The headers of every session, newest first, without decoding transcripts: from the header
    /// cache (`index.json`) for files unchanged since it was written, else from the file.
    public func headers() throws(StoreError) -> Listing<SessionHeader> {
        var listing = Listing<SessionHeader>(items: [], unreadable: [])
        let names = try sessionFileNames()
        let indexPath = location.indexFile(user)
        let index = SessionIndex.load(indexPath, fileSystem: fileSystem, key: key)
        var next = SessionIndex()
        var changed = false
        for name in names {
            let path = path(of: name)
            do throws(StoreError) {
                // Stat before reading: if the file changes in between, the entry goes stale and is read again.
                guard let status = try fileSystem.status(path) else { continue }
                if let entry = index.entries[name], entry.matches(status) {
                    listing.items.append(entry.header)
                    next.entries[name] = entry
                    continue
                }
                let bytes = try readPlain(path)
                switch codec.decodeHeader(bytes, path: path, fileName: name) {
                case .success(let header):
                    listing.items.append(header)
                    next.entries[name] = SessionIndex.Entry(inode: status.inode, size: status.size,
                                                            modified: status.modified, header: header)
                    changed = true
                case .failure(let problem):
                    listing.unreadable.append(problem)
                }
            } catch {
                if error.isAboutThePassphrase { throw error }
                listing.unreadable.append(StoreError.unreadableFile(from: error, path: path))
            }
        }
        // The index holds titles, scores and next steps: for an encrypted user it is sealed, or not written.
        if (changed || next.entries.count != index.entries.count) && (key != nil || !isEncrypted) {
            next.save(indexPath, fileSystem: fileSystem, key: key)
        }
        listing.items.sort { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }
        return listing
    }

    /// The most recently updated unfinished session, for `groundwork resume`.
    public func latestActive(flowID: String? = nil) throws(StoreError) -> SessionRecord? {
        try resumeChoice(flowID: flowID).record
    }

    /// The session `resume` would continue, and the files it passes over that may be newer.
    public struct ResumeChoice: Sendable {
        /// The most recently updated unfinished session that reads; nil when there is none.
        public var record: SessionRecord?
        /// Files that cannot be read and may hold a newer session: started later than `record`
        /// (file names begin with the start time), or every unreadable file when there is no record.
        public var skipped: [UnreadableFile]
    }

    /// The newest active session that can be read, and what was skipped to reach it, so `resume`
    /// can say so instead of silently continuing an older session.
    public func resumeChoice(flowID: String? = nil) throws(StoreError) -> ResumeChoice {
        let listing = try headers()
        let candidates = listing.items
            .filter { $0.status == .active && (flowID == nil || $0.flowID == flowID) }
            .sorted { $0.updatedAt > $1.updatedAt }
        var failed: [UnreadableFile] = []
        var chosen: SessionRecord?
        for header in candidates {
            do throws(StoreError) {
                chosen = try load(fileName: header.fileName)
                break
            } catch {
                if error.isAboutThePassphrase { throw error }
                failed.append(StoreError.unreadableFile(from: error, path: path(of: header.fileName)))
            }
        }
        let newer = listing.unreadable.filter { file in
            guard let chosen, let name = chosen.origin.fileName else { return true }
            return DurableFile.split(file.path).name > name
        }
        return ResumeChoice(record: chosen, skipped: failed + newer)
    }

    /// The latest completed session of a flow (for trends), optionally other than `excluding` and
    /// started before `before`.
    public func latestCompleted(flowID: String, excluding id: String? = nil, before: Timestamp? = nil) throws(StoreError) -> SessionRecord? {
        for header in try headers().items where header.status == .completed && header.flowID == flowID && header.id != id
            && (before.map { header.startedAt < $0 } ?? true) {
            if let record = try? load(fileName: header.fileName) { return record }
        }
        return nil
    }

    /// The session a person refers to: its id, a unique prefix of the id, or its file name.
    /// A file that cannot be read but whose name matches is reported as unreadable, not as missing.
    public func find(_ reference: String) throws(StoreError) -> SessionHeader {
        let listing = try headers()
        do throws(StoreError) {
            return try find(reference, in: listing.items)
        } catch .sessionNotFound {
            // File names end in the session id: `<started-at>-<flow>-<id>.json`.
            let damaged = listing.unreadable.filter { file in
                let name = DurableFile.split(file.path).name
                let id = name.hasSuffix(".json") ? String(name.dropLast(5).split(separator: "-").last ?? "") : ""
                return !reference.isEmpty && (name == reference || name == reference + ".json" || id.hasPrefix(reference))
            }
            if damaged.count == 1, let file = damaged.first { throw .unreadable(file) }
            throw .sessionNotFound(reference)
        }
    }

    private func find(_ reference: String, in all: [SessionHeader]) throws(StoreError) -> SessionHeader {
        if let exact = all.first(where: { $0.id == reference || $0.fileName == reference || $0.fileName == reference + ".json" }) {
            return exact
        }
        let matches = reference.isEmpty ? [] : all.filter { $0.id.hasPrefix(reference) }
        if matches.count == 1, let only = matches.first { return only }
        if matches.count > 1 { throw .ambiguousSession(reference, matches: matches.map(\.id)) }
        throw .sessionNotFound(reference)
    }

    /// Temp files a crashed write left in the user's folders.
    public func leftoverTempFiles() throws(StoreError) -> [String] {
        var found: [String] = []
        for folder in [location.userFolder(user), sessionsFolder] {
            for name in try fileSystem.list(folder) ?? [] where name.hasPrefix(DurableFile.tempPrefix) {
                found.append(DataLocation.join(folder, name))
            }
        }
        return found.sorted()
    }

    /// Takes the user's lock for writing; `StoreError.locked` when another process has it. Temp files
    /// left by a crashed write are removed then: no writer can be using them. Installs `WriteGuard`.
    public func lockForWriting() throws(StoreError) -> UserWriter {
        let lock = try UserLock(user: user, location: location, fileSystem: fileSystem)
        // From now on a SIGTERM or SIGHUP lets the write in progress finish first.
        WriteGuard.install()
        let writer = UserWriter(store: self, lock: lock)
        _ = try? writer.cleanTempFiles()
        return writer
    }
}

extension StoreError {
    /// The error as an unreadable-file report for `path`.
    static func unreadableFile(from error: StoreError, path: String) -> UnreadableFile {
        if case .unreadable(let file) = error { return file }
        if case .io(_, _, let code) = error { return UnreadableFile(path: path, reason: StoreError.message(for: code)) }
        if case .notRegularFile(_, _, let kind) = error { return UnreadableFile(path: path, reason: "\(kind), not a regular file") }
        if case .tooLarge(_, let size, let limit) = error {
            return UnreadableFile(path: path, reason: StoreError.tooLargeReason(size: size, limit: limit))
        }
        return UnreadableFile(path: path, reason: error.description)
    }
}
