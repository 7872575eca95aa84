import Crypto
import GroundworkCore

/// The compiled, validated scripts of one load, kept on disk so that the next process with the
/// same files skips parsing, compiling and validating them (most of a cold start).
///
/// One file per kind of load (`request`: which folders, which flow, deferred classifier or not),
/// named by a hash of it, under `$XDG_CACHE_HOME/groundwork` (else `~/.cache/groundwork`). Each file
/// holds a key, the SHA-256 of this format's number, the binary's version, the request and every
/// input file's path and bytes, and is trusted only when that key is the one computed from the
/// files now on disk and the payload's own digest matches. Anything else (missing, unreadable,
/// another format, another key, damaged) reads as no cache: the caller loads from the files and
/// writes a new one. Writes go through `DurableFile` (a 0600 temp file renamed over the old one,
/// folders 0700), so two processes writing at once leave one whole file, and a failed write only
/// means the next start is slow again. Nothing here ever throws or prints.
public struct ScriptCache: Sendable {
    /// The stored layout's number; bump it when the header or `CompactEncoder`'s format changes,
    /// or when a type stored in the library changes shape (the binary's version is keyed too).
    public static let formatVersion: UInt32 = 2
    static let magic: [UInt8] = Array("GWSC".utf8)
    /// Larger than any library the bundled scripts make (about 1 MB); a bigger file is not read.
    static let maximumSize = StoreLimits.maximumFileSize

    /// The folder the cache files live in.
    public let folder: String
    let fileSystem: any FileSystem

    public init(folder: String, fileSystem: any FileSystem = PosixFileSystem()) {
        self.folder = folder
        self.fileSystem = fileSystem
    }

    /// The cache folder for `environment`: `$XDG_CACHE_HOME/groundwork` (an absolute path), else
    /// `$HOME/.cache/groundwork`; nil when neither is set or `GROUNDWORK_NO_CACHE` is set to
    /// anything but `0` or empty (tests, or to rule the cache out).
    public static func folder(environment: [String: String]) -> String? {
        if let off = environment["GROUNDWORK_NO_CACHE"], !off.isEmpty, off != "0" { return nil }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return DataLocation.join(xdg, "groundwork") }
        if let home = environment["HOME"], home.hasPrefix("/") { return DataLocation.join(DataLocation.join(home, ".cache"), "groundwork") }
        return nil
    }

    /// One file that went into a load: where it was read and its bytes.
    public struct Input: Sendable {
        public var path: String
        public var bytes: [UInt8]

        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// What a load gave: the library and the errors that kept scripts out of it.
    public struct Entry: Sendable, Codable {
        public var library: ScriptLibrary
        public var errors: [Diagnostic]

        public init(library: ScriptLibrary, errors: [Diagnostic]) {
            self.library = library
            self.errors = errors
        }
    }

    /// The key of a load of `inputs` for `request`, given in order (scripts, then prompts): 32 bytes.
    public static func key(request: String, inputs: [Input]) -> [UInt8] {
        var hasher = Crypto.SHA256()
        func add(_ bytes: [UInt8]) {
            hasher.update(data: withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { Array($0) })
            hasher.update(data: bytes)
        }
        add(Array("groundwork script cache \(formatVersion) \(GroundworkVersion.current)".utf8))
        add(Array(request.utf8))
        add(withUnsafeBytes(of: UInt64(inputs.count).littleEndian) { Array($0) })
        for input in inputs {
            add(Array(input.path.utf8))
            add(input.bytes)
        }
        return Array(hasher.finalize())
    }

    /// The path of the file for `request`.
    public func path(request: String) -> String {
        let digest = Crypto.SHA256.hash(data: Array(request.utf8))
        let name = digest.prefix(8).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        return DataLocation.join(folder, "scripts-\(name).cache")
    }

    /// The stored load for `request` when its key is `key`; nil for anything else.
    public func read(request: String, key: [UInt8]) -> Entry? {
        guard let bytes = try? fileSystem.read(path(request: request)) else { return nil }
        return ScriptCache.entry(in: bytes, key: key)
    }

    /// Stores `entry` for `request` under `key`; returns false (and changes nothing readable) when
    /// it cannot be encoded or written.
    @discardableResult
    public func write(_ entry: Entry, request: String, key: [UInt8]) -> Bool {
        guard let bytes = try? ScriptCache.file(entry, key: key) else { return false }
        let durable = DurableFile(fileSystem: fileSystem)
        do throws(StoreError) {
            try durable.makeFolders(folder, mode: 0o700)
            try durable.write(bytes, to: path(request: request), mode: 0o600)
            return true
        } catch {
            return false
        }
    }

    /// Header: magic, format (4 bytes little-endian), key (32), payload digest (32), then the payload.
    static func file(_ entry: Entry, key: [UInt8]) throws -> [UInt8] {
        let payload = try CompactEncoder().encode(entry)
        var bytes = magic
        bytes += withUnsafeBytes(of: formatVersion.littleEndian) { Array($0) }
        bytes += key
        bytes += Array(Crypto.SHA256.hash(data: payload))
        bytes += payload
        return bytes
    }

    static let headerSize = 4 + 4 + 32 + 32

    static func entry(in bytes: [UInt8], key: [UInt8]) -> Entry? {
        guard bytes.count > headerSize, bytes.count <= maximumSize, Array(bytes[0..<4]) == magic else { return nil }
        let format = bytes[4..<8].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard format == formatVersion, key.count == 32, Array(bytes[8..<40]) == key else { return nil }
        let payload = Array(bytes[headerSize...])
        guard Array(Crypto.SHA256.hash(data: payload)) == Array(bytes[40..<72]) else { return nil }
        return try? CompactDecoder().decode(Entry.self, from: payload)
    }
}
