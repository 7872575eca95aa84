import ArgumentParser

/// PLACEHOLDER: `groundwork lint`, replaced by its real implementation.
struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lint", abstract: "(not built yet)")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        throw ValidationError("'groundwork lint' is not built yet")
    }
}
