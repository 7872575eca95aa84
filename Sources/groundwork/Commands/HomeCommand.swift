import ArgumentParser

/// PLACEHOLDER: `groundwork home`, replaced by its real implementation.
struct HomeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "home", abstract: "(not built yet)", shouldDisplay: false)

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        throw ValidationError("'groundwork home' is not built yet")
    }
}
