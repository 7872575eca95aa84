import ArgumentParser

/// PLACEHOLDER: `groundwork history`, replaced by its real implementation.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "(not built yet)")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        throw ValidationError("'groundwork history' is not built yet")
    }
}
