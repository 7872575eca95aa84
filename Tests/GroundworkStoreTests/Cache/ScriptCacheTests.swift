import Foundation
import GroundworkCore
import Testing
import GroundworkTestSupport
@testable import GroundworkStore

/// The bundled scripts, read as the executable reads them (paths relative to the repository).
private enum Bundled {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func files(_ folder: String, ext: String) throws -> [SourceFile] {
        let base = root + "/" + folder
        let relative = try FileManager.default.subpathsOfDirectory(atPath: base).filter { $0.hasSuffix("." + ext) }.sorted()
        return try relative.map { name in
            SourceFile(path: folder + "/" + name, text: try String(contentsOfFile: base + "/" + name, encoding: .utf8))
        }
    }

    static func prompts() throws -> [(name: String, file: SourceFile)] {
        try files("prompts", ext: "mustache").map { file in
            (String(file.path.dropFirst("prompts/".count).dropLast(".mustache".count)), file)
        }
    }

    /// Everything, the classifier deferred, as `start` and `home` load it.
    static func library() throws -> (ScriptLibrary, [Diagnostic]) {
        let (library, diagnostics) = ScriptLibrary.load(scripts: try files("dialogues", ext: "yaml"), prompts: try prompts(), deferringClassifier: true)
        return (library, diagnostics.filter { $0.severity == .error })
    }

    /// Every input file's path and bytes.
    static func contents() throws -> [(path: String, bytes: [UInt8])] {
        try (files("dialogues", ext: "yaml") + files("prompts", ext: "mustache")).map { ($0.path, Array($0.text.utf8)) }
    }

    static func inputs() throws -> [ScriptCache.Input] {
        try contents().map { ScriptCache.Input(path: $0.path, bytes: $0.bytes) }
    }
}

@Suite struct ScriptCacheTests {
    let request = "test request"

    @Test func aLibraryReadBackPlaysEveryBundledTranscriptAsTheOneItWasMadeFrom() throws {
        let (library, errors) = try Bundled.library()
        #expect(errors.isEmpty)
        // Decoded straight from the payload first, so a failure says where.
        _ = try CompactDecoder().decode(ScriptCache.Entry.self, from: try CompactEncoder().encode(ScriptCache.Entry(library: library, errors: errors)))
        let bytes = try ScriptCache.file(ScriptCache.Entry(library: library, errors: errors), key: ScriptCache.key(request: request, inputs: []))
        let entry = ScriptCache.entry(in: bytes, key: ScriptCache.key(request: request, inputs: []))
        try #require(entry != nil)
        guard let entry else { return }
        #expect(entry.library.flows.keys.sorted() == library.flows.keys.sorted())
        #expect(entry.library.ruleSets.keys.sorted() == library.ruleSets.keys.sorted())
        #expect(entry.library.prompts.templates.keys.sorted() == library.prompts.templates.keys.sorted())
        #expect(entry.library.groupExercises.keys.sorted() == library.groupExercises.keys.sorted())
        let transcripts = try Bundled.files("dialogues", ext: "transcript").filter { !$0.path.hasPrefix("dialogues/group/") }
        #expect(transcripts.count >= 10)
        let byPath = Dictionary(transcripts.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for transcript in transcripts {
            // A repeat transcript's `previous:` names a file beside it.
            let earlier: (String) -> SourceFile? = { byPath["dialogues/" + $0] }
            let fresh = TranscriptRunner.run(file: transcript, library: library, earlier: earlier)
            let cached = TranscriptRunner.run(file: transcript, library: entry.library, earlier: earlier)
            #expect(fresh.passed, "\(transcript.path): \(fresh.diff)")
            #expect(cached == fresh, "\(transcript.path): \(cached.diff)")
        }
    }

    @Test func theSafetyNetReadBackAssessesEveryLabelledLineAlike() throws {
        let (library, _) = try Bundled.library()
        let net = try #require(library.safetyNet)
        let entry = try #require(ScriptCache.entry(in: try ScriptCache.file(ScriptCache.Entry(library: library, errors: []), key: Array(repeating: 7, count: 32)),
                                                   key: Array(repeating: 7, count: 32)))
        let cached = try #require(entry.library.safetyNet)
        let corpus = try String(contentsOfFile: Bundled.root + "/Tests/Corpora/safety/tuning.tsv", encoding: .utf8)
        let lines = corpus.split(separator: "\n").compactMap { $0.split(separator: "\t").last.map(String.init) }
        #expect(lines.count > 100)
        for line in lines { #expect(cached.assess(line) == net.assess(line), "\(line)") }
        let listening = try #require(library.ruleSets["listening"])
        let cachedListening = try #require(entry.library.ruleSets["listening"])
        for line in lines.prefix(300) {
            var a = ListenerMemory(), b = ListenerMemory()
            #expect(cachedListening.respond(to: line, memory: &b) == listening.respond(to: line, memory: &a))
        }
    }

