#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the store could not do what was asked. Messages are short, lowercase, and quote paths and names.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A user name that cannot be used as a folder name.
    case invalidUserName(String, reason: String)
    /// Another process holds the user's lock.
    case locked(user: String)
    /// A system call failed on a path.
    case io(operation: String, path: String, errno: Int32)
    /// A session file that cannot be read; it is left untouched.
    case unreadable(UnreadableFile)
    /// No session matched the reference given.
    case sessionNotFound(String)
    /// More than one session matched a short reference.
    case ambiguousSession(String, matches: [String])
    /// No data folder could be found (no `--data-dir`, no environment, no home).
    case noDataLocation
    /// A record could not be encoded (should not happen: every field is plain data).
    case encodingFailed(String)
    /// The passphrase does not open the user's encryption settings.
    case wrongPassphrase(user: String)
    /// The user's files are encrypted and no passphrase was given.
    case passphraseNeeded(user: String)
    /// Encryption itself failed, or its settings are unusable.
    case encryption(String)
    /// A group exercise cannot write to a participant whose files are encrypted.
    case encryptedParticipant(user: String)
    /// A path in the data folder that is not a regular file (a symbolic link, a named pipe, a device).
    case notRegularFile(operation: String, path: String, kind: String)
    /// A file over `StoreLimits.maximumFileSize`; it is not read.
    case tooLarge(path: String, size: Int64, limit: Int)
    /// A session that would be written over `StoreLimits.maximumFileSize`; the previous file stays.
    case sessionTooLarge(path: String, size: Int)

    public var description: String {
        switch self {
        case .invalidUserName(let name, let reason):
            return "invalid user name '\(name)': \(reason)"
        case .locked(let user):
            return "user '\(user)' is in a session in another groundwork process; finish it there or wait"
        case .io(let operation, let path, let code):
            return "could not \(operation) '\(path)': \(StoreError.message(for: code))"
        case .unreadable(let file):
            return "cannot read '\(file.path)': \(file.reason)"
        case .sessionNotFound(let reference):
            return "no session '\(reference)'; 'groundwork history' lists them"
        case .ambiguousSession(let reference, let matches):
            return "session '\(reference)' is ambiguous: \(matches.map { "'\($0)'" }.joined(separator: ", "))"
        case .noDataLocation:
            return "no place for data: set GROUNDWORK_HOME or pass --data-dir"
        case .encodingFailed(let reason):
            return "could not encode the session: \(reason)"
        case .wrongPassphrase(let user):
            return "wrong passphrase for user '\(user)'"
        case .passphraseNeeded(let user):
            return "the data of user '\(user)' is encrypted: enter the passphrase in a terminal or set GROUNDWORK_PASSPHRASE"
        case .encryption(let reason):
            return "encryption: \(reason)"
        case .encryptedParticipant(let user):
            return "user '\(user)' keeps encrypted sessions, which group exercises cannot save to; leave them out or run 'groundwork decrypt --user \(user)'"
        case .notRegularFile(let operation, let path, let kind):
            return "could not \(operation) '\(path)': \(kind), not a regular file; groundwork opens only regular files, so move it away"
        case .tooLarge(let path, let size, let limit):
            return "could not read '\(path)': \(StoreError.tooLargeReason(size: size, limit: limit))"
        case .sessionTooLarge(let path, let size):
            return "could not save '\(path)': the session would be \(size) bytes, over the \(StoreLimits.maximumFileSize >> 20) MB a session file may hold; finish it with /done and start another"
        }
    }

    /// Why a file over the limit is not read, in words.
    static func tooLargeReason(size: Int64, limit: Int) -> String {
        "too large (\(size) bytes; groundwork reads files of at most \(limit >> 20) MB)"
    }

    /// The lowercase system message for an errno value.
    static func message(for code: Int32) -> String {
        guard let raw = strerror(code) else { return "error \(code)" }
        let text = String(cString: raw)
        guard let first = text.first else { return "error \(code)" }
        return first.lowercased() + text.dropFirst()
    }
}
