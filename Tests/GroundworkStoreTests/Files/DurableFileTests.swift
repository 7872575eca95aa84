import Foundation
import Testing
import GroundworkTestSupport
@testable import GroundworkStore

@Suite struct DurableFileTests {
    @Test func writesAndReplaces() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/a.json"
        let durable = DurableFile()
        try durable.write(Array("one".utf8), to: path)
        try durable.write(Array("two".utf8), to: path)
        #expect(folder.bytes(path) == Array("two".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.json"])
    }

    @Test func writesEmptyFiles() throws {
        let folder = try TemporaryFolder()
        try DurableFile().write([], to: folder.path + "/empty")
        #expect(folder.bytes(folder.path + "/empty") == [])
    }

    /// Files are 0600 and new folders 0700 whatever the umask (umask is per process; these values
    /// never remove the owner's bits, so tests running alongside are not disturbed).
    @Test(arguments: [0o022, 0o002, 0o077] as [mode_t])
    func modesIgnoreUmask(_ mask: mode_t) throws {
        let folder = try TemporaryFolder()
        let old = umask(mask)
        defer { umask(old) }
        let durable = DurableFile()
        try durable.makeFolders(folder.path + "/x/y/z")
        try durable.write(Array("data".utf8), to: folder.path + "/x/y/z/f.json")
        #expect(folder.mode(of: folder.path + "/x") == 0o700)
        #expect(folder.mode(of: folder.path + "/x/y") == 0o700)
        #expect(folder.mode(of: folder.path + "/x/y/z") == 0o700)
        #expect(folder.mode(of: folder.path + "/x/y/z/f.json") == 0o600)
    }

    @Test func existingFoldersKeepTheirMode() throws {
        let folder = try TemporaryFolder()
        chmod(folder.path, 0o755)
        try DurableFile().makeFolders(folder.path)
        #expect(folder.mode(of: folder.path) == 0o755)
    }

    @Test func replacedFileBecomes0600() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/f"
        folder.write("old", to: path)
        chmod(path, 0o644)
        try DurableFile().write(Array("new".utf8), to: path)
        #expect(folder.mode(of: path) == 0o600)
    }

    @Test(arguments: [
        (FailingFileSystem.Operation.create, EROFS, "read-only file system"),
        (.create, EACCES, "permission denied"),
        (.write, ENOSPC, "no space left on device"),
        (.sync, EIO, "input/output error"),
        (.rename, EXDEV, "cross-device link"),
    ] as [(FailingFileSystem.Operation, Int32, String)])
    func failedWriteKeepsPreviousFile(_ operation: FailingFileSystem.Operation, _ code: Int32, _ message: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/s.json"
        try DurableFile().write(Array("previous".utf8), to: path)
        let failing = DurableFile(fileSystem: FailingFileSystem(failing: operation, code: code))
        let error = #expect(throws: StoreError.self) {
            try failing.write(Array("next, longer content".utf8), to: path)
        }
        #expect(error?.description.contains(message) == true)
        #expect(error?.description.contains("'\(path)'") == true)
        #expect(folder.bytes(path) == Array("previous".utf8))
        // No temp file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["s.json"])
    }

    @Test(.enabled(if: getuid() != 0, "root writes into read-only folders"))
    func readOnlyFolderKeepsPreviousFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/s.json"
        try DurableFile().write(Array("previous".utf8), to: path)
        chmod(folder.path, 0o500)
        defer { chmod(folder.path, 0o700) }
        let error = #expect(throws: StoreError.self) { try DurableFile().write(Array("next".utf8), to: path) }
        #expect(error?.description.contains("permission denied") == true)
        #expect(folder.bytes(path) == Array("previous".utf8))
    }
}
