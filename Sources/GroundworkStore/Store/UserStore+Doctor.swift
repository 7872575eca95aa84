/// What `groundwork doctor` found in one user's folder.
public struct Checkup: Sendable, Hashable {
    /// Session files that cannot be read, with the reason.
    public var unreadable: [UnreadableFile]
    /// Temp files left by a crashed write.
    public var leftoverTempFiles: [String]
    /// Plain session files in an encrypted user's folder: left by an interrupted `encrypt`, or put
    /// there by someone else. They are read, but they are not protected.
    public var plainInEncrypted: [String] = []
    /// Sealed files of the format before names were bound (format 1); `encrypt` binds them.
    public var unbound: [String] = []

    public var isHealthy: Bool { unreadable.isEmpty && leftoverTempFiles.isEmpty && plainInEncrypted.isEmpty }
}

extension UserStore {
    /// Reads every session in full (not just headers), so damage anywhere in a file is found; for an
    /// encrypted user, also names every session file that is plain, or sealed without its name.
    public func checkup() throws(StoreError) -> Checkup {
        let listing = try loadAll()
        var checkup = Checkup(unreadable: listing.unreadable, leftoverTempFiles: try leftoverTempFiles())
        guard key != nil else { return checkup }
        let unreadable = Set(listing.unreadable.map(\.path))
        for name in try sessionFileNames() {
            let path = path(of: name)
            guard !unreadable.contains(path), let bytes = try? fileSystem.read(path) else { continue }
            if !SealedEnvelope.isSealed(bytes) {
                checkup.plainInEncrypted.append(path)
            } else if UserKey.isUnbound(bytes) {
                checkup.unbound.append(path)
            }
        }
        return checkup
    }
}