    @Test func aFreshCacheIsReadAndAChangedFileOrVersionIsNot() throws {
        let folder = try TemporaryFolder()
        let cache = ScriptCache(folder: folder.path + "/cache/groundwork")
        let (library, errors) = try Bundled.library()
        let inputs = try Bundled.inputs()
        let key = ScriptCache.key(request: request, inputs: inputs)
        #expect(cache.read(request: request, key: key) == nil)
        #expect(cache.write(ScriptCache.Entry(library: library, errors: errors), request: request, key: key))
        #expect(cache.read(request: request, key: key)?.library.flows.count == library.flows.count)
        #expect(folder.mode(of: cache.folder) == 0o700)
        #expect(folder.mode(of: cache.path(request: request)) == 0o600)

        // One byte of one file, a file renamed, one file more or less: each is another key.
        let contents = try Bundled.contents()
        for index in [0, inputs.count / 2, inputs.count - 1] {
            var bytes = contents[index].bytes
            bytes[bytes.count / 2] ^= 0x20
            var changed = inputs
            changed[index] = ScriptCache.Input(path: contents[index].path, bytes: bytes)
            #expect(cache.read(request: request, key: ScriptCache.key(request: request, inputs: changed)) == nil)
        }
        var renamed = inputs
        renamed[0].path += "x"
        #expect(cache.read(request: request, key: ScriptCache.key(request: request, inputs: renamed)) == nil)
        #expect(cache.read(request: request, key: ScriptCache.key(request: request, inputs: Array(inputs.dropLast()))) == nil)
        #expect(cache.read(request: "another load", key: key) == nil)
    }

    @Test func anotherFormatNumberIsNotRead() throws {
        let key = Array(repeating: UInt8(1), count: 32)
        var bytes = try ScriptCache.file(ScriptCache.Entry(library: ScriptLibrary(), errors: []), key: key)
        #expect(ScriptCache.entry(in: bytes, key: key) != nil)
        bytes[4] &+= 1
        #expect(ScriptCache.entry(in: bytes, key: key) == nil)
    }

