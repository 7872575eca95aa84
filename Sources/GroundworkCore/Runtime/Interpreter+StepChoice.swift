/// The end of a flow that offers a choice of next steps (`next_steps_offer:`): after the summary,
/// the fitting steps, each with the answers that chose it in its own words, and a question; the
/// step picked is the session's next step, the one the next session follows up. The offer lives in
/// the session's variables (`next_step.offered.ids` and `.texts`), so it is saved, resumed and
/// replayed like any answer.
extension Interpreter {
    static let offeredIDs = "next_step.offered.ids"
    static let offeredTexts = "next_step.offered.texts"
    /// The names of the scores computed with the offer, read back from the variables at the pick.
    static let offeredScores = "next_step.offered.scores"
    static let offeredScoreValues = "next_step.offered.score_values"
    /// The node id the pick is recorded under among the answers.
    static let stepChoiceNode = "(next-step)"
    static let stepChoiceReasks = 3

    /// The steps on offer while the session waits for a pick; empty otherwise.
    var offeredSteps: [(id: String, text: String)] {
        guard case .list(let ids)? = state.variables[Self.offeredIDs], case .list(let texts)? = state.variables[Self.offeredTexts] else { return [] }
        return zip(ids, texts).map { ($0.text, $1.text) }
    }

    /// Shows the steps (after the summary) and waits for the pick.
    mutating func offerSteps(_ steps: [(id: String, text: String)]) {
        state.variables[Self.offeredIDs] = .list(steps.map { .string($0.id) })
        state.variables[Self.offeredTexts] = .list(steps.map { .string($0.text) })
        state.reasks = 0
        events.append(.ask(stepChoicePrompt()))
        trace.append("next steps offered: \(steps.map { "'\($0.id)'" }.joined(separator: ", ")); waiting for the pick")
    }

    /// The question: every step in full, then a short menu of their names.
    func stepChoicePrompt() -> Prompt {
        let steps = offeredSteps
        let count = steps.count == 2 ? "Two" : steps.count == 3 ? "Three" : "\(steps.count)"
        let text = "\(count) next steps fit your answers:\n\n" + steps.map(\.text).joined(separator: "\n\n")
            + "\n\nWhich one will you take on in the next two weeks? I'll ask how it went next time."
        return Prompt(text: text, kind: .choice, options: steps.map { NextStepRule.name(of: $0.text) }, nodeID: Self.stepChoiceNode)
    }

    /// Takes the answer to the choice; /skip, /done or three answers that are none of them keep the
    /// first step, the closest fit, so every session still ends with one.
    mutating func answerStepChoice(_ input: Input) {
        let steps = offeredSteps
        let options = steps.map { ChoiceOption(label: NextStepRule.name(of: $0.text)) }
        var picked = 0
        switch input {
        case .skip, .finish:
            events.append(.notice("Keeping the first, the closest fit."))
        case .line(let raw):
            if case .success(let accepted) = AnswerParser.parse(raw, as: .choice(options)),
               let index = options.firstIndex(where: { .string($0.label) == accepted.value }) {
                picked = index
                state.answers.append(Answer(flowID: state.flowID, nodeID: Self.stepChoiceNode, question: stepChoicePrompt().text,
                                            raw: raw, value: .string(steps[index].id), variable: "next_step.id"))
            } else {
                state.reasks += 1
                guard state.reasks >= Self.stepChoiceReasks else {
                    trace.append("next step: '\(raw.trimmingWhitespace())' is none of the steps; re-asked (\(state.reasks) of \(Self.stepChoiceReasks))")
                    events.append(.invalid(AnswerParser.defaultReask(for: .choice(options))))
                    events.append(.ask(stepChoicePrompt()))
                    return
                }
                events.append(.notice("Let's keep the first, the closest fit."))
            }
        }
        state.reasks = 0
        state.variables[Self.offeredIDs] = nil
        state.variables[Self.offeredTexts] = nil
        complete(picked: steps[picked])
    }
}
