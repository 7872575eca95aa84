#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where groundwork keeps its data, and the paths inside it.
///
/// Resolution order: `--data-dir`, then `GROUNDWORK_HOME`, then `$XDG_DATA_HOME/groundwork`, then
/// `~/.local/share/groundwork`. The flag wins over the environment, as command-line flags do.
public struct DataLocation: Sendable, Hashable {
    /// Which rule chose the root.
    public enum Source: String, Sendable, Hashable { case flag, groundworkHome, xdgDataHome, home }

    /// Absolute path of the data folder.
    public let root: String
    public let source: Source

    public init(root: String, source: Source = .flag) {
        self.root = DataLocation.absolute(root)
        self.source = source
    }

    /// Picks the data folder from the flag and the environment (empty values count as unset).
    public static func resolve(dataDir: String?, environment: [String: String]) throws(StoreError) -> DataLocation {
        if let dir = dataDir, !dir.isEmpty { return DataLocation(root: dir, source: .flag) }
        if let home = environment["GROUNDWORK_HOME"], !home.isEmpty {
            return DataLocation(root: home, source: .groundworkHome)
        }
        // The XDG spec says relative values are invalid and must be ignored.
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return DataLocation(root: join(xdg, "groundwork"), source: .xdgDataHome)
        }
        if let home = environment["HOME"], !home.isEmpty {
            return DataLocation(root: join(home, ".local/share/groundwork"), source: .home)
        }
        if let home = passwordHome() {
            return DataLocation(root: join(home, ".local/share/groundwork"), source: .home)
        }
        throw .noDataLocation
    }

    /// `users/`
    public var usersFolder: String { DataLocation.join(root, "users") }
    /// `users/<user>/`
    public func userFolder(_ user: UserName) -> String { DataLocation.join(usersFolder, user.rawValue) }
    /// `users/<user>/sessions/`
    public func sessionsFolder(_ user: UserName) -> String { DataLocation.join(userFolder(user), "sessions") }
    /// `users/<user>/quarantine/`, where `doctor --fix` moves unreadable files.
    public func quarantineFolder(_ user: UserName) -> String { DataLocation.join(userFolder(user), "quarantine") }
    /// `users/<user>/.lock`, the file locked by the one writer.
    public func lockFile(_ user: UserName) -> String { DataLocation.join(userFolder(user), ".lock") }
    /// `users/<user>/profile.json`
    public func profileFile(_ user: UserName) -> String { DataLocation.join(userFolder(user), "profile.json") }
    /// `users/<user>/encryption.json`, present when the user's files are encrypted.
    public func encryptionFile(_ user: UserName) -> String { DataLocation.join(userFolder(user), "encryption.json") }
    /// `users/<user>/index.json`, a cache of session headers for `history`.
    public func indexFile(_ user: UserName) -> String { DataLocation.join(userFolder(user), "index.json") }

    static func join(_ a: String, _ b: String) -> String {
        a.hasSuffix("/") ? a + b : a + "/" + b
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if path == "." { return cwd }
        return join(cwd, path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }

    static func passwordHome() -> String? {
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
        let home = String(cString: dir)
        return home.isEmpty ? nil : home
    }
}
