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
        let app = App(options)
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
        let renderer = app.makeRenderer()
        var menu = ["What would you like to do?"]
        for (index, flow) in flows.enumerated() {
            menu.append("  \(index + 1). \(flow.title)\(flow.description.isEmpty ? "" : " — \(flow.description)")")
        }
        renderer.message(menu.joined(separator: "\n"))
        let reader = app.reader
        reader.setCurrentPrompt(Prompt(text: menu[0], kind: .choice, options: flows.map(\.title), nodeID: "home"))
        while true {
            switch reader.readLine(prompt: renderer.prompt) {
            case .endOfInput, .interrupted:
                return
            case .tooLong(let bytes):
                renderer.message(InputLimits.tooLongMessage(bytes: bytes))
            case .line(let line):
                if let flow = Self.pick(line, from: flows) {
                    reader.setCurrentPrompt(nil)
                    return try app.startFlow(flow.id, library: library, store: store, writer: writer)
                }
                if SlashCommand(parsing: line) == .quit { return }
                renderer.message("type a number from 1 to \(flows.count), or /quit")
            }
        }
    }

    /// A number, or an unambiguous prefix of a title or id, picks a flow.
    static func pick(_ line: String, from flows: [Flow]) -> Flow? {
        let typed = line.lowercased().split(separator: " ").joined(separator: " ")
        guard !typed.isEmpty else { return nil }
        if let number = Int(typed) { return flows.indices.contains(number - 1) ? flows[number - 1] : nil }
        let matches = flows.filter { $0.title.lowercased().hasPrefix(typed) || $0.id.hasPrefix(typed) }
        return matches.count == 1 ? matches[0] : nil
    }
}
