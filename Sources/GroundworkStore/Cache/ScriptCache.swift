#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import GroundworkCore

/// The compiled, validated scripts of one load, kept on disk so that the next process with the
/// same files skips parsing, compiling and validating them (most of a cold start).
///
/// One file per kind of load (`request`: which folders, which flow, deferred classifier or not),
/// named by a hash of it, under `$XDG_CACHE_HOME/groundwork` (else `~/.cache/groundwork`). Each file
/// holds a key, the SHA-256 of this format's number, the binary's version, the request and every
/// input file's path and content digest, and is trusted only when that key is the one computed
/// from the files now on disk and each part's own digest matches. Anything else (missing,
/// unreadable, another format, another key, damaged) reads as no cache: the caller loads from the
/// files and writes a new one. Writes go through `DurableFile` (a 0600 temp file renamed over the
/// old one, folders 0700), so two processes writing at once leave one whole file, and a failed
/// write only means the next start is slow again. Nothing here ever throws or prints.
///
/// The file also records each input's `Stamp` beside its digest, so a start need not read and hash
/// every file to compute the key: a file whose stamp is the recorded one has the recorded digest
/// (as git's index does). A stamp is only recorded when the file had not changed for
/// `settledNanoseconds` before it was read, so an edit within the file system's clock tick of the
/// read cannot hide behind an unchanged stamp; any later write changes the change time, which no
/// program can set back.
///
/// The library is stored in two parts: everything but the safety net, decoded on read, and the
/// safety net, decoded (and its digest checked) only when it is first used: it is most of the file
/// and no first question needs it. Should that part turn out damaged, the safety net comes from the
/// caller's fallback (a load from the files), never from the damaged bytes and never as none.
public struct ScriptCache: Sendable {
    /// The stored layout's number; bump it when the header or `CompactEncoder`'s format changes,
    /// or when a type stored in the library changes shape (the binary's version is keyed too).
    public static let formatVersion: UInt32 = 7
    static let magic: [UInt8] = Array("GWSC".utf8)
    /// Larger than any library the bundled scripts make (about 1 MB); a bigger file is not read.
    static let maximumSize = StoreLimits.maximumFileSize
    /// How long a file must have been unchanged when it was read for its stamp to vouch for its bytes.
    public static let settledNanoseconds: Int64 = 2_000_000_000

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

    /// One file that went into a load: where it was read and the SHA-256 of its bytes.
    public struct Input: Sendable, Hashable {
        public var path: String
        public var digest: [UInt8]

        public init(path: String, digest: [UInt8]) {
            self.path = path
            self.digest = digest
        }

        public init(path: String, bytes: [UInt8]) {
            self.init(path: path, digest: Array(Crypto.SHA256.hash(data: bytes)))
        }
    }

    /// What `stat` says of a file (following links): any write to it changes the change time.
    public struct Stamp: Sendable, Hashable, Codable {
        public var device: UInt64
        public var inode: UInt64
        public var size: Int64
        /// Modification and status-change times, nanoseconds since 1970.
        public var modified: Int64
        public var changed: Int64

        public init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
            self.device = device
            self.inode = inode
            self.size = size
            self.modified = modified
            self.changed = changed
        }

