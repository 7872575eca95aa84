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
    /// What a load makes is kept in the script cache (`ScriptCache`), keyed by every file read, and
    /// taken from there while none of them changed; `GROUNDWORK_NO_CACHE=1` always loads from the files.
    static func loadLibrary(scripts scriptPaths: [String], prompts promptFolder: String?,
                            deferringClassifier: Bool = false, only flowID: String? = nil) throws -> LoadedLibrary {
        let folders = scriptPaths
        let scriptPaths = try files(in: folders, ext: "yaml")
        let promptPaths = try promptFolder.map { try files(in: [$0], ext: "mustache") } ?? []
        let contents = try (scriptPaths + promptPaths).map { path in (path, try bytes(path)) }
        let environment = ProcessInfo.processInfo.environment
        let cache = ScriptCache.folder(environment: environment).map { ScriptCache(folder: $0) }
        // Which load this is names the cache file; the key (every file's path and bytes) decides
        // whether it can be used. The working folder is in the name because the paths are relative.
        let request = ([FileManager.default.currentDirectoryPath] + folders + [promptFolder ?? "", flowID ?? "", deferringClassifier ? "deferred" : "eager"])
            .joined(separator: "\u{0}")
        // The running binary's size and modification time are keyed too: builds of one version
        // may store the library differently, and a stale cache must never decode into it.
        let key = cache.map { _ in
            ScriptCache.key(request: request + "\u{0}" + binaryIdentity, inputs: contents.map { ScriptCache.Input(path: $0.0, bytes: Array($0.1)) })
        }
        if let cache, let key, let entry = cache.read(request: request, key: key) {
            return LoadedLibrary(library: entry.library, errors: entry.errors)
        }

        let texts = try contents.map { path, data in SourceFile(path: path, text: try text(data, path: path)) }
        let sources = Array(texts[..<scriptPaths.count])
        let templates = promptFolder.map { folder in texts[scriptPaths.count...].map { (promptName($0.path, in: folder), $0) } } ?? []
        let (library, diagnostics) = if let flowID {
            ScriptLibrary.load(scripts: sources, prompts: templates, only: flowID, deferringClassifier: deferringClassifier)
        } else {
            ScriptLibrary.load(scripts: sources, prompts: templates, deferringClassifier: deferringClassifier)
        }
        let loaded = LoadedLibrary(library: library, errors: diagnostics.filter { $0.severity == .error })
        if let cache, let key {
            cache.write(ScriptCache.Entry(library: loaded.library, errors: loaded.errors), request: request, key: key)
        }
        return loaded
    }

    /// The running executable's path, size and modification time ("" when they cannot be read).
    private static var binaryIdentity: String {
        guard let path = Bundle.main.executablePath,
              let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(modified)"
    }

    static func files(in paths: [String], ext: String) throws -> [String] {
        var found: [String] = []
        for path in paths {
            if ResourcePaths.isDirectory(path) {
                guard let walker = FileManager.default.enumerator(atPath: path) else { continue }
                for case let relative as String in walker where relative.hasSuffix("." + ext) {
                    found.append(join(path, relative))
                }
            } else if FileManager.default.fileExists(atPath: path) {
                if path.hasSuffix("." + ext) { found.append(path) }
            } else {
                throw AppError("no file or folder '\(path)'; check the path", status: .usage)
            }
        }
        return found.sorted()
    }

    private static func join(_ folder: String, _ relative: String) -> String {
        folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
    }

    private static func read(_ path: String) throws -> String {
        try text(try bytes(path), path: path)
    }

    private static func bytes(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AppError("cannot read '\(path)'; check that it exists and is readable")
        }
        return data
    }

    private static func text(_ data: Data, path: String) throws -> String {
        guard let text = String(data: data, encoding: .utf8) else {
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
