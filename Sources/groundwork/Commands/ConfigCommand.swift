import ArgumentParser

/// `groundwork config`: the settings in force and where each came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the settings in force and where each came from (option, environment, config file, default).",
        discussion: """
            The config file is $XDG_CONFIG_HOME/groundwork/config.toml, else ~/.config/groundwork/config.toml. \
            Its keys: user, country, color (true or false), data-dir, reference, width (20 to 80), dialogues, prompts. \
            An option wins over the environment, which wins over the file, which wins over the default.
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try StoreContext.output(try options.settings().report)
    }
}
