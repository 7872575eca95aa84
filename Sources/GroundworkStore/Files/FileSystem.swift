#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The facts about a file that the store needs (for the history cache and reports).
public struct FileStatus: Sendable, Hashable, Codable {
    public var kind: Kind
    public var size: Int64
    public var mode: UInt32
    public var inode: UInt64
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64

    /// What a directory entry is.
    public enum Kind: String, Sendable, Hashable, Codable { case file, directory, other }

    /// Words for a file type (`st_mode & S_IFMT`) other than a regular file.
    static func describe(type: UInt32) -> String {
        switch mode_t(type) {
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFLNK: return "a symbolic link"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        default: return "not a plain file"
        }
    }
}

/// Bounds on what the store reads.
public enum StoreLimits {
    /// The largest file the store reads or writes: 64 MiB. An answer at the line limit
    /// (`InputLimits.maximumLineBytes`) adds about 460 KB to its session (the text is kept in the
    /// variables, the answers, the inputs and the transcript), so about 140 of them fill a session.
    public static let maximumFileSize = 64 << 20
}

/// The system calls the store uses, behind a protocol so tests can make any of them fail.
///
/// Every method throws `StoreError.io` naming the operation and path.
public protocol FileSystem: Sendable {
    /// Creates a new file that must not exist (`O_EXCL`), with `mode`, for writing.
    func createExclusive(_ path: String, mode: UInt32) throws(StoreError) -> Int32
    /// Writes all of `bytes` to `fd`.
    func write(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StoreError)
    /// Flushes `fd` to the disk.
    func sync(_ fd: Int32, path: String) throws(StoreError)
    /// Sets the mode of an open file (independent of the umask).
    func setMode(_ fd: Int32, _ mode: UInt32, path: String) throws(StoreError)
    func close(_ fd: Int32)
    /// Replaces `to` with `from` atomically.
    func rename(_ from: String, _ to: String) throws(StoreError)
    /// Flushes a folder, so a rename in it survives a power loss.
    func syncDirectory(_ path: String) throws(StoreError)
    func remove(_ path: String) throws(StoreError)
    func removeDirectory(_ path: String) throws(StoreError)
    /// Creates one folder with exactly `mode`; returns false when it already existed.
    func makeDirectory(_ path: String, mode: UInt32) throws(StoreError) -> Bool
    /// The whole file.
    func read(_ path: String) throws(StoreError) -> [UInt8]
    /// Names in a folder, without `.` and `..`; nil when the folder does not exist.
    func list(_ path: String) throws(StoreError) -> [String]?
    /// The file's status, or nil when it does not exist.
    func status(_ path: String) throws(StoreError) -> FileStatus?
    /// Opens (creating it 0600 if needed) and locks a file exclusively without waiting; nil when held elsewhere.
    func lockExclusive(_ path: String) throws(StoreError) -> Int32?
}

/// The real file system (POSIX calls).
public struct PosixFileSystem: FileSystem {
    public init() {}

