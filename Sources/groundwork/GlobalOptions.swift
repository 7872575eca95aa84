import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Whose sessions to use (default: user in the config file, else your login name).")
    var user: String?

    @Option(name: .customLong("data-dir"), help: "Where sessions live (default: $GROUNDWORK_HOME, else data-dir in the config file, else $XDG_DATA_HOME/groundwork, else ~/.local/share/groundwork).")
    var dataDir: String?

    @Option(name: .long, help: "Folder of dialogue scripts (default: dialogues in the config file, else the bundled ones).")
    var dialogues: String?

    @Option(name: .long, help: "Folder of prompt templates (default: prompts in the config file, else the bundled ones).")
    var prompts: String?

    @Option(name: .long, help: "Seed for anything chosen at random, for reproducible sessions.")
    var seed: UInt64?

    @Flag(name: .customLong("no-color"), help: "Never use colour (also: NO_COLOR=1, or color = false in the config file).")
    var noColor = false

    @Flag(name: .long, help: "After each reply, print on stderr why the coach said it (what /why shows).")
    var why = false

    @Option(name: .long, help: "Country for the crisis lines the safety net shows: US, UK, IE… (default: $GROUNDWORK_COUNTRY, else country in the config file, else your locale).")
    var country: String?

    @Option(name: .long, help: "Occupation table (CSV, as in the 'GPTs are GPTs' data) to compare a career check-in with (default: $GROUNDWORK_REFERENCE, else reference in the config file).")
    var reference: String?
}

extension GlobalOptions {
    /// The settings in force for these options: option > environment > config file > default.
    func settings() throws(AppError) -> Settings { try Settings.current(self) }
}
