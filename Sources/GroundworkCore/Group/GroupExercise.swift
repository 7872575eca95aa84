/// A facilitated group exercise: an ordered list of steps run for a room around one screen,
/// loaded from a `dialogues/group/*.yaml` file with `kind: group-exercise`.
public struct GroupExercise: Sendable, Codable {
    public var id: String
    public var title: String
    /// One line shown in listings.
    public var description: String
    /// Where the exercise comes from (e.g. Liberating Structures), shown at the start and in the export.
    public var credit: String?
    /// Whether contributions are anonymous unless the facilitator says otherwise.
    public var anonymous: Bool
    /// Fewest and most participants the exercise works with.
    public var minParticipants: Int
    public var maxParticipants: Int
    public var steps: [GroupStep]
    /// Hex SHA-256 of the file's bytes, so a resumed group can tell the exercise changed.
    public var contentHash: String
    public var location: SourceLocation

    public init(id: String, title: String, description: String = "", credit: String? = nil, anonymous: Bool = false,
                minParticipants: Int = 2, maxParticipants: Int = 12, steps: [GroupStep], contentHash: String = "",
                location: SourceLocation) {
        self.id = id
        self.title = title
        self.description = description
        self.credit = credit
        self.anonymous = anonymous
        self.minParticipants = minParticipants
        self.maxParticipants = maxParticipants
        self.steps = steps
        self.contentHash = contentHash
        self.location = location
    }

    /// The index of the step with `id`.
    public func index(of id: String) -> Int? { steps.firstIndex { $0.id == id } }

    /// Whether step `id` is put to the whole group at once.
    func isGroupStep(_ id: String) -> Bool {
        guard let step = steps.first(where: { $0.id == id }), case .ask(let question) = step.kind else { return false }
        return question.audience == .group
    }
}

/// One step of a group exercise.
public struct GroupStep: Sendable, Codable {
    public var id: String
    /// Short heading shown when the step begins ("On your own").
    public var title: String
    public var kind: Kind
    /// Seconds the step is given; nil when it is not timed.
    public var timebox: Double?
    /// Text shown before a show or tally step's lines.
    public var intro: Text?
    public var location: SourceLocation

    public init(id: String, title: String, kind: Kind, timebox: Double? = nil, intro: Text? = nil, location: SourceLocation) {
        self.id = id
        self.title = title
        self.kind = kind
        self.timebox = timebox
        self.intro = intro
        self.location = location
    }

    /// What a step does.
    public enum Kind: Sendable, Codable {
        /// Text for the room; the exercise goes straight on.
        case say(Text)
        /// Text for the room, then the room talks until the facilitator types `/next`.
        case discuss(Text)
        /// A question answered by each addressee in turn.
        case ask(GroupQuestion)
        /// Dot voting over the contributions of an earlier step.
        case vote(GroupVote)
        /// Every contribution of an earlier step (named, or anonymous and shuffled).
        case show(step: String)
        /// How many participants chose each option of an earlier choice or multi step.
        case tally(step: String)
        /// The spread of a number across participants (exposure), optionally from career check-ins.
        case spread(GroupSpread)
    }
}

/// Who a step's question is put to.
public enum Audience: String, Sendable, Hashable, Codable {
    /// Each participant in turn.
    case each
    /// Pairs in turn (an odd one out joins the last pair).
    case pairs
    /// Groups of four in turn (a remainder of one to three joins the last group or forms its own).
    case fours
    /// The whole group at once; the facilitator types the answer.
    case group
}

/// What a contribution counts as in the export.
public enum ContributionKind: String, Sendable, Hashable, Codable {
    case contribution
    case decision
    case nextStep = "next-step"
}

/// An `ask` step.
public struct GroupQuestion: Sendable, Codable {
    public var prompt: Text
    public var input: InputKind
    public var audience: Audience
    /// No echo while typing, the screen cleared after each turn, shown back shuffled.
    public var isPrivate: Bool
    public var record: ContributionKind

    public init(prompt: Text, input: InputKind = .text(minLength: 0), audience: Audience = .each,
                isPrivate: Bool = false, record: ContributionKind = .contribution) {
        self.prompt = prompt
        self.input = input
        self.audience = audience
        self.isPrivate = isPrivate
        self.record = record
    }
}

/// A `vote` step: each participant spends up to `dots` dots on the contributions of step `on`.
public struct GroupVote: Sendable, Codable {
    public var prompt: Text?
    public var on: String
    public var dots: Int
    /// How many of the most-voted contributions count as the group's choice (0: none).
    public var choose: Int
    /// What the chosen contributions count as in the export.
    public var record: ContributionKind

    public init(prompt: Text? = nil, on: String, dots: Int, choose: Int = 0, record: ContributionKind = .contribution) {
        self.prompt = prompt
        self.on = on
        self.dots = dots
        self.choose = choose
        self.record = record
    }
}

/// A `spread` step: each participant's value of a number step, or their latest check-in score when
/// they have one and the `consent` step's answer was yes.
public struct GroupSpread: Sendable {
    public var prompt: Text?
    /// The number step whose answers are the fallback values.
    public var values: String
    /// The participant fact that holds a check-in score (e.g. `checkin.exposure`), if any.
    public var fact: String?
    /// A yes/no step whose answer allows using the fact.
    public var consent: String?
    /// Band names with their lower bounds, ascending (e.g. low 0, medium 34, high 67).
    public var bands: [(name: String, from: Double)]

    public init(prompt: Text? = nil, values: String, fact: String? = nil, consent: String? = nil,
                bands: [(name: String, from: Double)] = []) {
        self.prompt = prompt
        self.values = values
        self.fact = fact
        self.consent = consent
        self.bands = bands
    }
}
