import ArgumentParser

/// `groundwork group FLOW --participants a,b,c`: facilitated group exercises (not built yet).
struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Run a group exercise in one shared terminal (not available yet).")

    @Argument(help: "The group flow's id.")
    var flow: String

    @Option(help: "Participants' names, separated by commas.", transform: { $0.split(separator: ",").map { String($0) } })
    var participants: [String]

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        let names = participants.map { $0.split(separator: " ").joined(separator: " ") }
        guard names.count >= 2, names.allSatisfy({ !$0.isEmpty }) else {
            throw ValidationError("give at least two participants, e.g. --participants ana,ben")
        }
        guard Set(names).count == names.count else {
            throw ValidationError("each participant's name must be different")
        }
    }

    func run() throws {
        throw AppError("group exercises are not available yet; run 'groundwork start \(flow)' with one person for now")
    }
}
