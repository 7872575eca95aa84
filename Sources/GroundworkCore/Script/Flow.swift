/// A dialogue flow: a graph of nodes with a start node, loaded from `dialogues/*.yaml`.
public struct Flow: Sendable, Codable {
    /// Unique id, used by `groundwork start ID` and by `call` nodes.
    public var id: String
    public var title: String
    /// One line shown in `groundwork flows`.
    public var description: String
    /// Flow kind shown in menus: "reflection", "career", "group" or anything the author likes.
    public var category: String
    public var start: String
    /// Declared variables in declaration order.
    public var variables: [VariableDeclaration]
    /// Nodes by id.
    public var nodes: [String: Node]
    /// Node ids in file order (for progress counting and stable messages).
    public var nodeOrder: [String]
    /// Template shown when the flow completes.
    public var summary: Text?
    /// Ordered next-step rules; the first whose condition holds is chosen.
    public var nextSteps: [NextStepRule]
    /// How many fitting next steps the end offers to choose from (`next_steps_offer:`, default 1:
    /// the first rule that holds, no question). With 2 or more, the first rules that hold (distinct
    /// steps) are shown after the summary and the person's pick is the session's next step.
    public var nextStepsOffer: Int = 1
    /// Named scores computed when the flow completes (`name = expression`), in order.
    public var scores: [Assignment]
    /// The assessment run when the flow completes, before `scores` (the career check-in's exposure
    /// model, from the file's `assessment:` block); its variables are available to scores, summary
    /// and next steps.
    public var assessment: ExposureModel?
    /// Whether a session of this flow opens by asking how the person's last open commitment went
    /// (`follow_up:`, default true); the engine asks only when one is handed to `Engine.start`.
    public var followsUp: Bool = true
    /// The variable holding the person's own intention (`intention:`): when it has text at the end,
    /// it is what the next session follows up, in place of the next step.
    public var intention: String?
    /// Hex SHA-256 of the file's bytes, so a resumed session can tell the flow changed.
    public var contentHash: String
    public var location: SourceLocation

    public init(id: String, title: String, description: String = "", category: String = "reflection",
                start: String, variables: [VariableDeclaration] = [], nodes: [String: Node], nodeOrder: [String],
                summary: Text? = nil, nextSteps: [NextStepRule] = [], scores: [Assignment] = [],
                contentHash: String = "", location: SourceLocation, assessment: ExposureModel? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.category = category
        self.start = start
        self.variables = variables
        self.nodes = nodes
        self.nodeOrder = nodeOrder
        self.summary = summary
        self.nextSteps = nextSteps
        self.scores = scores
        self.contentHash = contentHash
        self.location = location
        self.assessment = assessment
    }
}

/// A typed variable with its default.
public struct VariableDeclaration: Sendable, Hashable, Codable {
    public enum VariableType: String, Sendable, Hashable, Codable { case number, string, bool, list }
    public var name: String
    public var type: VariableType
    public var defaultValue: Value
    public var location: SourceLocation

    public init(name: String, type: VariableType, defaultValue: Value, location: SourceLocation) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.location = location
    }
}

/// Text to show: inline (with `{{var}}` interpolation) or a named template from `prompts/`.
public enum Text: Sendable, Codable {
    case inline(Template)
    case prompt(name: String, location: SourceLocation)
}

/// `name = expression`, as in `set` nodes and scores.
public struct Assignment: Sendable, Codable {
    public var name: String
    public var expression: Expression
    public var location: SourceLocation

    public init(name: String, expression: Expression, location: SourceLocation) {
        self.name = name
        self.expression = expression
        self.location = location
    }
}

/// `if condition → step`, or the final `else` when `condition` is nil.
public struct NextStepRule: Sendable, Codable {
    public var condition: Expression?
    /// Stable id of the step, e.g. `own-an-outcome`.
    public var step: String
    /// What to tell the person to do.
    public var text: Text
    /// Steps of one family (`family:`, e.g. two ways of recording a squeezed workload) are never
    /// offered side by side: the first that holds stands for the family.
    public var family: String?
    public var location: SourceLocation

    public init(condition: Expression?, step: String, text: Text, location: SourceLocation) {
        self.condition = condition
        self.step = step
        self.text = text
        self.location = location
    }
}

