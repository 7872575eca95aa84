import ArgumentParser

/// PLACEHOLDER: `groundwork export`, replaced by its real implementation.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "(not built yet)")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        throw ValidationError("'groundwork export' is not built yet")
    }
}