    public func createExclusive(_ path: String, mode: UInt32) throws(StoreError) -> Int32 {
        let fd = retrying { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode)) }
        guard fd >= 0 else { throw .io(operation: "create", path: path, errno: errno) }
        return fd
    }

    public func write(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in systemWrite(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "write", path: path, errno: errno)
            }
            if n == 0 { throw .io(operation: "write", path: path, errno: EIO) }
            offset += n
        }
    }

    public func sync(_ fd: Int32, path: String) throws(StoreError) {
        guard retrying({ fsync(fd) }) == 0 else { throw .io(operation: "flush", path: path, errno: errno) }
    }

    public func setMode(_ fd: Int32, _ mode: UInt32, path: String) throws(StoreError) {
        guard fchmod(fd, mode_t(mode)) == 0 else { throw .io(operation: "set the mode of", path: path, errno: errno) }
    }

    public func close(_ fd: Int32) {
        _ = systemClose(fd)
    }

    public func rename(_ from: String, _ to: String) throws(StoreError) {
        guard systemRename(from, to) == 0 else { throw .io(operation: "replace", path: to, errno: errno) }
    }

    public func syncDirectory(_ path: String) throws(StoreError) {
        let fd = retrying { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { throw .io(operation: "open folder", path: path, errno: errno) }
        defer { _ = systemClose(fd) }
        guard retrying({ fsync(fd) }) == 0 else { throw .io(operation: "flush folder", path: path, errno: errno) }
    }

    public func remove(_ path: String) throws(StoreError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw .io(operation: "remove", path: path, errno: errno) }
    }

    public func removeDirectory(_ path: String) throws(StoreError) {
        guard rmdir(path) == 0 || errno == ENOENT else { throw .io(operation: "remove folder", path: path, errno: errno) }
    }

    public func makeDirectory(_ path: String, mode: UInt32) throws(StoreError) -> Bool {
        if mkdir(path, mode_t(mode)) == 0 {
            // mkdir applies the umask; the folder must be exactly `mode` whatever the umask.
            guard chmod(path, mode_t(mode)) == 0 else { throw .io(operation: "set the mode of", path: path, errno: errno) }
            return true
        }
        let code = errno
        if code == EEXIST, let st = try status(path), st.kind == .directory { return false }
        throw .io(operation: "create folder", path: path, errno: code)
    }

    /// Opens only a regular file: never follows a symbolic link (`O_NOFOLLOW`), never waits on a
    /// named pipe (`O_NONBLOCK`), checks what was opened (`fstat`) and refuses a file over
    /// `StoreLimits.maximumFileSize` before reading a byte, so nothing in the data folder can hang or
    /// exhaust memory.
    public func read(_ path: String) throws(StoreError) -> [UInt8] {
        let fd = retrying { open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK) }
        guard fd >= 0 else { throw openFailure("open", path: path, errno: errno) }
        defer { _ = systemClose(fd) }
        let expected = try regularFileSize(fd, operation: "read", path: path)
        let limit = StoreLimits.maximumFileSize
        if expected > limit { throw .tooLarge(path: path, size: Int64(expected), limit: limit) }
        var result = [UInt8]()
        result.reserveCapacity(expected + 1)
        var chunk = [UInt8](repeating: 0, count: max(4096, min(expected + 1, 1 << 20)))
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "read", path: path, errno: errno)
            }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
            // A file growing while it is read is held to the same limit.
            if result.count > limit { throw .tooLarge(path: path, size: Int64(result.count), limit: limit) }
        }
        return result
    }

    /// The size of the regular file open on `fd`; `StoreError.notRegularFile` (or `is a directory`) otherwise.
    private func regularFileSize(_ fd: Int32, operation: String, path: String) throws(StoreError) -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(operation: operation, path: path, errno: errno) }
        let type = st.st_mode & S_IFMT
        if type == S_IFREG { return Int(st.st_size) }
        if type == S_IFDIR { throw .io(operation: operation, path: path, errno: EISDIR) }
        throw .notRegularFile(operation: operation, path: path, kind: FileStatus.describe(type: UInt32(type)))
    }

    /// The error for a failed `open` with `O_NOFOLLOW`: a symbolic link is named as such.
    private func openFailure(_ operation: String, path: String, errno code: Int32) -> StoreError {
        var st = stat()
        if code == ELOOP, lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFLNK {
            return .notRegularFile(operation: operation, path: path, kind: "a symbolic link")
        }
        return .io(operation: operation, path: path, errno: code)
    }

    public func list(_ path: String) throws(StoreError) -> [String]? {
        guard let dir = opendir(path) else {
            if errno == ENOENT { return nil }
            throw .io(operation: "list", path: path, errno: errno)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func status(_ path: String) throws(StoreError) -> FileStatus? {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw .io(operation: "inspect", path: path, errno: errno)
        }
        let type = st.st_mode & S_IFMT
        let kind: FileStatus.Kind = type == S_IFREG ? .file : type == S_IFDIR ? .directory : .other
        let modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        return FileStatus(kind: kind, size: Int64(st.st_size), mode: UInt32(st.st_mode & 0o7777),
                          inode: UInt64(st.st_ino), modified: modified)
    }

    public func lockExclusive(_ path: String) throws(StoreError) -> Int32? {
        // Never through a symbolic link (which would create or lock its target) and never a pipe or device.
        let fd = retrying { open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600) }
        guard fd >= 0 else { throw openFailure("open lock", path: path, errno: errno) }
        do throws(StoreError) {
            _ = try regularFileSize(fd, operation: "open lock", path: path)
        } catch {
            _ = systemClose(fd)
            throw error
        }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return fd }
        let code = errno
        _ = systemClose(fd)
        if code == EWOULDBLOCK { return nil }
        throw .io(operation: "lock", path: path, errno: code)
    }

    private func retrying(_ call: () -> Int32) -> Int32 {
        while true {
            let result = call()
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }
}

// Free functions, because inside `PosixFileSystem` the names `write`, `close`, `rename` and `read`
// would refer to its own methods.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
