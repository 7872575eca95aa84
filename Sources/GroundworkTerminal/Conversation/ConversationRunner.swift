import GroundworkCore

/// Drives any conversation: reads a line, dispatches a slash command or hands the line over,
/// saves the turn, then shows it — one loop for flows, the journal, the home menu and groups.
///
/// Saving comes before showing, so nothing is shown as taken (the next question, a reflection, a
/// contribution) before it is on disk; each turn runs with the ending signals held.
public final class ConversationRunner {
    private let conversation: any Conversation
    private let reader: LineReader
    private let renderer: Renderer
    /// `--why`: receives the explanation of every turn, for scripted runs that want to see it.
    private let explain: ((String) -> Void)?

    public init(_ conversation: any Conversation, reader: LineReader, renderer: Renderer,
                explain: ((String) -> Void)? = nil) {
        self.conversation = conversation
        self.reader = reader
        self.renderer = renderer
        self.explain = explain
    }

    /// Runs until the conversation ends (`.ended`) or the person leaves (`.left`, saved). Throws
    /// only when saving fails; the terminal is restored by then.
    @discardableResult
    public func run() throws -> Turn.Outcome {
        var outcome = Turn.Outcome.goOn
        try conversation.holdingSignals { outcome = try apply(conversation.open()) }
        var interruptedOnce = false
        while outcome == .goOn {
            let pending = conversation.tick()
            if !pending.shown.isEmpty || pending.saves {
                try conversation.holdingSignals { outcome = try apply(pending) }
                if outcome != .goOn { break }
            }
            var failure: (any Error)?
            // Something elsewhere ended the conversation while the person was typing (the last
            // answer of a hosted room came from a device): shown, then the run ends.
            var endedWhileWaiting = false
            reader.setCurrentPrompt(conversation.currentPrompt)
            let secret = conversation.secret
            let read = reader.readLine(LineRequest(
                prompt: renderer.prompt(conversation.promptLabel), secret: secret,
                idle: { [conversation, renderer] in
                    let turn = conversation.tick()
                    if turn.saves {
                        do { try conversation.save(turn.shown) } catch {
                            failure = error
                            return Idle(prompt: renderer.prompt(conversation.promptLabel), stop: true)
                        }
                    }
                    let text = renderer.text(turn.shown)
                    if turn.outcome == .ended { endedWhileWaiting = true }
                    return Idle(text: text.isEmpty ? nil : text, prompt: renderer.prompt(conversation.promptLabel),
                                stop: turn.outcome == .ended)
                }, wake: conversation.wake))
            // A save that failed during a tick ends the run here, after the reader restored the terminal.
            if let failure { throw failure }
            if endedWhileWaiting {
                outcome = .ended
                break
            }
            switch read {
            case .endOfInput:
                return try leaving()
            case .tooLong(let bytes):
                interruptedOnce = false
                renderer.notice(InputLimits.tooLongMessage(bytes: bytes))
            case .interrupted:
                if interruptedOnce { return try leaving() }
                interruptedOnce = true
                renderer.notice("line dropped; press Ctrl-C again to save and leave")
            case .line(let line):
                interruptedOnce = false
                if !secret { reader.addToHistory(line) }
                try conversation.holdingSignals {
                    guard conversation.takesSlashCommands, let command = SlashCommand(parsing: line) else {
                        outcome = try apply(conversation.take(line))
                        return
                    }
                    switch command {
                    case .quit:
                        outcome = try leave()
                    case .save:
                        try conversation.save([])
                        renderer.notice("saved")
                    case .unknown(let word):
                        renderer.message("unknown command '/\(word)'; /help lists them")
                    default:
                        outcome = try apply(conversation.command(command))
                    }
                }
            }
        }
        reader.setCurrentPrompt(nil)
        return outcome
    }

    /// Saves the turn when it changed the state, then shows it: a failed save shows nothing as taken.
    private func apply(_ turn: Turn) throws -> Turn.Outcome {
        if turn.saves { try conversation.save(turn.shown) }
        renderer.show(turn.shown)
        if let explain, let explanation = turn.explanation { explain(explanation) }
        return turn.outcome
    }

    private func leaving() throws -> Turn.Outcome {
        try conversation.holdingSignals { _ = try leave() }
        return .left
    }

    private func leave() throws -> Turn.Outcome {
        try conversation.save([])
        reader.setCurrentPrompt(nil)
        renderer.show(conversation.leaving)
        return .left
    }
}
