import GroundworkCore

/// Tab-completion candidates: slash commands, and the options of the question being asked.
public enum Completion {
    /// Candidates that start with `text` (case-insensitive), in display order.
    ///
    /// `text` is the whole line typed so far, since option labels may hold spaces.
    public static func candidates(for text: String, prompt: Prompt?) -> [String] {
        let typed = text.lowercased()
        if typed.hasPrefix("/") {
            return SlashCommand.all.map(\.name).filter { $0.hasPrefix(typed) }
        }
        return options(of: prompt).filter { $0.lowercased().hasPrefix(typed) }
    }

    /// What can be typed as an answer to `prompt`, beyond free text.
    static func options(of prompt: Prompt?) -> [String] {
        guard let prompt else { return [] }
        switch prompt.kind {
        case .choice, .multi: return prompt.options
        case .yesno: return ["yes", "no"]
        case .text, .number, .scale: return []
        }
    }
}
