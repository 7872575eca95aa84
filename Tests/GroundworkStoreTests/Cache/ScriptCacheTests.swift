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

    static func inputs() throws -> [ScriptCache.Input] {
        try (files("dialogues", ext: "yaml") + files("prompts", ext: "mustache")).map { ScriptCache.Input(path: $0.path, bytes: Array($0.text.utf8)) }
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
        for index in [0, inputs.count / 2, inputs.count - 1] {
            var changed = inputs
            changed[index].bytes[changed[index].bytes.count / 2] ^= 0x20
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

    /// Every single byte changed, and every length cut short, reads as no cache (never a trap).
    @Test func aDamagedFileReadsAsNoCache() throws {
        let (library, errors) = try Bundled.library()
        let key = Array(repeating: UInt8(3), count: 32)
        let bytes = try ScriptCache.file(ScriptCache.Entry(library: library, errors: errors), key: key)
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var damaged = bytes
            damaged[Int.random(in: 0..<damaged.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            #expect(ScriptCache.entry(in: damaged, key: key) == nil)
        }
        for cut in [0, 3, 8, 40, 71, 72, 73, bytes.count / 2, bytes.count - 1] {
            #expect(ScriptCache.entry(in: Array(bytes.prefix(cut)), key: key) == nil)
        }
        #expect(ScriptCache.entry(in: bytes + [0], key: key) == nil)
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
