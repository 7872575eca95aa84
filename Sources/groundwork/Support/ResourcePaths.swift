import Foundation

/// Finds the bundled dialogues and prompts, honouring `--dialogues` and `--prompts` (the data folder is
/// `DataLocation`'s, the user name `UserName`'s, both in GroundworkStore).
enum ResourcePaths {
    /// The folder of dialogue scripts: `--dialogues`, else the bundled copy.
    static func dialogues(_ options: GlobalOptions) throws -> String {
        try folder(override: options.dialogues, bundled: "dialogues", flag: "--dialogues")
    }

    /// The folder of prompt templates: `--prompts`, else the bundled copy; nil when there is none
    /// (a flow that names a template then fails to load, with a message naming it).
    static func prompts(_ options: GlobalOptions) throws -> String? {
        if options.prompts == nil, bundledFolder("prompts") == nil { return nil }
        return try folder(override: options.prompts, bundled: "prompts", flag: "--prompts")
    }

    private static func folder(override: String?, bundled name: String, flag: String) throws -> String {
        if let override {
            guard isDirectory(override) else {
                throw AppError("no folder '\(override)' for \(flag); give a folder that exists", status: .usage)
            }
            return override
        }
        if let found = bundledFolder(name) { return found }
        throw AppError("cannot find the bundled \(name) folder next to this groundwork binary; pass \(flag) DIR")
    }

    /// Looks beside the executable's real path: `<prefix>/share/groundwork/<name>` for an installed
    /// `<prefix>/bin/groundwork`, or `<checkout>/<name>` for a binary under `<checkout>/.build/…`.
    static func bundledFolder(_ name: String) -> String? {
        guard let exe = executablePath() else { return nil }
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        let share = dir.deletingLastPathComponent().appendingPathComponent("share/groundwork/\(name)").path
        if isDirectory(share) { return share }
        for _ in 0..<5 {
            dir = dir.deletingLastPathComponent()
            let candidate = dir.appendingPathComponent(name).path
            if isDirectory(candidate), FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                return candidate
            }
        }
        return nil
    }

    private static func executablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: resolved).resolvingSymlinksInPath().path
        }
        return CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
