import ArgumentParser

/// PLACEHOLDER: `groundwork forget`, replaced by its real implementation.
struct ForgetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "forget", abstract: "(not built yet)")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        throw ValidationError("'groundwork forget' is not built yet")
    }
}
