import ArgumentParser

/// PLACEHOLDER: `groundwork doctor`, replaced by its real implementation.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "doctor", abstract: "(not built yet)")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        throw ValidationError("'groundwork doctor' is not built yet")
    }
}
