import Foundation
import GroundworkCore

/// Reads and writes group files. Writing goes through a `GroupWriter`, which holds every
/// participant's user lock.
public struct GroupStore: Sendable {
    public let location: DataLocation
    public let fileSystem: any FileSystem

    public init(location: DataLocation, fileSystem: any FileSystem = PosixFileSystem()) {
        self.location = location
        self.fileSystem = fileSystem
    }

    public func path(of fileName: String) -> String { DataLocation.join(location.groupsFolder, fileName) }

    /// Reads one group file; a file that cannot be read is reported by name and never overwritten.
    public func load(fileName: String) throws(StoreError) -> GroupRecord {
        let path = self.path(of: fileName)
        let bytes = try fileSystem.read(path)
        do {
            return try JSONDecoder().decode(GroupRecord.self, from: Data(bytes))
        } catch {
            throw .unreadable(UnreadableFile(path: path, reason: "not a group file this version can read"))
        }
    }

    /// Group file names, oldest first.
    public func fileNames() throws(StoreError) -> [String] {
        (try fileSystem.list(location.groupsFolder) ?? []).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
    }

    /// The most recently started group that has not ended, for `groundwork group --resume`.
    public func latestActive() throws(StoreError) -> GroupRecord? {
        for name in try fileNames().reversed() {
            let record = try load(fileName: name)
            if record.status == .active { return record }
        }
        return nil
    }

    /// Takes every participant's lock (`StoreError.locked` names the first one another process holds).
    public func lockForWriting(_ names: [String]) throws(StoreError) -> GroupWriter {
        var writers: [String: UserWriter] = [:]
        for name in names {
            writers[name] = try UserStore(location: location, user: try UserName(name), fileSystem: fileSystem).lockForWritingUnencrypted()
        }
        return GroupWriter(store: self, writers: writers)
    }
}

/// Writes a group's file and its participants' session files, holding their locks.
public struct GroupWriter: Sendable {
    public let store: GroupStore
    public private(set) var writers: [String: UserWriter]

    init(store: GroupStore, writers: [String: UserWriter]) {
        self.store = store
        self.writers = writers
    }

    /// Takes the lock of a participant who joins later.
    public mutating func addParticipant(_ name: String) throws(StoreError) {
        guard writers[name] == nil else { return }
        writers[name] = try UserStore(location: store.location, user: try UserName(name), fileSystem: store.fileSystem).lockForWritingUnencrypted()
    }

    /// Writes the group file, then the session file of each participant in `touched` (all of them
    /// when nil). The group file comes first: it is what `--resume` reads, and it can rebuild the rest.
    public mutating func save(_ record: inout GroupRecord, exercise: GroupExercise, touched: Set<String>?,
                              now: Timestamp = .now()) throws(StoreError) {
        let names = touched.map { Array($0).sorted() } ?? record.state.participants.map(\.name)
        try saveGroupFile(&record, exercise: exercise, creatingSessionsFor: names, now: now)
        try saveSessions(record, exercise: exercise, names: names, now: now)
    }

    /// Writes the group file, first creating a session file for each of `names` who has none yet
    /// (the group file records its name, so none is ever made twice).
    public mutating func saveGroupFile(_ record: inout GroupRecord, exercise: GroupExercise, creatingSessionsFor names: [String],
                                       now: Timestamp = .now()) throws(StoreError) {
        record.status = record.state.status
        record.updatedAt = max(now, record.startedAt)
        for name in names where record.participantSessions[name] == nil {
            try addParticipant(name)
            guard let writer = writers[name] else { continue }
            let session = try writer.createSession(flowID: exercise.id, flowTitle: exercise.title, flowHash: exercise.contentHash,
                                                   state: GroupWriter.sessionState(for: name, record: record), now: now)
            record.participantSessions[name] = session.fileName
        }
        try writeGroupFile(record)
    }

    /// Rewrites the session file of each of `names` from the group's record: their state and their
    /// own lines.
    public func saveSessions(_ record: GroupRecord, exercise: GroupExercise, names: [String], now: Timestamp = .now()) throws(StoreError) {
        for name in names {
            guard let writer = writers[name], let fileName = record.participantSessions[name] else { continue }
            var session: SessionRecord
            do throws(StoreError) {
                session = try writer.store.load(fileName: fileName)
            } catch .io(_, _, let code) where code == ENOENT {
                session = SessionRecord(id: record.id, user: name, flowID: exercise.id, flowTitle: exercise.title,
                                        flowHash: exercise.contentHash, startedAt: record.startedAt, state: record.state.sessionState(for: name))
                session.origin = Origin(fileName: fileName)
            }
            session.state = GroupWriter.sessionState(for: name, record: record)
            session.transcript = GroupWriter.transcript(for: name, state: record.state)
            try writer.save(&session, now: now)
        }
    }

    private func writeGroupFile(_ record: GroupRecord) throws(StoreError) {
        let bytes = try GroupWriter.encode(record)
        let durable = DurableFile(fileSystem: store.fileSystem)
        try durable.makeFolders(store.location.groupsFolder)
        try durable.write(bytes, to: store.path(of: record.fileName))
    }

    /// The group file's bytes: pretty, key-sorted JSON.
    static func encode(_ record: GroupRecord) throws(StoreError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return Array(try encoder.encode(record))
        } catch {
            throw .encodingFailed("group file: \(error)")
        }
    }

    /// Writes the Markdown summary beside the group file (mode 0600) and returns its path.
    public func writeSummary(_ markdown: String, record: GroupRecord) throws(StoreError) -> String {
        let path = store.path(of: String(record.fileName.dropLast(".json".count)) + ".md")
        try DurableFile(fileSystem: store.fileSystem).write(Array(markdown.utf8), to: path)
        return path
    }

    static func sessionState(for name: String, record: GroupRecord) -> SessionState {
        var state = record.state.sessionState(for: name)
        state.variables["group.id"] = .string(record.id)
        state.variables["group.file"] = .string(record.fileName)
        return state
    }

    /// The participant's own lines: each question and what they (or their pair, four or group) answered.
    static func transcript(for name: String, state: GroupState) -> [TranscriptEntry] {
        var entries: [TranscriptEntry] = []
        for contribution in state.contributions where contribution.authors.contains(name) {
            let time = Timestamp(millisecondsSince1970: Int64((contribution.time * 1000).rounded()))
            entries.append(TranscriptEntry(time: time, speaker: .coach, text: contribution.question))
            entries.append(TranscriptEntry(time: time, speaker: .person, text: contribution.raw))
        }
        return entries
    }
}
