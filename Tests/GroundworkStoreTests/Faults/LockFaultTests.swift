import Foundation
import Testing
@testable import GroundworkStore

extension FaultTests {
    /// The user's lock held by another, real process (util-linux `flock`, a child of the test).
    @Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock"), "needs /usr/bin/flock (util-linux)"))
    struct LockFaultTests {
        /// Starts a child holding the lock and waits until it does. The shell takes the lock on its own
        /// descriptor and then becomes `sleep`, so one process holds it and killing it frees it.
        static func holdLock(_ path: String) throws -> Process {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/bin/sh")
            child.arguments = ["-c", "exec 9>>\"$0\"; /usr/bin/flock -x 9; exec sleep 30", path]
            try child.run()
            for _ in 0..<200 {
                let probe = Process()
                probe.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
                probe.arguments = ["-n", path, "true"]
                try probe.run()
                probe.waitUntilExit()
                if probe.terminationStatus != 0 { return child }
                Thread.sleep(forTimeInterval: 0.01)
            }
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            throw StoreError.io(operation: "hold lock", path: path, errno: ETIMEDOUT)
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
