import ArgumentParser

/// PLACEHOLDER: `groundwork group`, replaced by its real implementation.
struct GroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "group", abstract: "(not built yet)")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        throw ValidationError("'groundwork group' is not built yet")
    }
}
