import GroundworkCore

/// Free journaling as a conversation: each line goes to the `JournalSession` in Core; `/done`
/// finishes it with its summary.
public final class JournalConversation: Conversation {
    private var session: JournalSession
    private let persistence: SessionPersistence
    private let interactive: Bool

    public init(_ session: JournalSession, persistence: SessionPersistence, interactive: Bool) {
        self.session = session
        self.persistence = persistence
        self.interactive = interactive
    }

    /// The session as it stands (tests and callers read it after the run).
    public var state: SessionState { session.state }

    /// On a terminal, how to use the journal and the rule set's opening line when it has one;
    /// through a pipe nothing, so that replies pair with input lines one to one.
    public func open() throws -> Turn {
        guard interactive else { return Turn() }
        let help = Shown.notice("Write whatever is on your mind, a line at a time. /done to finish, /quit to leave.")
        return Turn([help] + (session.opening.map { [Shown.event(.reflect($0))] } ?? []))
    }

    public func take(_ line: String) throws -> Turn {
        // Appended in place: the session is this object's own, so a turn's cost stays flat.
        let reply = session.write(line)
        return Turn([.event(reply)], saves: true, explanation: session.state.explanation)
    }

    public func command(_ command: SlashCommand) throws -> Turn {
        switch command {
        case .done:
            let events = session.finish()
            // The summary is shown; `.end` is kept for the transcript only.
            return Turn(events.map(Shown.event), saves: true, outcome: .ended)
        case .why: return Turn([.message(FlowConversation.whyText(of: session.state))])
        case .whyDetail: return Turn([.message(session.state.explanation ?? "(nothing to explain yet)")])
        case .summary: return Turn([.message(session.summaryText)])
        case .help:
            return Turn([.message("Write a line and the coach reflects it back.\n" + SlashCommand.all
                .filter { ["/help", "/save", "/summary", "/why", "/done", "/quit"].contains($0.name) }
                .map { "  \($0.name.padding(to: 9))\($0.about)" }.joined(separator: "\n"))])
        case .back, .skip:
            return Turn([.message("a journal has no questions to go back to or skip; /done finishes it")])
        case .quit, .save, .unknown: return Turn()
        }
    }

    public func save(_ shown: [Shown]) throws {
        try persistence.save(session.state, shown.events)
    }

    public var leaving: [Shown] {
        guard interactive else { return [] }
        // `journal --no-save` keeps nothing, so it must not promise a journal to come back to.
        if persistence is DiscardingPersistence { return [.notice("nothing was kept (--no-save)")] }
        return [.notice("saved; 'groundwork resume' continues this journal")]
    }

    public func holdingSignals(_ turn: () throws -> Void) throws {
        try persistence.holdingSignals(turn)
    }
}
