import Foundation

/// Finds the bundled dialogues and prompts, and the data folder, honouring overrides.
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

    /// `--data-dir`, else `$GROUNDWORK_HOME`, else `$XDG_DATA_HOME/groundwork`, else `~/.local/share/groundwork`.
    static func dataDirectory(_ options: GlobalOptions) -> String {
        let env = ProcessInfo.processInfo.environment
        if let dir = options.dataDir, !dir.isEmpty { return dir }
        if let dir = env["GROUNDWORK_HOME"], !dir.isEmpty { return dir }
        if let xdg = env["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/groundwork" }
        return NSHomeDirectory() + "/.local/share/groundwork"
    }

    /// `--user`, else the login name; checked so it can never escape the data folder.
    static func user(_ options: GlobalOptions) throws -> String {
        let name = options.user ?? loginName()
        guard isValidUserName(name) else {
            throw AppError("bad user name '\(name)': use 1 to 64 letters, digits, '.', '_' or '-', not starting with '.'",
                           status: .usage)
        }
        return name
    }

    static func isValidUserName(_ name: String) -> Bool {
        guard (1...64).contains(name.utf8.count), !name.hasPrefix(".") else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_".unicodeScalars.contains(scalar))
        }
    }

    private static func loginName() -> String {
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "default"
    }
}
