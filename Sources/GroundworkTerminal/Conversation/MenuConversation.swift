import GroundworkCore

/// The home menu as a conversation: a numbered list of flows; a number or an unambiguous start of
/// a title picks one (`chosen`), and the caller starts it once the runner returns.
public final class MenuConversation: Conversation {
    private let flows: [Flow]
    private let question = "What would you like to do?"
    /// The flow picked; nil when the person left.
    public private(set) var chosen: Flow?

    public init(flows: [Flow]) {
        self.flows = flows
    }

    public func open() throws -> Turn {
        var menu = [question]
        for (index, flow) in flows.enumerated() {
            menu.append("  \(index + 1). \(flow.title)\(flow.description.isEmpty ? "" : " — \(flow.description)")")
        }
        return Turn([.message(menu.joined(separator: "\n"))])
    }

    public var currentPrompt: Prompt? {
        chosen == nil ? Prompt(text: question, kind: .choice, options: flows.map(\.title), nodeID: "home") : nil
    }

    public func take(_ line: String) throws -> Turn {
        guard let flow = Self.pick(line, from: flows) else { return Turn([.message(hint)]) }
        chosen = flow
        return Turn(outcome: .ended)
    }

    public func command(_ command: SlashCommand) throws -> Turn {
        Turn([.message(hint)])
    }

    /// Nothing to save: the menu keeps no state.
    public func save(_ shown: [Shown]) throws {}

    public var leaving: [Shown] { [] }

    private var hint: String { "type a number from 1 to \(flows.count), or /quit" }

    /// A number, or an unambiguous prefix of a title or id, picks a flow.
    public static func pick(_ line: String, from flows: [Flow]) -> Flow? {
        let typed = line.lowercased().split(separator: " ").joined(separator: " ")
        guard !typed.isEmpty else { return nil }
        if let number = Int(typed) { return flows.indices.contains(number - 1) ? flows[number - 1] : nil }
        let matches = flows.filter { $0.title.lowercased().hasPrefix(typed) || $0.id.hasPrefix(typed) }
        return matches.count == 1 ? matches[0] : nil
    }
}
