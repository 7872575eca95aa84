import Foundation
import Testing
import GroundworkTestSupport
@testable import GroundworkStore

extension FaultTests {
    /// The user's lock held by another, real process (util-linux `flock`, a child of the test).
    @Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock"), "needs /usr/bin/flock (util-linux)"))
    struct LockFaultTests {
        /// Starts a child holding the lock and returns once it does: the shell takes the lock on its
        /// own descriptor, says so on stdout, then becomes `sleep`, so one process holds the lock and
        /// killing it frees it. No polling: under load a child can take seconds to start.
        static func holdLock(_ path: String) throws -> Process {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/bin/sh")
            child.arguments = ["-c", "exec 9>>\"$0\"; /usr/bin/flock -x 9; echo locked; exec sleep 60", path]
            let ready = Pipe()
            child.standardOutput = ready
            try child.run()
            let line = String(decoding: ready.fileHandleForReading.readData(ofLength: 7), as: UTF8.self)
            guard line == "locked\n" else {
                kill(child.processIdentifier, SIGKILL)
                child.waitUntilExit()
                throw StoreError.io(operation: "hold lock", path: path, errno: EIO)
            }
            return child
        }

        /// While another process writes, this one is refused by name and changes nothing; when that
        /// process dies (kill -9, no chance to clean up) the kernel frees the lock at once: no stale lock.
        @Test func heldByAnotherProcessThenFreedByItsDeath() throws {
            let folder = try TemporaryFolder()
            let store = UserStore(location: folder.location, user: try UserName("ada"))
            var record = Samples.record()
            do {
                let writer = try store.lockForWriting()
                try writer.save(&record)
            }
            let before = folder.bytes(store.path(of: record.fileName))
            let child = try Self.holdLock(folder.location.lockFile(store.user))
            let error = #expect(throws: StoreError.self) { try store.lockForWriting() }
            #expect(error == .locked(user: "ada"))
            #expect(error?.description == "user 'ada' is in a session in another groundwork process; finish it there or wait")
            #expect(folder.bytes(store.path(of: record.fileName)) == before)

            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            let writer = try store.lockForWriting()
            #expect(writer.lock.user.rawValue == "ada")
        }
    }
}
