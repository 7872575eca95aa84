/// What `groundwork doctor` found in one user's folder.
public struct Checkup: Sendable, Hashable {
    /// Session files that cannot be read, with the reason.
    public var unreadable: [UnreadableFile]
    /// Temp files left by a crashed write.
    public var leftoverTempFiles: [String]

    public var isHealthy: Bool { unreadable.isEmpty && leftoverTempFiles.isEmpty }
}

extension UserStore {
    /// Reads every session in full (not just headers), so damage anywhere in a file is found.
    public func checkup() throws(StoreError) -> Checkup {
        Checkup(unreadable: try loadAll().unreadable, leftoverTempFiles: try leftoverTempFiles())
    }
}
