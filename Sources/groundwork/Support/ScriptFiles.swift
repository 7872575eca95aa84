import Foundation
import GroundworkCore
import GroundworkStore
import GroundworkTerminal

/// Reads script and template files from disk and hands them to `ScriptLibrary.load` (Core reads no disk).
enum ScriptFiles {
    /// Scripts under `paths` (files or folders, searched recursively, sorted by path): every `.yaml`
    /// file, that is flows, rule sets and the task classifier (`kind: task-classifier`).
    static func scripts(in paths: [String]) throws -> [SourceFile] {
        try files(in: paths, ext: "yaml").map { path in SourceFile(path: path, text: try read(path)) }
    }

    /// `.mustache` templates under `folder`, named by their path without extension (`career/summary`).
    static func prompts(in folder: String) throws -> [(name: String, file: SourceFile)] {
        try files(in: [folder], ext: "mustache").map { path in (promptName(path, in: folder), SourceFile(path: path, text: try read(path))) }
    }

    /// A template's name: its path under `folder` without the extension.
    private static func promptName(_ path: String, in folder: String) -> String {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        var name = path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
        name.removeLast(".mustache".count)
        return name
    }

    /// `*.transcript` files under `paths`, sorted.
    static func transcripts(in paths: [String]) throws -> [SourceFile] {
        try files(in: paths, ext: "transcript").map { SourceFile(path: $0, text: try read($0)) }
    }

    /// Loads scripts and prompts. Core registers only flows and rule sets whose files are clean, so
    /// a script with errors never runs; callers report the diagnostics when what they need is missing.
    /// `deferringClassifier` parses the task classifier's rules only when a flow first classifies a
    /// task (they are most of the bundled scripts and no first question needs them); lint and the
    /// transcript tests load them eagerly so their problems are reported.
    /// `only` loads just what running that flow needs (see `ScriptLibrary.load(scripts:prompts:only:)`):
    /// the other flows, rule sets and templates are read from disk but not parsed.
    ///
    /// What a load makes is kept in the script cache (`ScriptCache`), keyed by every file's path and
    /// content digest, and taken from there while none of them changed; `GROUNDWORK_NO_CACHE=1`
    /// always loads from the files. A file whose stamp (`ScriptCache.Stamp`) is the one the cache
    /// recorded beside its digest is not read again: the digest is the recorded one.
    static func loadLibrary(scripts folders: [String], prompts promptFolder: String?,
                            deferringClassifier: Bool = false, only flowID: String? = nil) throws -> LoadedLibrary {
        let scriptPaths = try files(in: folders, ext: "yaml")
        let promptPaths = try promptFolder.map { try files(in: [$0], ext: "mustache") } ?? []
        let paths = scriptPaths + promptPaths
        @Sendable func load(_ contents: [String: [UInt8]]) throws -> LoadedLibrary {
            let texts = try paths.map { path in SourceFile(path: path, text: try text(try contents[path] ?? bytes(path), path: path)) }
            let sources = Array(texts[..<scriptPaths.count])
            let templates = promptFolder.map { folder in texts[scriptPaths.count...].map { (promptName($0.path, in: folder), $0) } } ?? []
            let (library, diagnostics) = if let flowID {
                ScriptLibrary.load(scripts: sources, prompts: templates, only: flowID, deferringClassifier: deferringClassifier)
            } else {
                ScriptLibrary.load(scripts: sources, prompts: templates, deferringClassifier: deferringClassifier)
            }
            return LoadedLibrary(library: library, errors: diagnostics.filter { $0.severity == .error })
        }
        guard let cacheFolder = ScriptCache.folder(environment: ProcessInfo.processInfo.environment) else {
            let loaded = try load([:])
            kept.hold(loaded.library)
            return loaded
        }
        let cache = ScriptCache(folder: cacheFolder)

        // Which load this is names the cache file; the key (every file's path and digest) decides
        // whether it can be used. The working folder is in the name because the paths are relative.
        let request = ([FileManager.default.currentDirectoryPath] + folders + [promptFolder ?? "", flowID ?? "", deferringClassifier ? "deferred" : "eager"])
            .joined(separator: "\u{0}")
        let stored = cache.open(request: request)
        let recorded = stored?.records ?? [:]
        var contents: [String: [UInt8]] = [:]
        var records: [ScriptCache.Record] = []
        records.reserveCapacity(paths.count)
        for path in paths {
            let stamp = ScriptCache.Stamp.of(path)
            if let stamp, let record = recorded[path], record.stamp == stamp {
                records.append(record)
                continue
            }
            // Stamped before it is read: a write after the stamp gives another stamp next time.
            let now = realTime()
            let data = try bytes(path)
            contents[path] = data
            records.append(ScriptCache.Record(path: path, stamp: stamp.flatMap { $0.isSettled(at: now) ? $0 : nil },
                                              digest: ScriptCache.Input(path: path, bytes: data).digest))
        }
        // The running binary's identity is keyed too: builds of one version may store the library
        // differently, and a stale cache must never decode into it.
        let key = ScriptCache.key(request: request + "\u{0}" + binaryIdentity, inputs: records.map { ScriptCache.Input(path: $0.path, digest: $0.digest) })
        let write: @Sendable (LoadedLibrary) -> Void = { [records] loaded in
            _ = cache.write(ScriptCache.Entry(library: loaded.library, errors: loaded.errors), records: records, request: request, key: key)
        }
        // Should the stored safety net turn out damaged when first used, it is loaded from the
        // files (and the cache written again), never taken as none.
        let reload: @Sendable () -> SafetyNet? = {
            guard let loaded = try? load([:]) else { return nil }
            write(loaded)
            return loaded.library.safetyNet
        }
        if let entry = stored?.entry(key: key, fallback: reload) {
            kept.hold(entry.library)
            return LoadedLibrary(library: entry.library, errors: entry.errors)
        }
        let loaded = try load(contents)
        write(loaded)
        kept.hold(loaded.library)
        return loaded
    }

