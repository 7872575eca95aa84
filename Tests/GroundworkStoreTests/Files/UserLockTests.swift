import Foundation
import Testing
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

    /// Another process holding the lock (flock(1) from util-linux) keeps the store from writing.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func lockHeldByAnotherProcess() async throws {
        let folder = try TemporaryFolder()
        let user = try UserName("ada")
        let store = UserStore(location: folder.location, user: user)
        try DurableFile().makeFolders(folder.location.userFolder(user))
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        child.arguments = ["-x", "-F", folder.location.lockFile(user), "sleep", "30"]
        try child.run()
        defer { kill(child.processIdentifier, SIGKILL); child.waitUntilExit() }
        // Wait until the child holds the lock (up to 15 s: CI machines can be slow to start it).
        var refused = false
        for _ in 0..<750 {
            do {
                _ = try store.lockForWriting()
                try await Task.sleep(nanoseconds: 20_000_000)
            } catch StoreError.locked(let name) {
                #expect(name == "ada")
                refused = true
                break
            }
        }
        #expect(refused)
        #expect(try store.sessionFileNames().isEmpty)
    }
}