extension NextStepRule {
    /// A step's name, for menus and follow-ups: its text up to the first colon ("Put the staffing
    /// on paper"), else its first eight words.
    public static func name(of text: String) -> String {
        if let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 60 {
            return String(text[..<colon]).trimmingWhitespace()
        }
        let words = text.split(separator: " ")
        return words.prefix(8).joined(separator: " ") + (words.count > 8 ? "…" : "")
    }
}

/// One node of a flow graph.
public struct Node: Sendable, Codable {
    public var id: String
    public var kind: Kind
    /// The node that follows; nil for `end`, `branch`, and for nodes whose kind decides.
    public var next: String?
    public var location: SourceLocation

    public init(id: String, kind: Kind, next: String?, location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.next = next
        self.location = location
    }

    /// What a node does.
    public enum Kind: Sendable, Codable {
        /// Say text and go on.
        case say(Text)
        /// Ask a question and wait for an answer.
        case ask(Question)
        /// Assign expressions to variables, in order.
        case set([Assignment])
        /// The first arm whose condition holds decides the next node; `otherwise` if none.
        case branch(arms: [BranchArm], otherwise: String?)
        /// Run a rule set over a text and say its reply.
        case reflect(Reflect)
        /// Repeat a body while a condition holds.
        case loop(Loop)
        /// Run another flow, then come back to `next`.
        case call(flow: String)
        /// End the flow, optionally saying something first.
        case end(Text?)
        /// Look a text up in a service of the library (task classifier, occupation reference) and
        /// save the result under dotted names, then go on.
        case lookup(Lookup)
    }
}

/// `if: expr, goto: node`.
public struct BranchArm: Sendable, Codable {
    public var condition: Expression
    public var target: String
    public var location: SourceLocation

    public init(condition: Expression, target: String, location: SourceLocation) {
        self.condition = condition
        self.target = target
        self.location = location
    }
}

/// A `reflect` node: a rule set run over a text (by default the last free-text answer).
public struct Reflect: Sendable, Codable {
    public var ruleSet: String
    /// Expression giving the text to reflect on; nil means the last free-text answer.
    public var source: Expression?
    /// Variable that receives the reply, if any.
    public var save: String?
    /// Whether a reply that is a question waits for the person's answer.
    public var wait: Wait
    /// Variable that receives the answer to a reply that waited, if any.
    public var answer: String?
    /// One short line said after an answer is taken (not when the person passes).
    public var acknowledge: Text?

    /// When a reflection waits for an answer.
    public enum Wait: String, Sendable, CaseIterable, Codable {
        /// A reply that ends with a question mark waits; a statement moves on.
        case questions
        /// Never waits: the next line is the flow's own (the journal's next entry).
        case never
    }

    public init(ruleSet: String, source: Expression? = nil, save: String? = nil, wait: Wait = .questions,
                answer: String? = nil, acknowledge: Text? = nil) {
        self.ruleSet = ruleSet
        self.source = source
        self.save = save
        self.wait = wait
        self.answer = answer
        self.acknowledge = acknowledge
    }

    /// Whether `reply` makes this node wait for an answer.
    public func waits(for reply: String) -> Bool {
        wait == .questions && reply.last(where: { !$0.isWhitespace }) == "?"
    }
}

/// A `classify: {text: expr, save: name}` or `match_occupation: {title: expr, save: name}` node.
///
/// `classify` sets `<save>.label` (`e0`, `e1`, `e2`; null when no classifier is loaded) and
/// `<save>.reason`. `match_occupation` sets `<save>.count` (0 when no reference is loaded) and, for
/// n = 1…3, `<save>.title<n>`, `<save>.code<n>`, `<save>.score<n>`, `<save>.line<n>`.
public struct Lookup: Sendable, Codable {
    /// Which library service answers.
    public enum Service: String, Sendable, Hashable, CaseIterable, Codable {
        case classify
        case matchOccupation = "match_occupation"
    }

    public var service: Service
    /// The text to look up.
    public var source: Expression
    /// Prefix of the variables set.
    public var save: String

    public init(service: Service, source: Expression, save: String) {
        self.service = service
        self.source = source
        self.save = save
    }

    /// The variables the node sets.
    public var producedNames: [String] {
        switch service {
        case .classify:
            return ["\(save).label", "\(save).reason"]
        case .matchOccupation:
            return ["\(save).count"] + (1...3).flatMap { n in
                ["title", "code", "score", "line"].map { "\(save).\($0)\(n)" }
            }
        }
    }
}

