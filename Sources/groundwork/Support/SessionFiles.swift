import Foundation
import GroundworkCore
import GroundworkTerminal

/// INTERIM per-user session files until GroundworkStore's `UserStore` (branch `store`) lands:
/// `<data>/users/<user>/sessions/<started-at>-<flow>-<id>.json`, written durably after every turn,
/// files 0600 and folders 0700, one process per user (flock).
final class SessionFiles {
    let user: String
    let userFolder: String
    let sessionsFolder: String
    private var lockFD: Int32 = -1

    init(dataDirectory: String, user: String) {
        self.user = user
        userFolder = dataDirectory + "/users/" + user
        sessionsFolder = userFolder + "/sessions"
    }

    deinit {
        if lockFD >= 0 { close(lockFD) }
    }

    /// Creates the folders and takes the user's lock; fails with status 3 when another process holds it.
    func open(user: String) throws {
        for folder in [userFolder, sessionsFolder] {
            if mkdir(folder, 0o700) != 0 && errno != EEXIST {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
        }
        lockFD = Glibc.open(userFolder + "/.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lockFD >= 0 else { throw AppError("cannot open the lock file in '\(userFolder)'; check its permissions") }
        if flock(lockFD, LOCK_EX | LOCK_NB) != 0 {
            throw AppError("user '\(user)' is in use by another groundwork process; finish that session first", status: .locked)
        }
    }

    /// One session file's content.
    struct Record: Codable {
        var schema: Int
        var state: SessionState
        var transcript: [Event]
    }

    /// A persistence for a new or resumed session at `path`.
    func persistence(for path: String, transcript: [Event] = []) -> FilePersistence {
        FilePersistence(path: path, folder: sessionsFolder, transcript: transcript)
    }

    /// The path for a new session of `flowID`.
    func newSessionPath(flowID: String) -> String {
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let id = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return "\(sessionsFolder)/\(stamp)-\(flowID)-\(id).json"
    }

    /// The newest active session, if any; unreadable files are reported and, when nothing else is
    /// active, make this fail with status 4.
    func latestActive() throws -> (path: String, record: Record)? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sessionsFolder)) ?? []
        var unreadable: [String] = []
        for name in names.filter({ $0.hasSuffix(".json") }).sorted().reversed() {
            let path = sessionsFolder + "/" + name
            guard let data = FileManager.default.contents(atPath: path),
                  let record = try? JSONDecoder().decode(Record.self, from: data) else {
                unreadable.append(path)
                continue
            }
            if record.state.status == .active { return (path, record) }
        }
        if let first = unreadable.first {
            throw AppError("cannot read session file '\(first)'; move it aside and try again", status: .unreadableState)
        }
        return nil
    }
}

/// Saves one session file durably after every turn.
final class FilePersistence: SessionPersistence {
    private let path: String
    private let folder: String
    private var transcript: [Event]

    init(path: String, folder: String, transcript: [Event]) {
        self.path = path
        self.folder = folder
        self.transcript = transcript
    }

    func save(_ state: SessionState, _ events: [Event]) throws {
        transcript += events
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(SessionFiles.Record(schema: 1, state: state, transcript: transcript))
        try writeDurably(data)
    }

    /// temp file, fsync, rename, fsync of the folder (see NOTES-platform.md).
    private func writeDurably(_ data: Data) throws {
        let temp = path + ".tmp"
        unlink(temp)
        let fd = Glibc.open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw AppError("cannot save the session to '\(path)': \(String(cString: strerror(errno)))") }
        var ok = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw AppError("cannot save the session to '\(path)': \(reason); the previous copy is intact")
        }
        let dirFD = Glibc.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }
}
