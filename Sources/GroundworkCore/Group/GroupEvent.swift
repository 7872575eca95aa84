/// Something the group engine wants shown to the room, in order.
public enum GroupEvent: Sendable, Hashable {
    /// A heading: the exercise's title, or a step's ("Step 2 of 6: On your own (1m)").
    case heading(String)
    /// Text for the room.
    case say(String)
    /// Lines of a list: contributions, ballot options, a tally, a spread.
    case list([String])
    /// Whose turn it is, and how to answer.
    case turn(GroupTurn)
    /// The last answer did not validate.
    case invalid(String)
    /// A short notice ("Skipped ana.").
    case notice(String)
    /// The step's time is up: ring the bell. The facilitator decides when to move on.
    case bell
    /// A private turn is over: clear the screen so the next person cannot read it.
    case clear
    /// A message for the facilitator (the safety net fired); never holds the participant's words.
    case facilitator(String)
    /// The Markdown summary at the end.
    case summary(String)
    /// The exercise has ended.
    case end
}

/// The prompt for the unit whose turn it is.
public struct GroupTurn: Sendable, Hashable {
    /// Who answers: one person, a pair, a four, or everyone.
    public var names: [String]
    /// "ana", "ana & ben", "the whole group", or "facilitator" while the room talks.
    public var label: String
    public var stepID: String
    public var kind: Prompt.Kind
    /// Typing is hidden and the screen cleared afterwards.
    public var isPrivate: Bool
    /// Seconds left on the step's timer at the moment the turn was shown; nil when untimed.
    public var remaining: Double?
    public var paused: Bool
    /// True while the room talks and only the facilitator's `/next` moves on.
    public var waitsForFacilitator: Bool
    /// The whole group answers as one (typed at the facilitator's keyboard, in a hosted room too).
    public var isWholeGroup: Bool

    public init(names: [String], label: String, stepID: String, kind: Prompt.Kind, isPrivate: Bool,
                remaining: Double?, paused: Bool, waitsForFacilitator: Bool, isWholeGroup: Bool = false) {
        self.names = names
        self.label = label
        self.stepID = stepID
        self.kind = kind
        self.isPrivate = isPrivate
        self.remaining = remaining
        self.paused = paused
        self.waitsForFacilitator = waitsForFacilitator
        self.isWholeGroup = isWholeGroup
    }

    /// The prompt as one line: "ana, your turn [0:45 left, private]".
    public var line: String {
        var tags: [String] = []
        if paused { tags.append("paused") } else if let remaining {
            tags.append(remaining > 0 ? "\(GroupDuration.clock(remaining)) left" : "time is up")
        }
        if isPrivate { tags.append("private") }
        let suffix = tags.isEmpty ? "" : " [" + tags.joined(separator: ", ") + "]"
        if waitsForFacilitator { return "\(label): /next when the room is ready\(suffix)" }
        return "\(label), your turn\(suffix)"
    }
}

extension GroupEvent {
    /// The exact lines plain (non-terminal) output prints; group transcripts are written in them.
    public func plainLines() -> [String] {
        switch self {
        case .heading(let text): return ["== \(text) =="]
        case .say(let text), .invalid(let text): return Event.lines(text)
        case .summary(let text): return [""] + Event.lines(text)
        case .list(let lines): return lines
        case .turn(let turn): return [turn.line]
        case .notice(let text): return ["(\(text))"]
        case .bell: return ["(Time is up. The facilitator decides when to move on: /next, or /extend 1m.)"]
        case .clear, .end: return []
        case .facilitator(let text): return Event.lines(text).map { "! " + $0 }
        }
    }
}
