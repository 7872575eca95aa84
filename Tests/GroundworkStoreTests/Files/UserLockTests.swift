import Foundation
import Testing
import GroundworkTestSupport
@testable import GroundworkStore

@Suite struct UserLockTests {
    /// flock locks belong to the open file description, so a second open in this process conflicts
    /// just as another process would.
    @Test func secondWriterIsRefusedByName() throws {
        let folder = try TemporaryFolder()
        let user = try UserName("ada")
        let first = try UserLock(user: user, location: folder.location)
        let error = #expect(throws: StoreError.self) { try UserLock(user: user, location: folder.location) }
        #expect(error == .locked(user: "ada"))
        #expect(error?.description.contains("'ada'") == true)
        _ = first
    }

    @Test func otherUsersAreIndependent() throws {
        let folder = try TemporaryFolder()
        let ada = try UserLock(user: UserName("ada"), location: folder.location)
        let bob = try UserLock(user: UserName("bob"), location: folder.location)
        #expect(ada.path != bob.path)
    }

    @Test func releasedWhenDropped() throws {
        let folder = try TemporaryFolder()
        let user = try UserName("ada")
        do { _ = try UserLock(user: user, location: folder.location) }
        _ = try UserLock(user: user, location: folder.location)
    }

    /// Another process holding the lock (a shell holding flock(1) on the lock file) keeps the store
    /// from writing. The child says when it holds the lock, so no polling under load.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func lockHeldByAnotherProcess() throws {
        let folder = try TemporaryFolder()
        let user = try UserName("ada")
        let store = UserStore(location: folder.location, user: user)
        try DurableFile().makeFolders(folder.location.userFolder(user))
        let child = try FaultTests.LockFaultTests.holdLock(folder.location.lockFile(user))
        defer { kill(child.processIdentifier, SIGKILL); child.waitUntilExit() }
        let error = #expect(throws: StoreError.self) { try store.lockForWriting() }
        #expect(error == .locked(user: "ada"))
        #expect(try store.sessionFileNames().isEmpty)
    }
}
