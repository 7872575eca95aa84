/// Writes files so that after a crash or power loss the old or the new content is there, never a mix:
/// a new temp file in the same folder (`O_EXCL`, mode 0600), every byte written, fsync, rename over
/// the target, fsync of the folder.
public struct DurableFile: Sendable {
    /// Prefix of temp files, so leftovers from a crash can be found and removed.
    public static let tempPrefix = ".tmp-"

    public let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = PosixFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// Replaces `path` with `bytes`. On any failure the previous file is left as it was and the temp
    /// file is removed.
    public func write(_ bytes: [UInt8], to path: String, mode: UInt32 = 0o600) throws(StoreError) {
        do throws(StoreError) {
            try WriteGuard.during { () throws(StoreError) in try replace(path, with: bytes, mode: mode) }
        } catch .io(_, _, let code) {
            // Name the file the person knows, not the temp file.
            throw .io(operation: "save", path: path, errno: code)
        }
    }

    private func replace(_ path: String, with bytes: [UInt8], mode: UInt32) throws(StoreError) {
        let (folder, name) = DurableFile.split(path)
        let temp = DataLocation.join(folder, "\(DurableFile.tempPrefix)\(name)-\(UInt32.random(in: 0...UInt32.max))")
        let fd = try fileSystem.createExclusive(temp, mode: mode)
        do throws(StoreError) {
            // The umask may have removed bits from the mode asked for at creation.
            try fileSystem.setMode(fd, mode, path: temp)
            try fileSystem.write(fd, bytes, path: temp)
            try fileSystem.sync(fd, path: temp)
            fileSystem.close(fd)
        } catch {
            fileSystem.close(fd)
            try? fileSystem.remove(temp)
            throw error
        }
        do throws(StoreError) {
            try fileSystem.rename(temp, path)
        } catch {
            try? fileSystem.remove(temp)
            throw error
        }
        try fileSystem.syncDirectory(folder)
    }

    /// Creates `path` and any missing parents, each new folder with exactly `mode` (0700 by default).
    /// Folders that already exist keep their mode: a `--data-dir` such as `/tmp` is not ours to change.
    public func makeFolders(_ path: String, mode: UInt32 = 0o700) throws(StoreError) {
        if let st = try fileSystem.status(path), st.kind == .directory { return }
        let (parent, _) = DurableFile.split(path)
        if parent != path && !parent.isEmpty { try makeFolders(parent, mode: mode) }
        if try fileSystem.makeDirectory(path, mode: mode) {
            // The new entry must survive a crash too.
            try? fileSystem.syncDirectory(parent)
        }
    }

    /// Folder and file name of a path.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }
}
