import ArgumentParser
import Foundation
import GroundworkCore

/// The `groundwork` command: a coach that lives in the terminal.
@main
struct Groundwork: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groundwork",
        abstract: "A coach that lives in the terminal: journaling, career check-ins, group exercises.",
        discussion: """
            With no command, continues your active session or offers the flows to start.
            Exit statuses: 0 ok, 1 failure, 2 usage, 3 your data is in use by another groundwork, \
            4 a saved session cannot be read.
            Settings come from the options, else the environment (GROUNDWORK_HOME, GROUNDWORK_COUNTRY, \
            GROUNDWORK_REFERENCE, NO_COLOR), else the config file $XDG_CONFIG_HOME/groundwork/config.toml \
            (else ~/.config/groundwork/config.toml), else the defaults; 'groundwork config' shows them and where each came from.
            """,
        version: GroundworkVersion.current,
        subcommands: [
            HomeCommand.self, StartCommand.self, ResumeCommand.self, JournalCommand.self, GroupCommand.self,
            HistoryCommand.self, SummaryCommand.self, ExportCommand.self, ForgetCommand.self, DoctorCommand.self,
            SearchCommand.self, FlowsCommand.self, LintCommand.self, TestCommand.self, ClassifyCommand.self,
            EncryptCommand.self, DecryptCommand.self, SafetyCommand.self, MoodCommand.self, ConfigCommand.self,
        ],
        defaultSubcommand: HomeCommand.self
    )

    /// Runs the command, mapping every failure to one line on stderr and a documented exit status.
    ///
    /// On the main actor, so synchronous commands read the terminal on the main thread, where
    /// SIGINT is delivered (the concurrency pool's threads block signals, and libedit needs the
    /// signal to interrupt its read).
    @MainActor
    static func main() async {
        // Before anything can hold a passphrase or a decrypted answer: no core dumps, SIGQUIT ends us.
        ProcessGuard.apply()
        do {
            var command = try parseCommand()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as AppError {
            printError("groundwork: \(error.message)")
            Foundation.exit(error.status.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError("groundwork: \(message(for: error)); 'groundwork help' shows the usage")
                Foundation.exit(AppError.Status.usage.rawValue)
            }
            if code == .success || code == .failure || error is CleanExit {
                exit(withError: error)
            }
            printError("groundwork: \(error)")
            Foundation.exit(AppError.Status.failure.rawValue)
        }
    }

    /// The commands a cold start is timed on, parsed on their own when they can be: building the
    /// whole tree of twenty subcommands was about a tenth of `start` to its first question.
    static let quickCommands: [String: any ParsableCommand.Type] = ["start": StartCommand.self, "journal": JournalCommand.self]

    /// The command line parsed. Anything the quick parse does not take (help, a mistake, a
    /// completion request) goes through the full parse, so every message and usage is the usual one.
    static func parseCommand(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) throws -> any ParsableCommand {
        // Only the command itself is taken: a request for help parses as ArgumentParser's own
        // help command, whose usage line would lack the 'groundwork' before it.
        if let name = arguments.first, let type = quickCommands[name], let command = try? type.parseAsRoot(Array(arguments.dropFirst())),
           Swift.type(of: command) == type {
            return command
        }
        return try parseAsRoot(arguments)
    }
}
