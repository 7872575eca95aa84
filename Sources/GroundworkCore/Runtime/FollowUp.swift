/// Something the person meant to do, from an earlier session: the next step it ended with, or the
/// intention they gave there (a flow's `intention:` variable).
///
/// Core never looks for it: the terminal finds the open one in the person's saved sessions and
/// hands it to `Engine.start` as start variables (`variables`), so a replay or `/back` starts the
/// same way, and the engine asks how it went before the flow's first question (`FollowUp`).
public struct Commitment: Sendable, Hashable, Codable {
    /// Where the commitment came from.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The next step a completed session ended with.
        case nextStep = "next-step"
        /// The person's own intention (a flow's `intention:` variable).
        case intention
    }

    /// The id of the session that made it.
    public var sessionID: String
    public var kind: Kind
    /// The commitment in words, as the person saw it.
    public var text: String
    /// The next step's id, for a next step.
    public var stepID: String?
    /// The title of the flow that made it.
    public var flowTitle: String
    /// Calendar days between that session and this one (1 is yesterday).
    public var ageDays: Int

    public init(sessionID: String, kind: Kind, text: String, stepID: String? = nil, flowTitle: String, ageDays: Int) {
        self.sessionID = sessionID
        self.kind = kind
        self.text = text
        self.stepID = stepID
        self.flowTitle = flowTitle
        self.ageDays = ageDays
    }

    /// The start variables that hand it to `Engine.start` (`followup.session`, `followup.text`, …).
    public var variables: [String: Value] {
        var variables: [String: Value] = [
            "followup.session": .string(sessionID), "followup.kind": .string(kind.rawValue), "followup.text": .string(text),
            "followup.flow": .string(flowTitle), "followup.age_days": .number(Double(ageDays)),
        ]
        if let stepID { variables["followup.step"] = .string(stepID) }
        return variables
    }

    /// The commitment handed in `variables`; nil when there is none (or it is incomplete).
    public init?(variables: [String: Value]) {
        guard let session = variables["followup.session"]?.string, !session.isEmpty,
              let kind = variables["followup.kind"]?.string.flatMap(Kind.init(rawValue:)),
              let text = variables["followup.text"]?.string, !text.trimmingWhitespace().isEmpty
        else { return nil }
        self.init(sessionID: session, kind: kind, text: text, stepID: variables["followup.step"]?.string,
                  flowTitle: variables["followup.flow"]?.string ?? "", ageDays: Int(variables["followup.age_days"]?.number ?? 1))
    }

    /// "Yesterday", "3 days ago", "Last week", "5 weeks ago"; "Earlier today" for a day of 0.
    public static func when(ageDays: Int) -> String {
        switch ageDays {
        case ...0: return "Earlier today"
        case 1: return "Yesterday"
        case 2...6: return "\(ageDays) days ago"
        case 7...13: return "Last week"
        default: return "\(ageDays / 7) weeks ago"
        }
    }

    /// The text as quoted in a sentence: trimmed, without its final full stop; a next step by its
    /// name ("Put the staffing on paper"), not the paragraph that explained it.
    public var quoted: String {
        var text = Substring(kind == .nextStep ? NextStepRule.name(of: self.text.trimmingWhitespace()) : self.text.trimmingWhitespace())
        if text.hasSuffix(".") && !text.hasSuffix("..") { text = text.dropLast() }
        return String(text)
    }
}

/// How a commitment went, as the person answered "How did it go?".
public enum FollowUpAnswer: String, Sendable, Hashable, Codable, CaseIterable {
    case done
    case partly
    case notYet = "not yet"
    case letGo = "let it go"

    /// The options shown, in order (1 is done).
    public static let options = allCases.map { ChoiceOption(label: $0.rawValue) }

    /// The template flag that is true for this answer: `followup.done`, `.partly`, `.not_yet`, `.let_go`.
    public var flag: String {
        switch self {
        case .done: return "done"
        case .partly: return "partly"
        case .notYet: return "not_yet"
        case .letGo: return "let_go"
        }
    }

    /// Whether the answer closes the commitment: every answer but "not yet", which leaves it open once.
    public var closes: Bool { self != .notYet }

