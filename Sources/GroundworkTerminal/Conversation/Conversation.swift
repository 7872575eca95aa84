import GroundworkCore

/// What one turn of a conversation produced: what to show, whether it must be saved first, and
/// whether the conversation goes on.
public struct Turn {
    public enum Outcome: Sendable, Hashable {
        /// Read the next line.
        case goOn
        /// The conversation reached its end (a flow's `.end`, the journal's `/done`, a pick in the menu).
        case ended
        /// The person left; the conversation is saved and can be resumed.
        case left
    }

    public var shown: [Shown]
    /// The state changed: save it (with `shown`, for the transcript) before anything is shown.
    public var saves: Bool
    public var outcome: Outcome
    /// `--why`: the explanation of this turn, given after it is shown.
    public var explanation: String?

    public init(_ shown: [Shown] = [], saves: Bool = false, outcome: Outcome = .goOn, explanation: String? = nil) {
        self.shown = shown
        self.saves = saves
        self.outcome = outcome
        self.explanation = explanation
    }
}

/// One conversation the runner drives: a flow, the journal, the home menu, a group exercise.
/// Each knows what a line means to it; the runner owns everything around that (reading, Ctrl-C
/// twice, Ctrl-D, too-long lines, slash-command dispatch, saving before showing, held signals).
public protocol Conversation: AnyObject {
    /// What is shown first (a greeting and the first question, a resumed step, a menu).
    func open() throws -> Turn
    /// The next read: its prompt label (nil for the plain "> "), whether it is secret, and whether
    /// it ticks while waiting.
    var promptLabel: String? { get }
    var secret: Bool { get }
    /// The question being asked, for Tab completion; nil between questions.
    var currentPrompt: Prompt? { get }
    /// Slash commands are the runner's to dispatch (flows, the journal); false hands every line
    /// over as typed (a group's facilitator commands are the group engine's).
    var takesSlashCommands: Bool { get }
    /// One line the person typed.
    func take(_ line: String) throws -> Turn
    /// A slash command other than `/quit` and `/save`, which the runner handles itself.
    func command(_ command: SlashCommand) throws -> Turn
    /// Called before each read and about once a second while waiting: a timer's events, or nothing.
    func tick() -> Turn
    /// A descriptor that is readable when the conversation has something to show before the next
    /// second's tick (a hosted room's devices); nil for none.
    var wake: Int32? { get }
    /// Writes the conversation's state with what this turn shows.
    func save(_ shown: [Shown]) throws
    /// The words for leaving (Ctrl-D, `/quit`, a second Ctrl-C, the end of input), after the save.
    var leaving: [Shown] { get }
    /// Runs a turn with the signals that would end the process held (see `SessionPersistence`).
    func holdingSignals(_ turn: () throws -> Void) throws
}

extension Conversation {
    public var promptLabel: String? { nil }
    public var secret: Bool { false }
    public var currentPrompt: Prompt? { nil }
    public var takesSlashCommands: Bool { true }
    public func tick() -> Turn { Turn() }
    public var wake: Int32? { nil }
    public func command(_ command: SlashCommand) throws -> Turn {
        Turn([.message("that command does nothing here; /help lists what does")])
    }
    public func holdingSignals(_ turn: () throws -> Void) throws { try turn() }
}
