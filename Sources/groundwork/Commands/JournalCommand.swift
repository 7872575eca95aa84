import ArgumentParser

/// PLACEHOLDER: `groundwork journal`, replaced by its real implementation.
struct JournalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "journal", abstract: "(not built yet)")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        throw ValidationError("'groundwork journal' is not built yet")
    }
}
