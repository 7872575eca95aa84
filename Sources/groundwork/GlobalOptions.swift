import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Whose sessions to use (default: your login name).")
    var user: String?

    @Option(name: .customLong("data-dir"), help: "Where sessions live (default: $GROUNDWORK_HOME, else $XDG_DATA_HOME/groundwork, else ~/.local/share/groundwork).")
    var dataDir: String?

    @Option(name: .long, help: "Folder of dialogue scripts (default: the bundled ones).")
    var dialogues: String?

    @Option(name: .long, help: "Folder of prompt templates (default: the bundled ones).")
    var prompts: String?

    @Option(name: .long, help: "Seed for anything chosen at random, for reproducible sessions.")
    var seed: UInt64?

    @Flag(name: .customLong("no-color"), help: "Never use colour (also: NO_COLOR=1).")
    var noColor = false

    @Flag(name: .long, help: "After each reply, print on stderr why the coach said it (what /why shows).")
    var why = false

    @Option(name: .long, help: "Country for the crisis lines the safety net shows: US, UK, IE… (default: $GROUNDWORK_COUNTRY, else your locale).")
    var country: String?

    @Option(name: .long, help: "Occupation table (CSV, as in the 'GPTs are GPTs' data) to compare a career check-in with (also: $GROUNDWORK_REFERENCE).")
    var reference: String?
}

extension GlobalOptions {
    /// The person's country for crisis lines: `--country`, else GROUNDWORK_COUNTRY, else the
    /// territory of the locale (`en_GB.UTF-8` → GB); nil when none is known (the message then lists
    /// the international directory only).
    func country(environment: [String: String]) -> String? {
        if let given = country ?? environment["GROUNDWORK_COUNTRY"], !given.isEmpty { return given.uppercased() }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let locale = environment[name], !locale.isEmpty else { continue }
            let language = locale.split(separator: ".").first ?? ""
            let parts = language.split(separator: "_")
            if parts.count == 2, parts[1].count == 2 { return parts[1].uppercased() }
            return nil
        }
        return nil
    }
}
