import GroundworkCore
@testable import GroundworkTerminal

extension ConversationRunner {
    /// A runner over one flow session, as the app builds it.
    static func flow(engine: Engine, start: Step, reader: LineReader, renderer: Renderer,
                     persistence: SessionPersistence, interactive: Bool) -> ConversationRunner {
        ConversationRunner(FlowConversation(engine: engine, start: start, persistence: persistence, interactive: interactive),
                           reader: reader, renderer: renderer)
    }

    /// A runner over a journal session, as `journal --no-save` builds it.
    static func journal(listening: RuleSet, safety: SafetyNet?, state: SessionState, reader: LineReader, renderer: Renderer,
                        persistence: SessionPersistence, interactive: Bool, keepsEntries: Bool = true) -> ConversationRunner {
        let session = JournalSession(listening: listening, safety: safety, state: state, keepsEntries: keepsEntries)
        return ConversationRunner(JournalConversation(session, persistence: persistence, interactive: interactive),
                                  reader: reader, renderer: renderer)
    }
}

/// A one-keyword listening rule set ("work"), for tests of the journal around its replies.
enum WorkRules {
    static func listening(opening: String? = nil) throws -> RuleSet {
        let text = (opening.map { "opening: \"\($0)\"\n" } ?? "") + """
            keywords:
              - word: work
                patterns:
                  - match: "*"
                    replies: ["Tell me about work."]
            fallback: ["Please go on."]
            """
        let (library, _) = ScriptLibrary.load(scripts: [SourceFile(path: "listening.yaml", text: "id: listening\n" + text)], prompts: [])
        guard let listening = library.ruleSets["listening"] else { throw WorkRulesError() }
        return listening
    }

    struct WorkRulesError: Error {}
}
