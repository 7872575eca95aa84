import Foundation
import GroundworkCore

/// Reads script and template files from disk and hands them to `ScriptLibrary.load` (Core reads no disk).
enum ScriptFiles {
    /// `.yaml` files under `paths` (files or folders, searched recursively), sorted by path.
    static func scripts(in paths: [String]) throws -> [SourceFile] {
        try files(in: paths, ext: "yaml").map { path in SourceFile(path: path, text: try read(path)) }
    }

    /// `.mustache` templates under `folder`, named by their path without extension (`career/summary`).
    static func prompts(in folder: String) throws -> [(name: String, file: SourceFile)] {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return try files(in: [folder], ext: "mustache").map { path in
            var name = path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
            name.removeLast(".mustache".count)
            return (name, SourceFile(path: path, text: try read(path)))
        }
    }

    /// `*.transcript` files under `paths`, sorted.
    static func transcripts(in paths: [String]) throws -> [SourceFile] {
        try files(in: paths, ext: "transcript").map { SourceFile(path: $0, text: try read($0)) }
    }

    /// Loads scripts and prompts; a library with any error never runs: the diagnostics are printed
    /// and the command fails.
    static func loadLibrary(scripts scriptPaths: [String], prompts promptFolder: String?) throws -> ScriptLibrary {
        let sources = try scripts(in: scriptPaths)
        let templates = try promptFolder.map { try prompts(in: $0) } ?? []
        let (library, diagnostics) = ScriptLibrary.load(scripts: sources, prompts: templates)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            for diagnostic in diagnostics { printError(diagnostic.description) }
            throw AppError("the scripts have \(errors.count) error\(errors.count == 1 ? "" : "s"); fix them ('groundwork lint' lists them) and try again")
        }
        return library
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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AppError("cannot read '\(path)'; check that it exists and is readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AppError("'\(path)' is not UTF-8 text; save it as UTF-8")
        }
        return text
    }
}

/// Writes one line to stderr.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
