import ArgumentParser

/// PLACEHOLDER: `groundwork flows`, replaced by its real implementation.
struct FlowsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "flows", abstract: "(not built yet)")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        throw ValidationError("'groundwork flows' is not built yet")
    }
}
