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

/// Where a question stands in its flow, computed from the flow's graph so that it never grows as
/// a loop repeats: "question 4 of 12" when the rest of the flow is known, "task 3 · about 12
/// questions left" inside a loop, "about 29 questions left" before one.
public struct Progress: Sendable, Hashable, Codable {
    /// A loop pass: what the loop calls one (`item:`) and its number from 1.
    public struct Pass: Sendable, Hashable, Codable {
        public var name: String
        public var number: Int

        public init(name: String, number: Int) {
            self.name = name
            self.number = number
        }
    }

    /// This question's number among the questions finished so far, from 1.
    public var index: Int
    /// `index` plus the questions after this one on the longest way to the end; never grows.
    public var total: Int
    /// The loop pass the question belongs to; nil outside loops.
    public var pass: Pass?
    /// Whether `total` is an estimate: a loop lies ahead, or the question is inside one.
    public var estimated: Bool

    public init(index: Int, total: Int, pass: Pass? = nil, estimated: Bool = false) {
        self.index = index
        self.total = max(index, total)
        self.pass = pass
        self.estimated = estimated || pass != nil
    }

    /// Questions left, this one included.
    public var left: Int { total - index + 1 }

    /// The progress in words, as plain output and the terminal show it (without parentheses).
    public var text: String {
        guard estimated else { return "question \(index) of \(total)" }
        let count = "about \(left) \(left == 1 ? "question" : "questions") left"
        guard let pass else { return count }
        return "\(pass.name) \(pass.number) · " + count
    }
}
