/// Everything needed to continue a group exercise: saved after every turn, so a crash loses nothing.
///
/// Pure data: `GroupEngine` reads and returns it. Times are seconds on the injected clock.
public struct GroupState: Sendable, Hashable, Codable {
    public var exerciseID: String
    /// The exercise file's content hash when the group began.
    public var exerciseHash: String
    public var status: SessionState.Status
    public var seed: UInt64
    /// Current state of the seeded random generator (SplitMix64), for shuffles.
    public var random: UInt64
    public var anonymous: Bool
    public var facilitator: String?
    /// Everyone who took part, in order; removed participants stay with `active == false`.
    public var participants: [Participant]
    /// The step the group is at (`steps.count` once completed).
    public var stepIndex: Int
    /// Who the current step addresses, one unit per turn (a person, a pair, a four, or everyone).
    public var units: [[String]]
    /// The unit whose turn it is; `units.count` when nobody is left to answer.
    public var turn: Int
    /// Units of each step that took answers, so `/back` can return to it.
    public var unitsByStep: [String: [[String]]]
    /// Every accepted answer and vote, in order.
    public var contributions: [Contribution]
    /// Next contribution id.
    public var nextContributionID: Int
    /// For show and vote steps: the contribution ids in the order shown (shuffled when anonymous).
    public var orders: [String: [Int]]
    public var timer: StepTimer?
    /// Why the exercise is paused, if it is.
    public var pause: PauseReason?
    /// Every time the safety net fired. The words are never kept.
    public var safety: [GroupSafetyEvent]
    /// The Markdown summary, once the exercise has ended.
    public var summary: String?
    /// When the group began, on the injected clock.
    public var startedAt: Double
    /// The step the facilitator ended the exercise at with `/end` (1-based), if before the last.
    public var endedAtStep: Int? = nil
    /// Units of the current step that answered out of turn, from their own devices in a hosted
    /// room; passed over when their turn comes. Nil in one-keyboard groups.
    public var answeredUnits: [Int]? = nil
    /// A hosted room's code and token digests, so that a resumed host lets the same people back in.
    public var room: RoomRecord? = nil

    public init(exerciseID: String, exerciseHash: String, seed: UInt64, anonymous: Bool, facilitator: String?,
                participants: [Participant], startedAt: Double) {
        self.exerciseID = exerciseID
        self.exerciseHash = exerciseHash
        self.status = .active
        self.seed = seed
        self.random = seed
        self.anonymous = anonymous
        self.facilitator = facilitator
        self.participants = participants
        self.stepIndex = 0
        self.units = []
        self.turn = 0
        self.unitsByStep = [:]
        self.contributions = []
        self.nextContributionID = 1
        self.orders = [:]
        self.timer = nil
        self.pause = nil
        self.safety = []
        self.summary = nil
        self.startedAt = startedAt
    }

    /// Names of participants still taking part, in order.
    public var activeNames: [String] { participants.filter(\.active).map(\.name) }

    /// The participant called `name` (case-insensitive).
    public func participant(_ name: String) -> Participant? {
        participants.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Contributions of step `id`, in order.
    public func contributions(of id: String) -> [Contribution] { contributions.filter { $0.stepID == id } }
}

/// One person in the room.
public struct Participant: Sendable, Hashable, Codable {
    public var name: String
    public var active: Bool
    /// Facts the caller handed in (e.g. `checkin.exposure` from the latest career check-in).
    public var facts: [String: Value]

    public init(name: String, active: Bool = true, facts: [String: Value] = [:]) {
        self.name = name
        self.active = active
        self.facts = facts
    }
}

/// One accepted answer (or ballot) of a unit at a step.
public struct Contribution: Sendable, Hashable, Codable {
    public var id: Int
    public var stepID: String
    /// Who gave it (one person, a pair, a four, or the whole group).
    public var authors: [String]
    /// The unit's index in the step's units, for `/back`.
    public var unit: Int
    /// The question as shown.
    public var question: String
    /// What was typed.
    public var raw: String
    /// The parsed value: text, a number, a choice, or for votes the list of ballot positions (from 0).
    public var value: Value
    public var record: ContributionKind
    /// Typed without echo; shown back only anonymously.
    public var isPrivate: Bool
    public var time: Double

    public init(id: Int, stepID: String, authors: [String], unit: Int, question: String, raw: String, value: Value,
                record: ContributionKind, isPrivate: Bool, time: Double) {
        self.id = id
        self.stepID = stepID
        self.authors = authors
        self.unit = unit
        self.question = question
        self.raw = raw
        self.value = value
        self.record = record
        self.isPrivate = isPrivate
        self.time = time
    }
}

/// A step's countdown, driven by the injected clock.
public struct StepTimer: Sendable, Hashable, Codable {
    /// Seconds given, extensions included.
    public var duration: Double
    public var startedAt: Double
    /// When a pause began, while paused.
    public var pausedAt: Double?
    /// Seconds spent paused before the current pause.
    public var pausedTotal: Double
    /// Whether the bell has rung for the current deadline.
    public var rung: Bool

    public init(duration: Double, startedAt: Double) {
        self.duration = duration
        self.startedAt = startedAt
        self.pausedAt = nil
        self.pausedTotal = 0
        self.rung = false
    }

    /// Seconds left at `now` (negative once over time).
    public func remaining(at now: Double) -> Double {
        let paused = pausedTotal + (pausedAt.map { max(0, now - $0) } ?? 0)
        return duration - (now - startedAt - paused)
    }
}

/// Why a group is paused.
public enum PauseReason: String, Sendable, Hashable, Codable {
    case facilitator
    /// The safety net fired on someone's input; the facilitator decides how to go on.
    case safety
}

/// One firing of the safety net in a group. The words are not kept anywhere.
public struct GroupSafetyEvent: Sendable, Hashable, Codable {
    public var participant: String
    public var stepID: String
    public var category: String
    public var time: Double
    /// `crisis` or `check` (nil in files written before the two tiers).
    public var tier: SafetyNet.Tier?
    /// The concepts that fired, in words, for the facilitator's `/why`.
    public var concepts: [String]?

    public init(participant: String, stepID: String, category: String, time: Double) {
        self.participant = participant
        self.stepID = stepID
        self.category = category
        self.time = time
    }
}