/// A `loop` node: while `condition` holds (checked before each pass) run from `body`, whose path
/// comes back to this node; otherwise go to the node's `next`. `counter` counts passes (from 0).
public struct Loop: Sendable, Codable {
    public var condition: Expression
    public var body: String
    /// Hard cap on passes, so a loop can never run away.
    public var maxPasses: Int
    /// Variable holding the number of completed passes.
    public var counter: String?
    /// What one pass is called in the progress line (`item:`, e.g. "task" for "task 3"); "round" when nil.
    public var item: String?
    /// About how many passes to expect (`expect:`, default 1), so the progress line can say how many
    /// questions are left before the passes are made.
    public var expectedPasses: Int
    /// The pass's number in the progress line (`number:`, e.g. `len(task_names) + 1` when earlier
    /// tasks were kept without the loop); the passes so far when nil.
    public var number: Expression?

    /// What a pass is called when the loop does not say.
    public static let defaultItem = "round"

    public init(condition: Expression, body: String, maxPasses: Int = 20, counter: String? = nil,
                item: String? = nil, expectedPasses: Int = 1) {
        self.condition = condition
        self.body = body
        self.maxPasses = maxPasses
        self.counter = counter
        self.item = item
        self.expectedPasses = expectedPasses
    }
}

/// An `ask` node's question.
public struct Question: Sendable, Codable {
    public var prompt: Text
    public var input: InputKind
    /// Variable that receives the parsed answer.
    public var save: String?
    /// Said when an answer does not validate; a default per input kind otherwise.
    public var reask: Text?
    /// After this many invalid answers in a row the flow gives up on the question.
    public var maxReasks: Int
    /// Where to go after `maxReasks` invalid answers (default: skip to `next`, saving the default).
    public var onGiveUp: String?
    /// Extra help shown by `/help` and after repeated invalid answers.
    public var help: Text?
    /// Whether `/skip` may leave this question unanswered.
    public var skippable: Bool
    /// Earlier free text that may already hold the answer (`fill_from:`): a number with its unit
    /// ("about 14 years") is offered, and Enter keeps it, instead of asking as if it had not been said.
    public var fillFrom: Expression?
    /// An earlier session's answer to the same question (`keep:`, e.g. `previous.info_share`):
    /// offered, and Enter keeps it, so a repeat session asks only what changed.
    public var keep: Expression?

    public init(prompt: Text, input: InputKind, save: String? = nil, reask: Text? = nil, maxReasks: Int = 3,
                onGiveUp: String? = nil, help: Text? = nil, skippable: Bool = true) {
        self.prompt = prompt
        self.input = input
        self.save = save
        self.reask = reask
        self.maxReasks = maxReasks
        self.onGiveUp = onGiveUp
        self.help = help
        self.skippable = skippable
    }
}

/// What a number question counts, for answers given in other words or units.
public enum NumberUnit: String, Sendable, CaseIterable, Codable {
    /// A share from 0 to 100: "25%", "a quarter", "half".
    case percent
    /// A span of years: "14 years", "18 months", "a year and a half".
    case years
}

/// The kinds of answer a question accepts.
public enum InputKind: Sendable, Codable {
    /// Free text; `minLength` characters at least (after trimming).
    case text(minLength: Int)
    /// One option: a number, or an unambiguous prefix of a label.
    case choice([ChoiceOption])
    /// Several options, separated by commas or spaces: numbers or labels.
    case multi([ChoiceOption], min: Int, max: Int?)
    /// A whole number from `min` to `max` with labelled ends.
    case scale(min: Int, max: Int, minLabel: String, maxLabel: String)
    /// A number in a range; `integer` refuses fractions. `unit` says what it counts, so that
    /// "6 months" can be half a year and "a quarter" 25 percent.
    case number(min: Double?, max: Double?, integer: Bool, unit: NumberUnit? = nil)
    /// yes/no (y, n, yeah, nope…).
    case yesno
}

/// One option of a choice question.
public struct ChoiceOption: Sendable, Hashable, Codable {
    public var label: String
    /// Value saved when chosen; the label when nil.
    public var value: Value?
    /// Node to go to when chosen (choice only); the question's `next` when nil.
    public var next: String?

    public init(label: String, value: Value? = nil, next: String? = nil) {
        self.label = label
        self.value = value
        self.next = next
    }
}