        /// The stamp of the file at `path`; nil when it cannot be inspected.
        public static func of(_ path: String) -> Stamp? {
            var st = stat()
            guard stat(path, &st) == 0 else { return nil }
            return Stamp(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                         modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                         changed: Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec))
        }

        /// True when the file had been unchanged for `ScriptCache.settledNanoseconds` at `now`.
        public func isSettled(at now: Int64) -> Bool {
            max(modified, changed) <= now - ScriptCache.settledNanoseconds
        }
    }

    /// An input as recorded in a cache file: its digest, and the stamp it had when read when that
    /// stamp can vouch for the digest (nil when the file was too freshly changed).
    public struct Record: Sendable, Hashable, Codable {
        public var path: String
        public var stamp: Stamp?
        public var digest: [UInt8]

        public init(path: String, stamp: Stamp?, digest: [UInt8]) {
            self.path = path
            self.stamp = stamp
            self.digest = digest
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
            add(input.digest)
        }
        return Array(hasher.finalize())
    }

    /// The path of the file for `request`.
    public func path(request: String) -> String {
        let digest = Crypto.SHA256.hash(data: Array(request.utf8))
        // Spelled by hand: String(_:radix:) is generic and slow to set up in a fresh process.
        let hex = Array("0123456789abcdef".utf8)
        let name = String(decoding: digest.prefix(8).flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] }, as: UTF8.self)
        return DataLocation.join(folder, "scripts-\(name).cache")
    }

    /// The file for `request` as read from disk, not yet trusted; nil when there is none or it is
    /// not one of ours.
    public func open(request: String) -> StoredFile? {
        guard let bytes = try? fileSystem.read(path(request: request)) else { return nil }
        return StoredFile(bytes)
    }

    /// The stored load for `request` when its key is `key`; nil for anything else. A damaged safety
    /// net part gives `fallback`'s net when it is first used.
    public func read(request: String, key: [UInt8], fallback: @escaping @Sendable () -> SafetyNet? = { nil }) -> Entry? {
        open(request: request)?.entry(key: key, fallback: fallback)
    }

    /// Stores `entry` for `request` under `key`, with the inputs' `records`; returns false (and
    /// changes nothing readable) when it cannot be encoded or written.
    @discardableResult
    public func write(_ entry: Entry, records: [Record] = [], request: String, key: [UInt8]) -> Bool {
        guard let bytes = try? ScriptCache.file(entry, records: records, key: key) else { return false }
        let durable = DurableFile(fileSystem: fileSystem)
        do throws(StoreError) {
            try durable.makeFolders(folder, mode: 0o700)
            try durable.write(bytes, to: path(request: request), mode: 0o600)
            return true
        } catch {
            return false
        }
    }

    /// Magic, format (4 bytes little-endian), key (32), then three parts, each its length (8 bytes
    /// little-endian), its SHA-256 and its bytes: the records, the library without its safety net
    /// and the errors, and the safety net.
    static func file(_ entry: Entry, records: [Record] = [], key: [UInt8]) throws -> [UInt8] {
        var rest = entry
        let net = rest.library.safetyNet
        rest.library.safetyNet = nil
        var bytes = magic
        bytes += withUnsafeBytes(of: formatVersion.littleEndian) { Array($0) }
        bytes += key
        for part in [try CompactEncoder().encode(records), try CompactEncoder().encode(rest), try CompactEncoder().encode(StoredNet(net: net))] {
            bytes += withUnsafeBytes(of: UInt64(part.count).littleEndian) { Array($0) }
            bytes += Array(Crypto.SHA256.hash(data: part))
            bytes += part
        }
        return bytes
    }

    static let headerSize = 4 + 4 + 32

    /// The stored load in `bytes` when its key is `key` (see `read(request:key:fallback:)`).
    static func entry(in bytes: [UInt8], key: [UInt8], fallback: @escaping @Sendable () -> SafetyNet? = { nil }) -> Entry? {
        StoredFile(bytes)?.entry(key: key, fallback: fallback)
    }

    /// The safety net part: a struct, so that no net is stored as a value too.
    struct StoredNet: Codable {
        var net: SafetyNet?
    }

    /// A cache file's bytes split into its parts, each checked only when it is used.
    public struct StoredFile: Sendable {
        let bytes: [UInt8]
        let key: ArraySlice<UInt8>
        /// The parts' byte ranges and stored digests, in file order.
        let parts: [(range: Range<Int>, digest: ArraySlice<UInt8>)]

        init?(_ bytes: [UInt8]) {
            guard bytes.count > ScriptCache.headerSize, bytes.count <= ScriptCache.maximumSize, Array(bytes[0..<4]) == ScriptCache.magic else { return nil }
            let format = bytes[4..<8].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard format == ScriptCache.formatVersion else { return nil }
            var position = ScriptCache.headerSize
            var parts: [(range: Range<Int>, digest: ArraySlice<UInt8>)] = []
            for _ in 0..<3 {
                guard bytes.count - position >= 40 else { return nil }
                let length = bytes[position..<(position + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                let start = position + 40
                guard length <= UInt64(bytes.count - start) else { return nil }
                parts.append((start..<(start + Int(length)), bytes[(position + 8)..<start]))
                position = start + Int(length)
            }
            guard position == bytes.count else { return nil }
            self.bytes = bytes
            self.key = bytes[8..<40]
            self.parts = parts
        }

        /// The records of the inputs, by path; empty when that part is damaged (every file is then
        /// read and hashed, and a damaged record can only give a key that does not match).
        public var records: [String: Record] {
            guard let list = try? decode([Record].self, part: 0) else { return [:] }
            return Dictionary(list.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        }

        /// The stored load when its key is `key`; nil for anything else. The safety net is decoded
        /// when first used, and `fallback` gives it should its part be damaged.
        public func entry(key expected: [UInt8], fallback: @escaping @Sendable () -> SafetyNet?) -> Entry? {
            guard expected.count == 32, Array(key) == expected, var entry = try? decode(Entry.self, part: 1) else { return nil }
            let file = self
            entry.library.deferSafetyNet {
                // A library stored without a net has none; a damaged part is not read as none.
                guard let stored = try? file.decode(StoredNet.self, part: 2) else { return fallback() }
                return stored.net
            }
            return entry
        }

        /// Part `index` decoded as `T`, after its digest is checked.
        func decode<T: Decodable>(_ type: T.Type, part index: Int) throws -> T {
            let (range, digest) = parts[index]
            guard Array(Crypto.SHA256.hash(data: bytes[range])) == Array(digest) else {
                throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "part \(index) is damaged"))
            }
            return try CompactDecoder().decode(T.self, from: bytes, in: range)
        }
    }
}
