/// The one-writer lock of a user: `flock(LOCK_EX|LOCK_NB)` on `users/<user>/.lock`.
///
/// The kernel drops the lock when the process ends, so a crash leaves no stale lock. The lock lives in
/// its own file because each durable write replaces the session file's inode.
public final class UserLock: Sendable {
    public let user: UserName
    public let path: String
    private let fd: Int32
    private let fileSystem: any FileSystem

    /// Takes the lock or throws `StoreError.locked` naming the user, without waiting.
    public init(user: UserName, location: DataLocation, fileSystem: any FileSystem = PosixFileSystem()) throws(StoreError) {
        let durable = DurableFile(fileSystem: fileSystem)
        try durable.makeFolders(location.userFolder(user))
        let path = location.lockFile(user)
        guard let fd = try fileSystem.lockExclusive(path) else { throw .locked(user: user.rawValue) }
        self.user = user
        self.path = path
        self.fd = fd
        self.fileSystem = fileSystem
    }

    deinit {
        // Closing the descriptor releases the flock.
        fileSystem.close(fd)
    }
}
