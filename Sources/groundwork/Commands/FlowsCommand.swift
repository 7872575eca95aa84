import ArgumentParser
import GroundworkCore
import GroundworkTerminal

/// `groundwork flows`: what can be started.
struct FlowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flows",
        abstract: "List the flows you can start: id, title, description.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let loaded = try App(options).loadLibrary()
        loaded.warnIfIncomplete()
        let flows = Self.sorted(loaded.library)
        let idWidth = flows.map(\.id.count).max() ?? 0
        let titleWidth = flows.map(\.title.count).max() ?? 0
        for flow in flows {
            let id = flow.id + String(repeating: " ", count: idWidth - flow.id.count)
            let title = flow.title + String(repeating: " ", count: titleWidth - flow.title.count)
            print(TextSanitizer.clean("\(id)  \(title)  \(flow.description)".trimmingWhitespace()))
        }
    }

    /// Flows by category, then title, so menus are stable.
    static func sorted(_ library: ScriptLibrary) -> [Flow] {
        library.flows.values.sorted { ($0.category, $0.title, $0.id) < ($1.category, $1.title, $1.id) }
    }

    /// Shell completion for flow ids: the bundled flows' ids, read from their files.
    @Sendable static func completeFlowIDs(_ arguments: [String], _ index: Int, _ prefix: String) -> [String] {
        guard let folder = ResourcePaths.bundledFolder("dialogues"),
              let files = try? ScriptFiles.scripts(in: [folder]) else { return [] }
        return files.compactMap { file in
            guard file.text.contains("\nnodes:") || file.text.hasPrefix("nodes:") else { return nil }
            return ScriptHeader.value(of: "id", in: file.text)
        }
    }
}
