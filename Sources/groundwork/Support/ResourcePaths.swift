import Foundation

/// Finds the bundled dialogues and prompts, honouring `--dialogues` and `--prompts` (the data folder is
/// `DataLocation`'s, the user name `UserName`'s, both in GroundworkStore).
enum ResourcePaths {
    /// The folder of dialogue scripts: `--dialogues`, else the config file's, else the bundled copy.
    static func dialogues(_ settings: Settings) throws -> String {
        try folder(settings.dialogues, bundled: "dialogues", flag: "--dialogues")
    }

    /// The folder of prompt templates: `--prompts`, else the config file's, else the bundled copy;
    /// nil when there is none (a flow that names a template then fails to load, with a message naming it).
    static func prompts(_ settings: Settings) throws -> String? {
        if settings.prompts.value == nil, bundledFolder("prompts") == nil { return nil }
        return try folder(settings.prompts, bundled: "prompts", flag: "--prompts")
    }

    private static func folder(_ setting: Setting<String>, bundled name: String, flag: String) throws -> String {
        if let override = setting.value {
            guard isDirectory(override) else {
                let given = if case .config(let path) = setting.source { "for '\(name)' in \(path)" } else { "for \(flag)" }
                throw AppError("no folder '\(override)' \(given); give a folder that exists", status: .usage)
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