    /// Any single byte changed, and any length cut short, reads as no cache (never a trap), except
    /// in the safety net's part, which is checked when the net is first used: the net then comes
    /// from the fallback, never from the damaged bytes.
    @Test func aDamagedFileReadsAsNoCache() throws {
        let (library, errors) = try Bundled.library()
        let net = try #require(library.safetyNet)
        let key = Array(repeating: UInt8(3), count: 32)
        let bytes = try ScriptCache.file(ScriptCache.Entry(library: library, errors: errors), key: key)
        let netPart = try #require(ScriptCache.StoredFile(bytes)).parts[2].range
        // Its digest is checked with it; its length, before it, is read at once.
        let deferred = (netPart.lowerBound - 32)..<bytes.count
        var random = SystemRandomNumberGenerator()
        var fellBack = 0
        for trial in 0..<200 {
            var damaged = bytes
            // Half the trials in the safety net's bytes, which are most of the file anyway.
            let offset = trial.isMultiple(of: 2) ? Int.random(in: deferred, using: &random) : Int.random(in: 0..<deferred.lowerBound, using: &random)
            damaged[offset] ^= UInt8.random(in: 1...255, using: &random)
            let calls = Counter()
            let entry = ScriptCache.entry(in: damaged, key: key, fallback: { calls.add(); return net })
            guard let entry else {
                #expect(!deferred.contains(offset), "byte \(offset) of the safety net's part was checked before it was needed")
                continue
            }
            #expect(deferred.contains(offset), "byte \(offset) damaged, yet the file was read")
            #expect(calls.value == 0, "the safety net is not read before it is used")
            #expect(entry.library.safetyNetIsDeferred)
            let read = try #require(entry.library.safetyNet)
            #expect(calls.value == 1, "damage at byte \(offset) is found when the net is used")
            #expect(read.assess("i want to end my life") == net.assess("i want to end my life"))
            fellBack += 1
        }
        #expect(fellBack == 100)
        for cut in [0, 3, 8, 40, 47, 48, 79, 80, 81, bytes.count / 2, bytes.count - 1] {
            #expect(ScriptCache.entry(in: Array(bytes.prefix(cut)), key: key) == nil)
        }
        #expect(ScriptCache.entry(in: bytes + [0], key: key) == nil)
        // Undamaged, the net is the stored one and the fallback is never called.
        let calls = Counter()
        let read = ScriptCache.entry(in: bytes, key: key, fallback: { calls.add(); return nil })
        let entry = try #require(read)
        #expect(entry.library.safetyNet?.assess("i want to end my life") == net.assess("i want to end my life"))
        #expect(calls.value == 0)
    }

    /// Bytes are stored packed; a packed integer too large for a byte is a decoding error.
    @Test(arguments: [[UInt8](), [0], [255, 0, 7], Array(repeating: 200, count: 40)])
    func aByteListReadsBack(bytes: [UInt8]) throws {
        #expect(try CompactDecoder().decode([UInt8].self, from: try CompactEncoder().encode(bytes)) == bytes)
        #expect(throws: DecodingError.self) { try CompactDecoder().decode([UInt8].self, from: try CompactEncoder().encode(bytes.map(Int.init) + [256])) }
    }

    /// A value read from a range of a larger buffer, as the cache reads its parts.
    @Test func aValueReadsBackFromTheMiddleOfABuffer() throws {
        let value = ["a": [1, 2, 3], "b": []]
        let encoded = try CompactEncoder().encode(value)
        let buffer = [9, 9, 9] + encoded + [9]
        #expect(try CompactDecoder().decode([String: [Int]].self, from: buffer, in: 3..<(3 + encoded.count)) == value)
        #expect(throws: DecodingError.self) { try CompactDecoder().decode([String: [Int]].self, from: buffer, in: 3..<(2 + encoded.count)) }
    }

    /// A library stored without a safety net reads back without one, and does not fall back.
    @Test func noSafetyNetStoredIsNoSafetyNetRead() throws {
        let key = Array(repeating: UInt8(4), count: 32)
        let calls = Counter()
        let bytes = try ScriptCache.file(ScriptCache.Entry(library: ScriptLibrary(), errors: []), key: key)
        let read = ScriptCache.entry(in: bytes, key: key, fallback: { calls.add(); return nil })
        let entry = try #require(read)
        #expect(entry.library.safetyNet == nil)
        #expect(calls.value == 0)
    }

    /// The records written with a library come back by path, with their stamps and digests.
    @Test func theRecordsComeBackByPath() throws {
        let stamp = ScriptCache.Stamp(device: 1, inode: 2, size: 3, modified: 4, changed: 5)
        let records = [ScriptCache.Record(path: "a.yaml", stamp: stamp, digest: Array(repeating: 9, count: 32)),
                       ScriptCache.Record(path: "b.mustache", stamp: nil, digest: Array(repeating: 8, count: 32))]
        let key = Array(repeating: UInt8(5), count: 32)
        let file = try #require(ScriptCache.StoredFile(try ScriptCache.file(ScriptCache.Entry(library: ScriptLibrary(), errors: []), records: records, key: key)))
        #expect(file.records == ["a.yaml": records[0], "b.mustache": records[1]])
    }

