import Foundation
import GroundworkTestSupport
@testable import GroundworkCore

/// The repository's own `dialogues/` and `prompts/`, read from disk, for tests of bundled content.
enum BundledScripts {
    /// Every `*.yaml` under `dialogues/`.
    static func scripts() throws -> [SourceFile] {
        try files(under: "dialogues", ending: ".yaml").map { SourceFile(path: $0.path, text: $0.text) }
    }

    /// Every `*.mustache` under `prompts/`, named by its path without the extension.
    static func prompts() throws -> [(name: String, file: SourceFile)] {
        try files(under: "prompts", ending: ".mustache").map { file in
            let name = String(file.path.dropFirst("prompts/".count).dropLast(".mustache".count))
            return (name: name, file: SourceFile(path: file.path, text: file.text))
        }
    }

    /// Every `*.transcript` under `dialogues/`.
    static func transcripts() throws -> [SourceFile] {
        try files(under: "dialogues", ending: ".transcript").map { SourceFile(path: $0.path, text: $0.text) }
    }

    /// Loads the bundled library and its diagnostics (once per test run).
    static func load() throws -> (ScriptLibrary, [Diagnostic]) {
        try loaded.get()
    }

    private static let loaded: Result<(ScriptLibrary, [Diagnostic]), any Error> = Result {
        ScriptLibrary.load(scripts: try scripts(), prompts: try prompts())
    }


    private static func files(under folder: String, ending suffix: String) throws -> [(path: String, text: String)] {
        let base = Repository.root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var found: [(path: String, text: String)] = []
        for case let relative as String in walker where relative.hasSuffix(suffix) {
            let path = folder + "/" + relative
            found.append((path: path, text: try Repository.read(path)))
        }
        return found.sorted { $0.path < $1.path }
    }
}
