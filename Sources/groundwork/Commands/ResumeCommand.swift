import ArgumentParser

/// PLACEHOLDER: `groundwork resume`, replaced by its real implementation.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "(not built yet)")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        throw ValidationError("'groundwork resume' is not built yet")
    }
}
