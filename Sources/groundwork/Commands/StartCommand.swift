import ArgumentParser

/// PLACEHOLDER: `groundwork start`, replaced by its real implementation.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "(not built yet)")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        throw ValidationError("'groundwork start' is not built yet")
    }
}