    /// A stamp vouches for a file only once it has been left alone for a while; any write, even
    /// one that keeps the size and sets the modification time back, gives another stamp.
    @Test func aStampChangesWithEveryWriteAndSettles() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/a.yaml"
        try Data("id: a\n".utf8).write(to: URL(fileURLWithPath: path))
        let first = try #require(ScriptCache.Stamp.of(path))
        #expect(!first.isSettled(at: max(first.modified, first.changed)))
        #expect(first.isSettled(at: max(first.modified, first.changed) + ScriptCache.settledNanoseconds))
        #expect(ScriptCache.Stamp.of(path) == first)
        usleep(20_000)
        try Data("id: b\n".utf8).write(to: URL(fileURLWithPath: path))
        // The modification time put back as it was: the change time still moves on.
        var times = [timespec(tv_sec: Int(first.modified / 1_000_000_000), tv_nsec: Int(first.modified % 1_000_000_000)),
                     timespec(tv_sec: Int(first.modified / 1_000_000_000), tv_nsec: Int(first.modified % 1_000_000_000))]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        let second = try #require(ScriptCache.Stamp.of(path))
        #expect(second.modified == first.modified)
        #expect(second.size == first.size)
        #expect(second != first)
        #expect(ScriptCache.Stamp.of(folder.path + "/missing.yaml") == nil)
    }

    /// Past the digest: payloads that decode wrongly throw rather than trap.
    @Test(arguments: [[UInt8](), [0], [1, 0], [0, 9, 200], [0, 8, 5, 1, 2, 3], [0, 10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]])
    func aDamagedPayloadThrows(payload: [UInt8]) {
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(ScriptCache.Entry.self, from: payload) }
    }

    @Test func anUnwritableFolderOnlyMeansNoCache() throws {
        let folder = try TemporaryFolder()
        let blocked = folder.path + "/blocked"
        try Data().write(to: URL(fileURLWithPath: blocked)) // a file where the folder would be
        let cache = ScriptCache(folder: blocked + "/groundwork")
        let entry = ScriptCache.Entry(library: ScriptLibrary(), errors: [])
        #expect(!cache.write(entry, request: request, key: Array(repeating: 0, count: 32)))
        #expect(cache.read(request: request, key: Array(repeating: 0, count: 32)) == nil)

        let readOnly = folder.path + "/read-only"
        #expect(mkdir(readOnly, 0o500) == 0)
        #expect(!ScriptCache(folder: readOnly).write(entry, request: request, key: Array(repeating: 0, count: 32)) || getuid() == 0)
    }

    @Test func twoWritersAtOnceLeaveOneWholeFile() async throws {
        let folder = try TemporaryFolder()
        let cache = ScriptCache(folder: folder.path + "/groundwork")
        let (library, errors) = try Bundled.library()
        let key = ScriptCache.key(request: request, inputs: try Bundled.inputs())
        let entry = ScriptCache.Entry(library: library, errors: errors)
        let request = self.request
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 { group.addTask { cache.write(entry, request: request, key: key) } }
            for await written in group { #expect(written) }
        }
        #expect(cache.read(request: request, key: key)?.library.flows.count == library.flows.count)
        let left = try FileManager.default.contentsOfDirectory(atPath: cache.folder)
        #expect(left == [URL(fileURLWithPath: cache.path(request: request)).lastPathComponent])
    }

    @Test(arguments: [
        (["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/a"], "/x/cache/groundwork"),
        (["HOME": "/home/a"], "/home/a/.cache/groundwork"),
        (["XDG_CACHE_HOME": "relative", "HOME": "/home/a"], "/home/a/.cache/groundwork"),
        (["XDG_CACHE_HOME": "/x", "GROUNDWORK_NO_CACHE": "1"], nil),
        (["XDG_CACHE_HOME": "/x", "GROUNDWORK_NO_CACHE": "0"], "/x/groundwork"),
        ([:], nil),
    ] as [([String: String], String?)])
    func theFolderFollowsTheEnvironment(environment: [String: String], expected: String?) {
        #expect(ScriptCache.folder(environment: environment) == expected)
    }
}

/// Counts calls from a `@Sendable` closure.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func add() {
        lock.lock()
        defer { lock.unlock() }
        count += 1
    }
}
