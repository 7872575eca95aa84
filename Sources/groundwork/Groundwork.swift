import ArgumentParser

/// The `groundwork` command: a coach that lives in the terminal.
@main
struct Groundwork: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groundwork",
        abstract: "A coach that lives in the terminal: journaling, career check-ins, group exercises.",
        subcommands: [
            HomeCommand.self, StartCommand.self, ResumeCommand.self, JournalCommand.self, GroupCommand.self,
            HistoryCommand.self, SummaryCommand.self, ExportCommand.self, ForgetCommand.self, DoctorCommand.self,
            SearchCommand.self, FlowsCommand.self, LintCommand.self, TestCommand.self, ClassifyCommand.self,
        ],
        defaultSubcommand: HomeCommand.self
    )
}
