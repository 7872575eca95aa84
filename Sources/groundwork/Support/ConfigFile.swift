import Foundation
import GroundworkTerminal
import TOMLKit

/// The person's config file, `$XDG_CONFIG_HOME/groundwork/config.toml` (else
/// `~/.config/groundwork/config.toml`): the preferences they would otherwise pass on every run.
///
/// Every problem is a usage error (status 2) of one line, `path:line: error: …`: a typo in a key
/// must not quietly leave the person with a default they thought they had changed.
struct ConfigFile: Equatable, Sendable {
    /// Every key the file may hold, as the options spell them.
    static let knownKeys = ["user", "country", "color", "data-dir", "reference", "width", "dialogues", "prompts"]

    /// The narrowest text width worth wrapping to (a word or two a line is not readable either).
    static let narrowestWidth = 20

    let path: String
    var user: String?
    var country: String?
    var color: Bool?
    var dataDir: String?
    var reference: String?
    var width: Int?
    var dialogues: String?
    var prompts: String?

    /// Where the file is looked for: `$XDG_CONFIG_HOME` when absolute (the XDG spec ignores a
    /// relative one), else `$HOME/.config`; nil with neither.
    static func path(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/groundwork/config.toml" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/groundwork/config.toml"
    }

    /// The file at `path(environment:)`; nil when there is none (every setting is then a default).
    static func load(environment: [String: String]) throws(AppError) -> ConfigFile? {
        guard let path = path(environment: environment), FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AppError("\(path): error: cannot read the config file; check its permissions", status: .usage)
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path, home: environment["HOME"])
    }

    /// Reads the file's text; `~/` at the start of a path means `home`.
    static func parse(_ text: String, path: String, home: String?) throws(AppError) -> ConfigFile {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            // toml++ says "error while parsing …"; the line already says error.
            var reason = error.description.lowercased()
            if reason.hasPrefix("error while ") { reason.removeFirst("error ".count) }
            throw AppError("\(path):\(error.source.begin.line): error: \(reason)", status: .usage)
        } catch {
            throw AppError("\(path): error: \(error)", status: .usage)
        }
        var file = ConfigFile(path: path)
        func fail(_ key: String, _ message: String) -> AppError {
            let line = lineNumber(of: key, in: text).map { ":\($0)" } ?? ""
            return AppError("\(path)\(line): error: \(message)", status: .usage)
        }
        // Sorted, so of several mistakes the same one is reported every time.
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            guard knownKeys.contains(key) else {
                throw fail(key, "unknown key '\(key)'; the keys are \(knownKeys.joined(separator: ", "))")
            }
            switch key {
            case "color":
                guard let flag = value.bool else { throw fail(key, "'color' must be true or false, not \(describe(value.type))") }
                file.color = flag
            case "width":
                guard let width = value.int else { throw fail(key, "'width' must be a whole number of columns, not \(describe(value.type))") }
                // Past the renderer's measure lines are no longer easy to read, and it would not wrap wider.
                guard (narrowestWidth...Renderer.measure).contains(width) else {
                    throw fail(key, "'width' must be from \(narrowestWidth) to \(Renderer.measure) columns, not \(width)")
                }
                file.width = width
            default:
                guard let string = value.string else { throw fail(key, "'\(key)' must be a string in quotes, not \(describe(value.type))") }
                let trimmed = string.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { throw fail(key, "'\(key)' is empty; give a value or remove the line") }
                let isPath = ["data-dir", "reference", "dialogues", "prompts"].contains(key)
                let given = isPath ? expandingHome(trimmed, home: home) : trimmed
                switch key {
                case "user": file.user = given
                case "country": file.country = given
                case "data-dir": file.dataDir = given
                case "reference": file.reference = given
                case "dialogues": file.dialogues = given
                default: file.prompts = given
                }
            }
        }
        return file
    }

    private static func describe(_ type: TOMLType) -> String {
        switch type {
        case .int, .array: return "an \(type)"
        default: return "a \(type)"
        }
    }

    /// `~/x` as `home/x`: people write paths that way in config files, and no shell expands them here.
    private static func expandingHome(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty else { return path }
        if path == "~" { return home }
        return path.hasPrefix("~/") ? home + path.dropFirst(1) : path
    }

    /// The 1-based line where `key` is set or opens a table (TOMLKit gives positions for syntax
    /// errors only); nil when it cannot be told (a dotted or nested key).
    static func lineNumber(of key: String, in text: String) -> Int? {
        let forms = [key, "\"\(key)\"", "'\(key)'"]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            for form in forms {
                let table = trimmed.hasPrefix("[") ? trimmed.drop { $0 == "[" }.trimmingCharacters(in: .whitespaces) : nil
                let rest = table ?? trimmed
                guard rest.hasPrefix(form) else { continue }
                let after = rest.dropFirst(form.count).trimmingCharacters(in: .whitespaces)
                if after.hasPrefix("=") || after.hasPrefix("]") || after.hasPrefix(".") { return index + 1 }
            }
        }
        return nil
    }
}

extension ConfigFile {
    init(path: String) {
        self.path = path
    }
}
