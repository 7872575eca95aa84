import Foundation
import GroundworkStore

/// Where a setting's value came from, as `groundwork config` shows it.
enum SettingSource: Equatable, Sendable, CustomStringConvertible {
    case option(String)
    case environment(String)
    case config(path: String)
    case fallback(String)

    var description: String {
        switch self {
        case .option(let flag): return "option \(flag)"
        case .environment(let name): return "environment \(name)"
        case .config(let path): return "config \(path)"
        case .fallback(let what): return "default (\(what))"
        }
    }
}

/// One resolved setting: its value (nil when there is none) and where it came from.
struct Setting<Value: Sendable & Equatable>: Sendable, Equatable {
    var value: Value?
    var source: SettingSource
}

/// The settings in force: each from the command-line option, else the environment, else the config
/// file, else the default. The one place that order is decided; commands read settings from here,
/// never from the options or the environment directly.
struct Settings: Sendable, Equatable {
    /// The config file's path (whether or not it exists), and whether it was there.
    var configPath: String?
    var configFound: Bool

    /// nil: the login name (`StoreContext.userName`).
    var user: Setting<String>
    var country: Setting<String>
    var color: Setting<Bool>
    /// nil: `GROUNDWORK_HOME` or the XDG default, which `DataLocation` resolves.
    var dataDir: Setting<String>
    var reference: Setting<String>
    /// nil: the window's width, at most `Renderer.measure`.
    var width: Setting<Int>
    var dialogues: Setting<String>
    var prompts: Setting<String>

    /// The settings for this process: its options, its environment and the config file.
    static func current(_ options: GlobalOptions) throws(AppError) -> Settings {
        let environment = ProcessInfo.processInfo.environment
        return resolve(options, environment: environment, file: try ConfigFile.load(environment: environment),
                       configPath: ConfigFile.path(environment: environment))
    }

    /// Applies option > environment > config file > default to each setting (pure, for tests).
    static func resolve(_ options: GlobalOptions, environment: [String: String], file: ConfigFile?,
                        configPath: String? = nil) -> Settings {
        func env(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        let fromFile = SettingSource.config(path: file?.path ?? "")
        func pick<V: Sendable & Equatable>(_ candidates: [(V?, SettingSource)], else fallback: Setting<V>) -> Setting<V> {
            for (value, source) in candidates { if let value { return Setting(value: value, source: source) } }
            return fallback
        }
        let localeCountry = Self.localeCountry(environment)
        return Settings(
            configPath: file?.path ?? configPath,
            configFound: file != nil,
            user: pick([(options.user, .option("--user")), (file?.user, fromFile)],
                       else: Setting(value: nil, source: .fallback("your login name"))),
            country: pick([(options.country.flatMap { $0.isEmpty ? nil : $0.uppercased() }, .option("--country")),
                           (env("GROUNDWORK_COUNTRY")?.uppercased(), .environment("GROUNDWORK_COUNTRY")),
                           (file?.country.map { $0.uppercased() }, fromFile)],
                          else: Setting(value: localeCountry, source: .fallback(localeCountry == nil ? "none: the international directory" : "your locale"))),
            color: pick([(options.noColor ? false : nil, .option("--no-color")),
                         (env("NO_COLOR").map { _ in false }, .environment("NO_COLOR")),
                         (file?.color, fromFile)],
                        else: Setting(value: true, source: .fallback("on a terminal"))),
            dataDir: pick([(options.dataDir.flatMap { $0.isEmpty ? nil : $0 }, .option("--data-dir")),
                           (env("GROUNDWORK_HOME"), .environment("GROUNDWORK_HOME")),
                           (file?.dataDir, fromFile)],
                          else: Setting(value: nil, source: .fallback("$XDG_DATA_HOME/groundwork, else ~/.local/share/groundwork"))),
            reference: pick([(options.reference.flatMap { $0.isEmpty ? nil : $0 }, .option("--reference")),
                             (env("GROUNDWORK_REFERENCE"), .environment("GROUNDWORK_REFERENCE")),
                             (file?.reference, fromFile)],
                            else: Setting(value: nil, source: .fallback("none"))),
            width: pick([(file?.width, fromFile)], else: Setting(value: nil, source: .fallback("the window, at most 80"))),
            dialogues: pick([(options.dialogues, .option("--dialogues")), (file?.dialogues, fromFile)],
                            else: Setting(value: nil, source: .fallback("the bundled ones"))),
            prompts: pick([(options.prompts, .option("--prompts")), (file?.prompts, fromFile)],
                          else: Setting(value: nil, source: .fallback("the bundled ones"))))
    }

    /// The territory of the locale (`en_GB.UTF-8` → GB), from the first of LC_ALL, LC_MESSAGES and
    /// LANG that is set; nil when it names none.
    static func localeCountry(_ environment: [String: String]) -> String? {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let locale = environment[name], !locale.isEmpty else { continue }
            let language = locale.split(separator: ".").first ?? ""
            let parts = language.split(separator: "_")
            if parts.count == 2, parts[1].count == 2 { return parts[1].uppercased() }
            return nil
        }
        return nil
    }

    /// The data folder: the resolved one, else `GROUNDWORK_HOME`'s or the XDG default.
    func dataLocation(environment: [String: String]) throws(StoreError) -> DataLocation {
        // GROUNDWORK_HOME won over the file already; DataLocation reads it itself to say so.
        let given = dataDir.source == .environment("GROUNDWORK_HOME") ? nil : dataDir.value
        return try DataLocation.resolve(dataDir: given, environment: environment)
    }

    /// What `groundwork config` prints: one setting a line, its value and where it came from.
    var report: String {
        let rows: [(String, String, SettingSource)] = [
            ("user", user.value ?? "", user.source),
            ("country", country.value ?? "", country.source),
            ("color", (color.value ?? true) ? "true" : "false", color.source),
            ("data-dir", dataDir.value ?? "", dataDir.source),
            ("reference", reference.value ?? "", reference.source),
            ("width", width.value.map(String.init) ?? "", width.source),
            ("dialogues", dialogues.value ?? "", dialogues.source),
            ("prompts", prompts.value ?? "", prompts.source),
        ]
        let keyWidth = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.map(\.1.count).max() ?? 0
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var text = "config file: \(configPath ?? "none (neither XDG_CONFIG_HOME nor HOME is set)")"
        text += configFound ? "\n" : " (not there; every setting below is an option, the environment or a default)\n"
        for (key, value, source) in rows {
            let line = pad(key, keyWidth) + "  " + pad(value.isEmpty ? "-" : value, valueWidth) + "  " + source.description
            text += line.trimmingCharacters(in: .whitespaces) + "\n"
        }
        return text
    }
}
