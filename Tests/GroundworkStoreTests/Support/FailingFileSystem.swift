@testable import GroundworkStore

/// The real file system, except that one chosen operation fails with a chosen errno.
struct FailingFileSystem: FileSystem {
    enum Operation: String, Sendable, CaseIterable { case create, write, sync, rename, syncDirectory }

    let failing: Operation
    let code: Int32
    let real = PosixFileSystem()

    func createExclusive(_ path: String, mode: UInt32) throws(StoreError) -> Int32 {
        if failing == .create { throw .io(operation: "create", path: path, errno: code) }
        return try real.createExclusive(path, mode: mode)
    }

    func write(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
        if failing == .write {
            // A short write first, as a full disk does, so the temp file holds a partial copy.
            try real.write(fd, Array(bytes.prefix(bytes.count / 2)), path: path)
            throw .io(operation: "write", path: path, errno: code)
        }
        try real.write(fd, bytes, path: path)
    }

    func sync(_ fd: Int32, path: String) throws(StoreError) {
        if failing == .sync { throw .io(operation: "flush", path: path, errno: code) }
        try real.sync(fd, path: path)
    }

    func setMode(_ fd: Int32, _ mode: UInt32, path: String) throws(StoreError) { try real.setMode(fd, mode, path: path) }
    func close(_ fd: Int32) { real.close(fd) }

    func rename(_ from: String, _ to: String) throws(StoreError) {
        if failing == .rename { throw .io(operation: "replace", path: to, errno: code) }
        try real.rename(from, to)
    }

    func syncDirectory(_ path: String) throws(StoreError) {
        if failing == .syncDirectory { throw .io(operation: "flush folder", path: path, errno: code) }
        try real.syncDirectory(path)
    }

    func remove(_ path: String) throws(StoreError) { try real.remove(path) }
    func removeDirectory(_ path: String) throws(StoreError) { try real.removeDirectory(path) }
    func makeDirectory(_ path: String, mode: UInt32) throws(StoreError) -> Bool { try real.makeDirectory(path, mode: mode) }
    func read(_ path: String) throws(StoreError) -> [UInt8] { try real.read(path) }
    func list(_ path: String) throws(StoreError) -> [String]? { try real.list(path) }
    func status(_ path: String) throws(StoreError) -> FileStatus? { try real.status(path) }
    func lockExclusive(_ path: String) throws(StoreError) -> Int32? { try real.lockExclusive(path) }
}
