/// Everything the engine needs to continue a session: saved after every turn, replayable.
///
/// Pure data: the engine reads and returns it, never keeps it.
public struct SessionState: Sendable, Hashable, Codable {
    /// Where a session stands.
    public enum Status: String, Sendable, Hashable, Codable { case active, completed, abandoned }

    /// The flow the session runs (the outermost one when `call` nodes nest).
    public var flowID: String
    /// The flow file's content hash when the session began.
    public var flowHash: String
    public var status: Status
    /// The seed the session was started with; with the inputs it reproduces the session exactly.
    public var seed: UInt64
    /// Current state of the seeded random generator (SplitMix64).
    public var random: UInt64
    /// Where the session is waiting.
    public var cursor: Cursor
    /// Variable values by name (dotted names allowed).
    public var variables: [String: Value]
    /// Accepted answers in order.
    public var answers: [Answer]
    /// Every input the engine was given, in order: replaying them from the seed rebuilds this state.
    public var inputs: [Input]
    /// Invalid answers in a row at the current question.
    public var reasks: Int
    /// Passes made by each loop node (key: flow id + node id).
    public var loopPasses: [String: Int]
    /// Rule-set memory (rotation, stored remarks) by rule-set id.
    public var listeners: [String: ListenerMemory]
    /// The last free-text answer, which `reflect` nodes use by default.
    public var lastText: String?
    /// Why the last output was produced (for `/why`).
    public var explanation: String?
    /// Safety-net events, and whether the person is being asked how to go on.
    public var safety: SafetyState
    /// The summary, once the flow has completed.
    public var summary: SessionSummary?
    /// Questions finished so far (answered, skipped or given up), for progress.
    public var questionsDone: Int = 0
    /// The variables handed to `Engine.start`, so a replay starts exactly the same way.
    public var startVariables: [String: Value] = [:]
    /// No longer read or changed: progress is computed from the flow (`Progress`). Kept so session
    /// files written before keep their shape.
    public var questionsAdded: Int = 0
    /// The reflective question a `reflect` node asked and now waits on; the next line answers it.
    public var waitingReflection: String?
    /// Why the last reply or safety message was given, in words a person can read (`/why`);
    /// `explanation` keeps the engine's trace (`/why detail`, `--why`).
    public var why: String?
    /// The follow-up of an earlier commitment this session asked (or is asking) about, with its answer.
    public var followUp: FollowUp?

    public init(flowID: String, flowHash: String, seed: UInt64) {
        self.flowID = flowID
        self.flowHash = flowHash
        self.status = .active
        self.seed = seed
        self.random = seed
        self.cursor = Cursor(flowID: flowID, node: nil, returnStack: [])
        self.variables = [:]
        self.answers = []
        self.inputs = []
        self.reasks = 0
        self.loopPasses = [:]
        self.listeners = [:]
        self.lastText = nil
        self.explanation = nil
        self.safety = SafetyState()
        self.summary = nil
    }
}

/// Where in which flow a session waits, and where `call`s return to.
public struct Cursor: Sendable, Hashable, Codable {
    public struct Frame: Sendable, Hashable, Codable {
        public var flowID: String
        public var returnNode: String?

        public init(flowID: String, returnNode: String?) {
            self.flowID = flowID
            self.returnNode = returnNode
        }
    }

    /// The flow whose node is current.
    public var flowID: String
    /// The `ask` node waiting for an answer; nil before start and after the end.
    public var node: String?
    /// Callers to return to, innermost last.
    public var returnStack: [Frame]

    public init(flowID: String, node: String?, returnStack: [Frame]) {
        self.flowID = flowID
        self.node = node
        self.returnStack = returnStack
    }
}

/// One accepted answer.
public struct Answer: Sendable, Hashable, Codable {
    public var flowID: String
    public var nodeID: String
    /// The question as it was shown.
    public var question: String
    /// What the person typed.
    public var raw: String
    /// The parsed value saved.
    public var value: Value
    /// The variable it was saved to, if any.
    public var variable: String?

    public init(flowID: String, nodeID: String, question: String, raw: String, value: Value, variable: String?) {
        self.flowID = flowID
        self.nodeID = nodeID
        self.question = question
        self.raw = raw
        self.value = value
        self.variable = variable
    }
}

/// One input given to the engine.
public enum Input: Sendable, Hashable, Codable {
    /// A line typed as an answer.
    case line(String)
    /// `/skip`: leave the current question unanswered.
    case skip
    /// `/done` (journal-like flows): finish now and summarise.
    case finish
}

