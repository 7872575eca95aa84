import Foundation
import Testing
import GroundworkTestSupport

/// The script cache as a person meets it: the same answers with it, without it, and with a cache
/// that is stale, damaged or cannot be written; never a word about it on the screen.
@Suite
struct ScriptCacheEndToEndTests {
    /// A copy of the bundled rule sets and prompts, and a cache folder, in a fresh temp folder.
    struct Setup {
        let root: String
        var dialogues: String { root + "/dialogues" }
        var listening: String { dialogues + "/rules/listening.yaml" }
        var cacheHome: String { root + "/cache" }
        var cacheFolder: String { cacheHome + "/groundwork" }

        init() throws {
            root = try Groundwork.makeDataDir()
            let fm = FileManager.default
            try fm.createDirectory(atPath: root + "/dialogues", withIntermediateDirectories: true)
            try fm.copyItem(atPath: Groundwork.root.appendingPathComponent("dialogues/rules").path, toPath: root + "/dialogues/rules")
            try fm.copyItem(atPath: Groundwork.root.appendingPathComponent("prompts").path, toPath: root + "/prompts")
        }

        func journal(_ line: String, cacheHome: String? = nil, noCache: Bool = false) throws -> Groundwork.Result {
            var environment = ["XDG_CACHE_HOME": cacheHome ?? self.cacheHome]
            if noCache { environment["GROUNDWORK_NO_CACHE"] = "1" }
            return try Groundwork.run(["journal", "--no-save", "--dialogues", dialogues, "--prompts", root + "/prompts", "--seed", "7"],
                                      input: line + "\n", environment: environment)
        }

