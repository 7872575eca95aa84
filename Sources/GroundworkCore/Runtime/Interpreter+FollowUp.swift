/// The opening every flow shares: before the flow's first question, when a commitment was handed
/// in (`Commitment.variables` among the start variables) and the flow does not say
/// `follow_up: false`, the engine asks how it went — done, partly, not yet, let it go — records the
/// answer in `SessionState.followUp` (and among the answers, as `followup.answer`), and then asks
/// the flow's first question. `/skip` leaves it open. The words are the prompts `follow-up/ask`,
/// `follow-up/reply` and `follow-up/summary`, or the built-in texts below when those are missing.
extension Interpreter {
    /// Starts the follow-up in place of the first question (`node`); false when there is none to ask.
    mutating func openFollowUp(before node: Node) -> Bool {
        guard state.followUp == nil, library.flows[state.flowID]?.followsUp ?? false,
              let commitment = Commitment(variables: state.startVariables) else { return false }
        state.followUp = FollowUp(commitment: commitment, waiting: true)
        state.cursor.node = node.id
        trace.append("follow-up: asking how the \(commitment.kind == .intention ? "intention" : "next step") of session "
                     + "'\(commitment.sessionID)' went, before node '\(node.id)'")
        events.append(.ask(followUpPrompt()))
        return true
    }

    /// The follow-up question as shown.
    func followUpPrompt() -> Prompt {
        let text = library.prompts.render("follow-up/ask", followUpContext()) ?? Self.builtInFollowUpQuestion(followUpContext())
        return Prompt(text: Self.trimmedTemplate(text), kind: .choice, options: FollowUpAnswer.options.map(\.label),
                      nodeID: FollowUp.nodeID)
    }

    /// Takes `input` as the answer to the follow-up, then asks the flow's first question (`node`).
    mutating func answerFollowUp(_ input: Input, node: Node, question: Question) {
        switch input {
        case .finish:
            state.followUp?.waiting = false
            trace.append("follow-up: /done, left open")
            complete()
        case .skip:
            leaveFollowUpOpen(why: "skipped", notice: "Skipped.")
            ask(node, question)
        case .line(let raw):
            guard let answer = FollowUpAnswer.parse(raw) else {
                state.reasks += 1
                if state.reasks >= FollowUp.maxReasks {
                    leaveFollowUpOpen(why: "no answer after \(state.reasks) tries", notice: "Let's leave that for now.")
                    ask(node, question)
                } else {
                    trace.append("follow-up: '\(raw.trimmingWhitespace())' is none of the answers; re-asked (\(state.reasks) of \(FollowUp.maxReasks))")
                    events.append(.invalid("Please choose 1 done, 2 partly, 3 not yet or 4 let it go, or /skip to leave it for now."))
                    events.append(.ask(followUpPrompt()))
                }
                return
            }
            let shown = followUpPrompt().text
            state.reasks = 0
            state.followUp?.answer = answer
            state.followUp?.waiting = false
            state.variables[FollowUp.variable] = .string(answer.rawValue)
            state.answers.append(Answer(flowID: state.flowID, nodeID: FollowUp.nodeID, question: shown, raw: raw,
                                        value: .string(answer.rawValue), variable: FollowUp.variable))
            trace.append("follow-up: accepted '\(raw.trimmingWhitespace())' as '\(answer.rawValue)', saved to \(FollowUp.variable)"
                         + (answer.closes ? "; the commitment is closed" : "; the commitment stays open once more"))
            let reply = library.prompts.render("follow-up/reply", followUpContext()) ?? Self.builtInFollowUpReply(answer)
            if !Self.trimmedTemplate(reply).isEmpty { events.append(.say(Self.trimmedTemplate(reply))) }
            ask(node, question)
        }
    }

    private mutating func leaveFollowUpOpen(why: String, notice: String) {
        state.reasks = 0
        state.followUp?.waiting = false
        trace.append("follow-up: \(why); the commitment stays open")
        events.append(.notice(notice))
    }

    /// The follow-up's lines for the summary (the answer, and the record with it); nil when the
    /// session neither followed anything up nor has a record to show.
    func followUpSummary() -> String? {
        guard let followUp = state.followUp else { return nil }
        let context = followUpContext()
        guard followUp.answer != nil || context["followup.record.text"] != nil else { return nil }
        let text = library.prompts.render("follow-up/summary", context) ?? Self.builtInFollowUpSummary(context)
        let trimmed = Self.trimmedTemplate(text)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// What the follow-up templates see: the session's variables, and `followup.*` in words.
    func followUpContext() -> [String: Value] {
        var context = state.variables
        guard let commitment = state.followUp?.commitment ?? Commitment(variables: state.startVariables) else { return context }
        context["followup.text"] = .string(commitment.quoted)
        context["followup.when"] = .string(Commitment.when(ageDays: commitment.ageDays))
        context["followup.flow"] = .string(commitment.flowTitle)
        context["followup.intention"] = .bool(commitment.kind == .intention)
        context["followup.next_step"] = .bool(commitment.kind == .nextStep)
        var record = FollowThroughRecord(variables: state.startVariables)
        if let answer = state.followUp?.answer {
            context["followup.answer"] = .string(answer.rawValue)
            for option in FollowUpAnswer.allCases { context["followup." + option.flag] = .bool(option == answer) }
            record = record.adding(answer)
        }
        context["followup.record.answered"] = .number(Double(record.answered))
        context["followup.record.done"] = .number(Double(record.done))
        context["followup.record.partly"] = .number(Double(record.partly))
        context["followup.record.text"] = record.text.map(Value.string)
        return context
    }

    /// A template's text without the final newline its file ends with.
    static func trimmedTemplate(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }

    /// The question when `prompts/follow-up/ask` is missing.
    static func builtInFollowUpQuestion(_ context: [String: Value]) -> String {
        let when = context["followup.when"]?.string ?? "Last time"
        let text = context["followup.text"]?.string ?? ""
        if context["followup.intention"]?.isTruthy == true {
            return "\(when) you set an intention: “\(text)”. How did it go?"
        }
        let flow = context["followup.flow"]?.string ?? ""
        return "\(when)\(flow.isEmpty ? "" : ", at the end of \(flow),") you planned a next step: “\(text)”. How did it go?"
    }

    /// The reply to an answer when `prompts/follow-up/reply` is missing.
    static func builtInFollowUpReply(_ answer: FollowUpAnswer) -> String {
        switch answer {
        case .done: return "Good: you did what you set out to do."
        case .partly: return "Part of it is still a step."
        case .notYet: return "That's all right; it can wait."
        case .letGo: return "Then let it go; it doesn't need to follow you around."
        }
    }

    /// The summary lines when `prompts/follow-up/summary` is missing.
    static func builtInFollowUpSummary(_ context: [String: Value]) -> String {
        var lines: [String] = []
        if let answer = context["followup.answer"]?.string, let text = context["followup.text"]?.string {
            lines.append("Followed up: “\(text)”: \(answer).")
        }
        if let record = context["followup.record.text"]?.string { lines.append("Follow-through: \(record).") }
        return lines.joined(separator: "\n")
    }
}
