/// Something the engine wants shown, in order. The renderer decides how it looks.
public enum Event: Sendable, Hashable, Codable {
    /// Coach text (a `say` node, an `end` text, a prompt template).
    case say(String)
    /// A question waiting for an answer.
    case ask(Prompt)
    /// The last answer did not validate: the re-ask message (the question is asked again after it).
    case invalid(String)
    /// A reflective reply from a rule set.
    case reflect(String)
    /// The safety net fired: a calm message with crisis resources and the choices offered.
    case safety(String)
    /// The safety net's gentle check (possible risk): one direct question, with the crisis lines,
    /// waiting for yes or no.
    case safetyCheck(String)
    /// A short engine notice ("skipped", "went back one answer").
    case notice(String)
    /// The summary shown when a flow completes.
    case summary(String)
    /// The one suggested next step.
    case nextStep(id: String, text: String)
    /// The flow has ended.
    case end
}

/// A question as shown to the person.
public struct Prompt: Sendable, Hashable, Codable {
    /// Input kinds, named as in scripts.
    public enum Kind: String, Sendable, Hashable, Codable { case text, choice, multi, scale, number, yesno }

    /// The rendered question.
    public var text: String
    public var kind: Kind
    /// Option labels for choice and multi, in order (shown numbered from 1).
    public var options: [String]
    /// For scale: "1 = not at all … 5 = completely"; for number: the range; else nil.
    public var hint: String?
    /// "question 4 of 12", when the flow counts its questions.
    public var progress: Progress?
    /// The node asking, for `/why` and resume.
    public var nodeID: String

    public init(text: String, kind: Kind, options: [String] = [], hint: String? = nil,
                progress: Progress? = nil, nodeID: String) {
        self.text = text
        self.kind = kind
        self.options = options
        self.hint = hint
        self.progress = progress
        self.nodeID = nodeID
    }
}

/// Position in a flow's questions.
public struct Progress: Sendable, Hashable, Codable {
    public var index: Int
    public var total: Int

    public init(index: Int, total: Int) {
        self.index = index
        self.total = total
    }
}