/// The safety net's record for a session.
public struct SafetyState: Sendable, Hashable, Codable {
    /// Every time the net fired.
    public var events: [SafetyEvent]
    /// True while the person is asked whether to continue, pause or leave.
    public var awaitingChoice: Bool
    /// True while the gentle check (possible risk) waits for its answer.
    public var awaitingCheck: Bool
    /// The line that raised the gentle check; used as the answer when the check is answered "no".
    public var heldLine: String?

    public init(events: [SafetyEvent] = [], awaitingChoice: Bool = false, awaitingCheck: Bool = false, heldLine: String? = nil) {
        self.events = events
        self.awaitingChoice = awaitingChoice
        self.awaitingCheck = awaitingCheck
        self.heldLine = heldLine
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        events = try c.decode([SafetyEvent].self, forKey: .events)
        awaitingChoice = try c.decode(Bool.self, forKey: .awaitingChoice)
        awaitingCheck = try c.decodeIfPresent(Bool.self, forKey: .awaitingCheck) ?? false
        heldLine = try c.decodeIfPresent(String.self, forKey: .heldLine)
    }
}

/// One firing of the safety net. The person's words are not copied here: the transcript has them.
public struct SafetyEvent: Sendable, Hashable, Codable {
    /// Which category fired: suicide, self-harm, harm-others or abuse.
    public var category: String
    /// The node that was interrupted.
    public var nodeID: String?
    /// Index of the input that triggered it, in `SessionState.inputs`.
    public var inputIndex: Int
    /// What the person chose afterwards: "continue", "pause", "leave", or nil while undecided.
    public var choice: String?
    /// `crisis` (the message with crisis lines) or `check` (the gentle question); nil in files
    /// written before the two tiers, which only had the crisis message.
    public var tier: SafetyNet.Tier?
    /// The rule that fired, the screener item it stands for, and its concepts in words.
    public var rule: String?
    public var screen: String?
    public var concepts: [String]?
    /// The answer to a gentle check: "no", "not a clear no" or "risk in the answer".
    public var answer: String?

    public init(category: String, nodeID: String?, inputIndex: Int, choice: String? = nil) {
        self.category = category
        self.nodeID = nodeID
        self.inputIndex = inputIndex
        self.choice = choice
    }
}

/// The end of a session: the rendered summary and the chosen next step.
public struct SessionSummary: Sendable, Hashable, Codable {
    public var text: String
    public var nextStepID: String?
    public var nextStepText: String?
    /// Named scores computed at the end (e.g. `exposure.score`).
    public var scores: [String: Value]
    /// The person's own intention (the flow's `intention:` variable), when they gave one: what the
    /// next session follows up in place of the next step.
    public var intention: String?

    public init(text: String, nextStepID: String?, nextStepText: String?, scores: [String: Value], intention: String? = nil) {
        self.text = text
        self.nextStepID = nextStepID
        self.nextStepText = nextStepText
        self.scores = scores
        self.intention = intention
    }
}

extension SessionState {
    /// Decodes a session, tolerating files written before the later fields existed.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        flowID = try c.decode(String.self, forKey: .flowID)
        flowHash = try c.decode(String.self, forKey: .flowHash)
        status = try c.decode(Status.self, forKey: .status)
        seed = try c.decode(UInt64.self, forKey: .seed)
        random = try c.decode(UInt64.self, forKey: .random)
        cursor = try c.decode(Cursor.self, forKey: .cursor)
        variables = try c.decode([String: Value].self, forKey: .variables)
        answers = try c.decode([Answer].self, forKey: .answers)
        inputs = try c.decode([Input].self, forKey: .inputs)
        reasks = try c.decode(Int.self, forKey: .reasks)
        loopPasses = try c.decode([String: Int].self, forKey: .loopPasses)
        listeners = try c.decode([String: ListenerMemory].self, forKey: .listeners)
        lastText = try c.decodeIfPresent(String.self, forKey: .lastText)
        explanation = try c.decodeIfPresent(String.self, forKey: .explanation)
        safety = try c.decode(SafetyState.self, forKey: .safety)
        summary = try c.decodeIfPresent(SessionSummary.self, forKey: .summary)
        questionsDone = try c.decodeIfPresent(Int.self, forKey: .questionsDone) ?? 0
        startVariables = try c.decodeIfPresent([String: Value].self, forKey: .startVariables) ?? [:]
        questionsAdded = try c.decodeIfPresent(Int.self, forKey: .questionsAdded) ?? 0
        waitingReflection = try c.decodeIfPresent(String.self, forKey: .waitingReflection)
        why = try c.decodeIfPresent(String.self, forKey: .why)
        followUp = try c.decodeIfPresent(FollowUp.self, forKey: .followUp)
    }
}
