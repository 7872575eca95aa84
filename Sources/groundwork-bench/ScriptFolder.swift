import Foundation
import GroundworkCore

/// The bundled scripts and templates read from disk, the way the CLI reads them (Core reads no disk).
struct ScriptFolder {
    /// Every script file (`*.yaml`), sorted by path, as the CLI loads them (the classifier's rules too).
    var scripts: [SourceFile]
    /// Prompt templates named by their path under the prompts folder without extension.
    var prompts: [(name: String, file: SourceFile)]
    /// `classifier/task-exposure.yaml`, when present (also in `scripts`).
    var classifier: SourceFile?
    /// Golden transcripts (`*.transcript`) beside the scripts.
    var transcripts: [SourceFile]

    /// Reads `dialogues` and `prompts`; throws `BenchError` on an unreadable file.
    init(dialogues: String, prompts promptFolder: String) throws {
        scripts = try ScriptFolder.files(in: dialogues, ext: "yaml").map { SourceFile(path: $0, text: try ScriptFolder.read($0)) }
        classifier = scripts.first { $0.path.hasSuffix("/classifier/task-exposure.yaml") }
        self.transcripts = try ScriptFolder.files(in: dialogues, ext: "transcript").map { SourceFile(path: $0, text: try ScriptFolder.read($0)) }
        let base = promptFolder.hasSuffix("/") ? promptFolder : promptFolder + "/"
        let promptPaths = ScriptFolder.isFolder(promptFolder) ? try ScriptFolder.files(in: promptFolder, ext: "mustache") : []
        self.prompts = try promptPaths.map { path in
            var name = path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
            name.removeLast(".mustache".count)
            return (name, SourceFile(path: path, text: try ScriptFolder.read(path)))
        }
    }

    /// The script whose top-level `id:` is `id`, if any.
    func script(withID id: String) -> SourceFile? {
        scripts.first { ScriptHeader.value(of: "id", in: $0.text) == id }
    }

    /// Loads every script and template; the diagnostics' errors, if any, as one line each.
    func load(scripts: [SourceFile]? = nil, deferringClassifier: Bool = false) -> (library: ScriptLibrary, errors: [String]) {
        let (library, diagnostics) = ScriptLibrary.load(scripts: scripts ?? self.scripts, prompts: prompts,
                                                        deferringClassifier: deferringClassifier)
        return (library, diagnostics.filter { $0.severity == .error }.map(\.description))
    }

    private static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }

    private static func files(in folder: String, ext: String) throws -> [String] {
        guard isFolder(folder) else { throw BenchError("no folder '\(folder)'; pass --dialogues DIR") }
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        for case let relative as String in walker where relative.hasSuffix("." + ext) {
            found.append(join(folder, relative))
        }
        return found.sorted()
    }

    private static func join(_ folder: String, _ relative: String) -> String {
        folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
    }

    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw BenchError("cannot read '\(path)' as UTF-8 text")
        }
        return text
    }
}

/// A reason the bench cannot go on, printed as `error: message`.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ message: String) {
        description = message
    }
}
