import ArgumentParser

/// `groundwork start FLOW`: begins a new session of a flow.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a flow (see 'groundwork flows').",
        discussion: "Through a pipe, each input line is one answer; at the end of input the session is saved and 'groundwork resume' continues it.")

    @Argument(help: "The flow's id, e.g. career-checkin.", completion: .custom(FlowsCommand.completeFlowIDs))
    var flow: String

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let app = try App(options)
        let store = try app.userStore()
        let writer = try app.lockForWriting(store)
        let loaded = try app.loadLibrary(only: flow)
        _ = try loaded.require(loaded.library.flows[flow], thing: "flow '\(flow)'",
                               missing: "no flow named '\(flow)'; 'groundwork flows' lists them")
        try app.startFlow(flow, library: loaded.library, store: store, writer: writer)
    }
}
