import ArgumentParser
import GroundworkCore
import GroundworkTerminal

/// `groundwork` with no command: resume the active session, or pick a flow from a numbered list.
struct HomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "home",
        abstract: "Continue your active session, or pick a flow to start.",
        shouldDisplay: false)

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let app = try App(options)
        let store = try app.userStore()
        let writer = try app.lockForWriting(store)
        let loaded = try app.loadLibrary()
        let library = loaded.library
        if let record = try app.latestActive(store) {
            return try app.resume(record, library: loaded, writer: writer)
        }
        let flows = FlowsCommand.sorted(library)
        guard !flows.isEmpty else {
            throw loaded.errors.isEmpty ? AppError("no flows in the dialogues folder; pass --dialogues DIR")
                                        : loaded.scriptErrors("every flow")
        }
        loaded.warnIfIncomplete()
        let menu = MenuConversation(flows: flows)
        try app.converse(menu)
        guard let flow = menu.chosen else { return }
        return try app.startFlow(flow.id, library: library, store: store, writer: writer)
    }
}
