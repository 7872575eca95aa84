import ArgumentParser

/// PLACEHOLDER: `groundwork summary`, replaced by its real implementation.
struct SummaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "summary", abstract: "(not built yet)")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        throw ValidationError("'groundwork summary' is not built yet")
    }
}