        var cacheFiles: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cacheFolder)) ?? []).filter { $0.hasSuffix(".cache") }.map { cacheFolder + "/" + $0 }
        }

        /// The cache file's inode: a rebuilt cache is a new file renamed over the old one.
        func inode(_ path: String) -> UInt64? {
            var st = stat()
            return stat(path, &st) == 0 ? UInt64(st.st_ino) : nil
        }
    }

    let line = "i keep thinking about my job and whether i will be replaced"

    @Test func aFreshCacheIsUsedAndAnsweredAlike() throws {
        let setup = try Setup()
        let uncached = try setup.journal(line, noCache: true)
        #expect(uncached.status == 0, "stderr: \(uncached.stderr)")
        #expect(setup.cacheFiles.isEmpty, "GROUNDWORK_NO_CACHE=1 writes no cache")

        let first = try setup.journal(line)
        let file = try #require(setup.cacheFiles.first)
        #expect(setup.cacheFiles.count == 1)
        let written = setup.inode(file)
        let second = try setup.journal(line)
        #expect(setup.inode(file) == written, "a fresh cache is read, not written again")
        for result in [first, second] {
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty)
            #expect(result.stdout == uncached.stdout)
        }
    }

    @Test func aChangedScriptIsLoadedAgain() throws {
        let setup = try Setup()
        let before = try setup.journal(line)
        let file = try #require(setup.cacheFiles.first)
        let written = setup.inode(file)
        // An error in the rule set must be reported at once, not hidden behind the cached library.
        let original = try String(contentsOfFile: setup.listening, encoding: .utf8)
        try (original + "\nkeywords: [unclosed\n").write(toFile: setup.listening, atomically: true, encoding: .utf8)
        let broken = try setup.journal(line)
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("listening"))
        try original.write(toFile: setup.listening, atomically: true, encoding: .utf8)
        let again = try setup.journal(line)
        #expect(again.stdout == before.stdout)
        #expect(setup.inode(file) != written, "rebuilt for the restored file")
    }

    @Test(arguments: ["damaged", "truncated", "empty", "a folder"])
    func aDamagedCacheIsIgnoredAndRebuilt(damage: String) throws {
        let setup = try Setup()
        let before = try setup.journal(line)
        let file = try #require(setup.cacheFiles.first)
        switch damage {
        case "damaged":
            var bytes = try #require(FileManager.default.contents(atPath: file))
            for offset in stride(from: 80, to: bytes.count, by: 997) { bytes[offset] ^= 0x5a }
            try bytes.write(to: URL(fileURLWithPath: file))
        case "truncated":
            let bytes = try #require(FileManager.default.contents(atPath: file))
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: file))
        case "empty":
            try Data().write(to: URL(fileURLWithPath: file))
        default:
            try FileManager.default.removeItem(atPath: file)
            try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: false)
        }
        let after = try setup.journal(line)
        #expect(after.status == 0)
        #expect(after.stderr.isEmpty)
        #expect(after.stdout == before.stdout)
    }

    /// The safety net's part is read only when a line is screened; damaged, the net is loaded from
    /// the files (and the cache written again), so a line at risk still gets the crisis message.
    @Test func aDamagedSafetyNetPartStillScreensTheLine() throws {
        let setup = try Setup()
        let risky = "i dont see the point anymore i want to end my life"
        let reference = try setup.journal(risky, noCache: true)
        _ = try setup.journal(risky)
        let file = try #require(setup.cacheFiles.first)
        let written = setup.inode(file)
        // The safety net is the last part and most of the file: damage its last bytes.
        var bytes = try #require(FileManager.default.contents(atPath: file))
        for offset in (bytes.count - 64)..<bytes.count { bytes[offset] ^= 0x5a }
        try bytes.write(to: URL(fileURLWithPath: file))
        let damaged = try setup.journal(risky)
        #expect(damaged.status == reference.status)
        #expect(damaged.stderr == reference.stderr)
        #expect(damaged.stdout == reference.stdout)
        #expect(setup.inode(file) != written, "written again from the files")
        let again = try setup.journal(risky)
        #expect(again.stdout == reference.stdout)
    }

    /// A script left alone for a while is known by its stamp: touched with its bytes unchanged, it
    /// keeps the cache; changed in place at the same size with its modification time put back, it
    /// is still seen (the change time moved on) and the cache is rebuilt.
    @Test func aStampStandsForTheBytesOnlyWhileTheFileIsUntouched() throws {
        let setup = try Setup()
        // Older than ScriptCache.settledNanoseconds, so the cache records the files' stamps.
        Thread.sleep(forTimeInterval: 2.2)
        let before = try setup.journal(line)
        let file = try #require(setup.cacheFiles.first)
        let written = setup.inode(file)
        #expect(try setup.journal(line).stdout == before.stdout)
        #expect(setup.inode(file) == written)

        // No times given: both set to now (touch).
        #expect(utimensat(AT_FDCWD, setup.listening, nil, 0) == 0)
        #expect(try setup.journal(line).stdout == before.stdout)
        #expect(setup.inode(file) == written, "the same bytes under a new stamp are the same key")

        var st = stat()
        #expect(stat(setup.listening, &st) == 0)
        var original = [st.st_atim, st.st_mtim]
        var text = try #require(FileManager.default.contents(atPath: setup.listening))
        // A reply word changed for another of the same length: a valid rule set, another key.
        let from = Array("is a heavy thought".utf8), to = Array("is a hefty thought".utf8)
        let at = try #require(text.indices.first { text[$0...].starts(with: from) })
        text.replaceSubrange(at..<(at + from.count), with: to)
        let handle = try #require(FileHandle(forWritingAtPath: setup.listening))
        try handle.write(contentsOf: text)
        try handle.close()
        #expect(utimensat(AT_FDCWD, setup.listening, &original, 0) == 0)
        let edited = try setup.journal(line)
        let reference = try setup.journal(line, noCache: true)
        #expect(edited.stdout == reference.stdout)
        #expect(edited.stdout != before.stdout, "the edited reply is the one given")
        #expect(setup.inode(file) != written, "rebuilt for the edited file")
    }

    @Test func anUnwritableCacheFolderOnlyMakesItSlower() throws {
        let setup = try Setup()
        let blocked = setup.root + "/not-a-folder"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocked))
        let reference = try setup.journal(line, noCache: true)
        let result = try setup.journal(line, cacheHome: blocked)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == reference.stdout)
    }

    @Test func twoProcessesBuildingAtOnceLeaveOneGoodCache() throws {
        let setup = try Setup()
        let reference = try setup.journal(line, noCache: true)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            results.append(try? setup.journal(line))
        }
        #expect(results.all.count == 2)
        for result in results.all { #expect(result.stdout == reference.stdout) }
        #expect(setup.cacheFiles.count == 1)
        let later = try setup.journal(line)
        #expect(later.stdout == reference.stdout)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: setup.cacheFolder).filter { !$0.hasSuffix(".cache") }
        #expect(leftovers.isEmpty)
    }

    /// Results gathered from concurrent runs.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Groundwork.Result] = []

        func append(_ result: Groundwork.Result?) {
            guard let result else { return }
            lock.lock()
            results.append(result)
            lock.unlock()
        }

        var all: [Groundwork.Result] {
            lock.lock()
            defer { lock.unlock() }
            return results
        }
    }
}