    /// The last library loaded, held until the process ends: freeing its many small
    /// objects one by one when the command returned was about a tenth of a cold start, for memory
    /// the system takes back at exit anyway. Only the last is held, so a process that loads again
    /// frees the one before.
    private static let kept = KeptLibrary()

    private final class KeptLibrary: @unchecked Sendable {
        private let lock = NSLock()
        private var library: ScriptLibrary?

        func hold(_ library: ScriptLibrary) {
            lock.lock()
            defer { lock.unlock() }
            self.library = library
        }
    }

    /// The wall clock in nanoseconds since 1970 (file times are on it).
    private static func realTime() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// The running executable's stamp ("" when it cannot be inspected).
    private static var binaryIdentity: String {
        #if os(Linux)
        let path = "/proc/self/exe"
        #else
        guard let path = Bundle.main.executablePath else { return "" }
        #endif
        guard let stamp = ScriptCache.Stamp.of(path) else { return "" }
        return "\(stamp.device) \(stamp.inode) \(stamp.size) \(stamp.modified) \(stamp.changed)"
    }

    /// The files ending in `.ext` under `paths` (folders searched recursively, symbolic links to
    /// folders not followed), sorted. Read with `readdir` rather than `FileManager`'s enumerator,
    /// which inspected every entry and was a noticeable part of a start.
    static func files(in paths: [String], ext: String) throws -> [String] {
        var found: [String] = []
        for path in paths {
            if ResourcePaths.isDirectory(path) {
                walk(path, suffix: "." + ext, into: &found)
            } else if FileManager.default.fileExists(atPath: path) {
                if path.hasSuffix("." + ext) { found.append(path) }
            } else {
                throw AppError("no file or folder '\(path)'; check the path", status: .usage)
            }
        }
        return found.sorted()
    }

    private static func walk(_ folder: String, suffix: String, into found: inout [String]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            let path = join(folder, name)
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                var st = stat()
                isFolder = lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder {
                walk(path, suffix: suffix, into: &found)
            } else if name.hasSuffix(suffix) {
                found.append(path)
            }
        }
    }

    private static func join(_ folder: String, _ relative: String) -> String {
        folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
    }

    private static func read(_ path: String) throws -> String {
        try text(try bytes(path), path: path)
    }

    private static func bytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AppError("cannot read '\(path)'; check that it exists and is readable")
        }
        return Array(data)
    }

    private static func text(_ bytes: [UInt8], path: String) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw AppError("'\(path)' is not UTF-8 text; save it as UTF-8")
        }
        return text
    }
}

/// Writes one line to stderr, sanitised: messages name files and quote input, which may hold
/// escape sequences.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((TextSanitizer.clean(line) + "\n").utf8))
}

/// A library and the errors that kept scripts out of it.
struct LoadedLibrary {
    var library: ScriptLibrary
    var errors: [Diagnostic]

    /// Fails with the script errors when `thing` is missing because of them, else with `missing`.
    func require<T>(_ value: T?, thing: String, missing: String) throws -> T {
        if let value { return value }
        guard errors.isEmpty else { throw scriptErrors(thing) }
        throw AppError(missing)
    }

    /// Prints every error and returns the one-line failure for `thing`.
    func scriptErrors(_ thing: String) -> AppError {
        for error in errors { printError(error.description) }
        return AppError("\(thing) is missing or has errors (\(errors.count) listed above); fix them and try again")
    }

    /// A one-line warning on stderr that some scripts were left out.
    func warnIfIncomplete() {
        guard !errors.isEmpty else { return }
        printError("groundwork: \(errors.count) script error\(errors.count == 1 ? "" : "s") left some flows out; 'groundwork lint' lists them")
    }
}