    /// Everyday ways of answering beside the option's number or label.
    static let synonyms: [String: FollowUpAnswer] = [
        "yes": .done, "yep": .done, "did it": .done, "i did": .done, "i did it": .done, "all of it": .done,
        "some": .partly, "a bit": .partly, "half": .partly, "sort of": .partly, "kind of": .partly, "part of it": .partly,
        "no": .notYet, "nope": .notYet, "not really": .notYet, "not at all": .notYet, "didn't": .notYet, "i didn't": .notYet,
        "let go": .letGo, "drop it": .letGo, "forget it": .letGo, "skip it": .letGo, "never mind": .letGo,
    ]

    /// The answer in `raw`: an option's number or label (a prefix, a word of it), or an everyday
    /// synonym ("yes", "a bit", "no"); nil when it is none of them.
    public static func parse(_ raw: String) -> FollowUpAnswer? {
        if case .success(let index) = AnswerParser.pick(raw, from: options) { return allCases[index] }
        var words = raw.trimmingWhitespace().lowercased()
        while let last = words.last, ".!,".contains(last) { words.removeLast() }
        return synonyms[words]
    }
}

/// A session's follow-up of an earlier commitment, saved in its state: which commitment (session
/// id and text), and the answer. The store reads it to tell open commitments from closed ones.
public struct FollowUp: Sendable, Hashable, Codable {
    /// The node id the follow-up's answer is recorded under (no flow node has parentheses in its id).
    public static let nodeID = "(follow-up)"
    /// The variable the answer is saved to (`done`, `partly`, `not yet`, `let it go`).
    public static let variable = "followup.answer"
    /// Invalid answers before the question is left open, as if skipped.
    public static let maxReasks = 3

    public var commitment: Commitment
    /// The answer; nil while waiting, or when it was skipped.
    public var answer: FollowUpAnswer?
    /// True while the question waits for its answer.
    public var waiting: Bool

    public init(commitment: Commitment, answer: FollowUpAnswer? = nil, waiting: Bool = false) {
        self.commitment = commitment
        self.answer = answer
        self.waiting = waiting
    }
}

/// The person's follow-through over their last answered follow-ups (`FollowThroughRecord.length`),
/// handed in with the commitment as start variables (`followup.record.*`), earlier sessions only.
public struct FollowThroughRecord: Sendable, Hashable, Codable {
    /// How many answered follow-ups a record covers, this session's included.
    public static let length = 10

    public var answered: Int
    public var done: Int
    public var partly: Int

    public init(answered: Int = 0, done: Int = 0, partly: Int = 0) {
        self.answered = answered
        self.done = done
        self.partly = partly
    }

    /// The record of earlier `answers`, newest first: the first `length - 1` count, leaving room for this session's.
    public init(earlier answers: [FollowUpAnswer]) {
        let counted = answers.prefix(FollowThroughRecord.length - 1)
        self.init(answered: counted.count, done: counted.filter { $0 == .done }.count, partly: counted.filter { $0 == .partly }.count)
    }

    /// The start variables that hand it to `Engine.start`.
    public var variables: [String: Value] {
        ["followup.record.answered": .number(Double(answered)), "followup.record.done": .number(Double(done)),
         "followup.record.partly": .number(Double(partly))]
    }

    /// The record handed in `variables` (zero counts when none).
    public init(variables: [String: Value]) {
        func count(_ name: String) -> Int { max(0, Int(variables["followup.record." + name]?.number ?? 0)) }
        self.init(answered: count("answered"), done: count("done"), partly: count("partly"))
    }

    /// The record with this session's answer added (earlier records hold at most `length - 1`).
    func adding(_ answer: FollowUpAnswer) -> FollowThroughRecord {
        FollowThroughRecord(answered: answered + 1, done: done + (answer == .done ? 1 : 0), partly: partly + (answer == .partly ? 1 : 0))
    }

    /// "4 of your last 6 plans done, 1 partly"; nil with fewer than two answered.
    public var text: String? {
        guard answered >= 2 else { return nil }
        var text = "\(done) of your last \(answered) plans done"
        if partly > 0 { text += ", \(partly) partly" }
        return text
    }
}
