import Foundation
import Testing
import GroundworkTestSupport
import GroundworkCore
@testable import GroundworkStore

/// The store reads only regular files (issue 12, item 7): `O_NOFOLLOW`, `O_NONBLOCK`, `fstat` and a
/// size limit, so nothing planted in the data folder can hang a read or make it allocate.
@Suite struct RegularFileTests {
    enum Odd: String, CaseIterable, Sendable {
        case fifo, linkToDevZero, linkToFile, danglingLink, folder, huge
    }

    static func plant(_ odd: Odd, at path: String, in folder: TemporaryFolder) throws {
        switch odd {
        case .fifo: #expect(mkfifo(path, 0o600) == 0)
        case .linkToDevZero: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
        case .linkToFile:
            folder.write("{}", to: folder.path + "/real.json")
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: folder.path + "/real.json")
        case .danglingLink: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: folder.path + "/nowhere")
        case .folder: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .huge:
            folder.write("", to: path)
            #expect(truncate(path, off_t(StoreLimits.maximumFileSize + 1)) == 0)
        }
    }

    static func expected(_ odd: Odd, path: String, operation: String) -> StoreError {
        switch odd {
        case .fifo: return .notRegularFile(operation: operation, path: path, kind: "a named pipe (FIFO)")
        case .linkToDevZero, .linkToFile, .danglingLink: return .notRegularFile(operation: operation, path: path, kind: "a symbolic link")
        case .folder: return .io(operation: operation, path: path, errno: EISDIR)
        case .huge: return .tooLarge(path: path, size: Int64(StoreLimits.maximumFileSize + 1), limit: StoreLimits.maximumFileSize)
        }
    }

    @Test(arguments: Odd.allCases)
    func readRefusesAnythingButARegularFile(_ odd: Odd) throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/odd.json"
        try Self.plant(odd, at: path, in: folder)
        let started = Date()
        let error = #expect(throws: StoreError.self) { try PosixFileSystem().read(path) }
        #expect(Date().timeIntervalSince(started) < 1)
        let operation = odd == .linkToDevZero || odd == .linkToFile || odd == .danglingLink ? "open" : "read"
        #expect(error == Self.expected(odd, path: path, operation: operation))
    }

    @Test func aFileAtTheLimitIsRead() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/big.json"
        folder.write("", to: path)
        #expect(truncate(path, off_t(StoreLimits.maximumFileSize)) == 0)
        #expect(try PosixFileSystem().read(path).count == StoreLimits.maximumFileSize)
    }

    @Test(arguments: [Odd.fifo, .linkToFile, .danglingLink])
    func theLockIsNeverTakenThroughAnOddFile(_ odd: Odd) throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/.lock"
        try Self.plant(odd, at: path, in: folder)
        let error = #expect(throws: StoreError.self) { try PosixFileSystem().lockExclusive(path) }
        #expect(error == Self.expected(odd, path: path, operation: "open lock"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/nowhere"))
        if odd == .linkToFile { #expect(folder.bytes(folder.path + "/real.json") == Array("{}".utf8)) }
    }

    @Test(arguments: Odd.allCases)
    func aListingReportsTheFileAndKeepsTheRest(_ odd: Odd) throws {
        let folder = try TemporaryFolder()
        let store = UserStore(location: folder.location, user: try UserName("ada"))
        let writer = try store.lockForWriting()
        _ = try writer.createSession(flowID: "mini", flowTitle: "Mini", flowHash: "", state: .init(flowID: "mini", flowHash: "", seed: 1))
        let path = store.path(of: "20990101T000000Z-mini-0123456789ab.json")
        try Self.plant(odd, at: path, in: folder)
        let listing = try store.headers()
        #expect(listing.items.count == 1)
        let reason = StoreError.unreadableFile(from: Self.expected(odd, path: path, operation: "read"), path: path).reason
        #expect(listing.unreadable == [UnreadableFile(path: path, reason: reason)])
        #expect(["a named pipe (FIFO), not a regular file", "a symbolic link, not a regular file", "is a directory",
                 "too large (\(StoreLimits.maximumFileSize + 1) bytes; groundwork reads files of at most 64 MB)"].contains(reason))
    }

    @Test func aSessionOverTheLimitIsNeverWritten() throws {
        let folder = try TemporaryFolder()
        let store = UserStore(location: folder.location, user: try UserName("ada"))
        let writer = try store.lockForWriting()
        var state = SessionState(flowID: "mini", flowHash: "", seed: 1)
        var record = try writer.createSession(flowID: "mini", flowTitle: "Mini", flowHash: "", state: state)
        let before = folder.bytes(store.path(of: record.fileName))
        state.variables["huge"] = .string(String(repeating: "x", count: StoreLimits.maximumFileSize))
        record.state = state
        let error = #expect(throws: StoreError.self) { try writer.save(&record) }
        guard case .sessionTooLarge(let path, _)? = error else {
            Issue.record("expected sessionTooLarge, got \(String(describing: error))")
            return
        }
        #expect(path == store.path(of: record.fileName))
        #expect(folder.bytes(path) == before)
    }
}
