import ArgumentParser

/// PLACEHOLDER: `groundwork test`, replaced by its real implementation.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "(not built yet)")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        throw ValidationError("'groundwork test' is not built yet")
    }
}
