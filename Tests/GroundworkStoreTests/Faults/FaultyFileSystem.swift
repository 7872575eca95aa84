import Foundation
@testable import GroundworkStore

/// The real file system with faults that can be switched on and off while a test runs (the disk
/// fills up, then has room again), and a record of every byte handed to `write`.
final class FaultyFileSystem: FileSystem, @unchecked Sendable {
    enum Operation: String, Sendable, CaseIterable { case create, write, sync, rename, syncDirectory, makeDirectory, lock, read }

    private let real = PosixFileSystem()
    private let mutex = NSLock()
    private var faults: [Operation: Int32] = [:]
    private var writes: [[UInt8]] = []

    /// Makes `operation` fail with `code` from now on (nil: work again).
    func fail(_ operation: Operation, with code: Int32?) {
        mutex.withLock { faults[operation] = code }
    }

    /// Everything written so far, one entry per `write` call.
    var written: [[UInt8]] { mutex.withLock { writes } }

    private func fault(_ operation: Operation) -> Int32? { mutex.withLock { faults[operation] } }

    func createExclusive(_ path: String, mode: UInt32) throws(StoreError) -> Int32 {
        if let code = fault(.create) { throw .io(operation: "create", path: path, errno: code) }
        return try real.createExclusive(path, mode: mode)
    }

    func write(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StoreError) {
        mutex.withLock { writes.append(bytes) }
        if let code = fault(.write) {
            // A short write first, as a full disk does, so the temp file holds a partial copy.
            try real.write(fd, Array(bytes.prefix(bytes.count / 2)), path: path)
            throw .io(operation: "write", path: path, errno: code)
        }
        try real.write(fd, bytes, path: path)
    }

    func sync(_ fd: Int32, path: String) throws(StoreError) {
        if let code = fault(.sync) { throw .io(operation: "flush", path: path, errno: code) }
        try real.sync(fd, path: path)
    }

    func setMode(_ fd: Int32, _ mode: UInt32, path: String) throws(StoreError) { try real.setMode(fd, mode, path: path) }
    func close(_ fd: Int32) { real.close(fd) }

    func rename(_ from: String, _ to: String) throws(StoreError) {
        if let code = fault(.rename) { throw .io(operation: "replace", path: to, errno: code) }
        try real.rename(from, to)
    }

    func syncDirectory(_ path: String) throws(StoreError) {
        if let code = fault(.syncDirectory) { throw .io(operation: "flush folder", path: path, errno: code) }
        try real.syncDirectory(path)
    }

    func remove(_ path: String) throws(StoreError) { try real.remove(path) }
    func removeDirectory(_ path: String) throws(StoreError) { try real.removeDirectory(path) }

    func makeDirectory(_ path: String, mode: UInt32) throws(StoreError) -> Bool {
        if let code = fault(.makeDirectory) { throw .io(operation: "create folder", path: path, errno: code) }
        return try real.makeDirectory(path, mode: mode)
    }

    func read(_ path: String) throws(StoreError) -> [UInt8] {
        if let code = fault(.read) { throw .io(operation: "read", path: path, errno: code) }
        return try real.read(path)
    }

    func list(_ path: String) throws(StoreError) -> [String]? { try real.list(path) }
    func status(_ path: String) throws(StoreError) -> FileStatus? { try real.status(path) }

    func lockExclusive(_ path: String) throws(StoreError) -> Int32? {
        if let code = fault(.lock) { throw .io(operation: "open lock", path: path, errno: code) }
        return try real.lockExclusive(path)
    }
}
