import Testing
@testable import GroundworkCore

/// Every bundled flow opens with the follow-up, in the words of `prompts/follow-up/`, which say what
/// the built-in texts say.
@Suite struct FollowUpBundledTests {
    static let flows = ["daily-checkin", "weekly-review", "beyond-doing", "career-checkin", "journal"]
    static let commitment = Commitment(sessionID: "s1", kind: .nextStep, text: "Rest a while.", stepID: "rest",
                                       flowTitle: "Weekly review", ageDays: 2)

    @Test(arguments: flows)
    func everyFlowAsksBeforeItsFirstQuestion(_ flowID: String) throws {
        let (library, _) = try BundledScripts.load()
        let engine = Engine(library: library)
        let plain = try engine.start(flow: flowID, seed: 1, variables: ["user": .string("ana")])
        let first = try engine.start(flow: flowID, seed: 1, variables: Self.commitment.variables.merging(["user": .string("ana")]) { $1 })
        let question = "2 days ago, at the end of Weekly review, you planned a next step: “Rest a while”. How did it go?"
        // The greeting as before, then the follow-up where the first question was.
        let progressLines = Set(plain.events.compactMap { event -> String? in
            guard case .ask(let prompt) = event, let progress = prompt.progress else { return nil }
            return "(\(progress.text))"
        })
        let greeting = plain.lines.prefix { !progressLines.contains($0) && $0 != plain.events.compactMap(\.askText).last }
        #expect(Array(first.lines.prefix(greeting.count)) == Array(greeting))
        #expect(first.lines.dropFirst(greeting.count).first == question)
        #expect(first.state.cursor.node == plain.state.cursor.node)
        // Answered, the flow asks exactly the question it would have asked.
        let answered = engine.step(first.state, .line("1"))
        #expect(answered.lines.first == Interpreter.builtInFollowUpReply(.done))
        #expect(Array(answered.lines.dropFirst()) == Array(plain.lines.dropFirst(greeting.count)))
    }

    @Test(arguments: FollowUpAnswer.allCases)
    func theBundledWordsMatchTheBuiltIns(_ answer: FollowUpAnswer) throws {
        let (library, _) = try BundledScripts.load()
        let engine = Engine(library: library)
        for commitment in [Self.commitment, Commitment(sessionID: "s", kind: .intention, text: "call my sister", flowTitle: "Daily check-in", ageDays: 1)] {
            let first = try engine.start(flow: "daily-checkin", seed: 1, variables: commitment.variables)
            let shown = try #require(first.events.compactMap(\.askText).last)
            let interpreter = Interpreter(engine: engine, state: first.state)
            #expect(shown == Interpreter.builtInFollowUpQuestion(interpreter.followUpContext()))
            let step = engine.step(first.state, .line(answer.rawValue))
            #expect(step.lines.first == Interpreter.builtInFollowUpReply(answer))
            let done = engine.step(engine.step(engine.step(engine.step(step.state, .skip).state, .skip).state, .skip).state, .skip)
            let expected = Interpreter(engine: engine, state: done.state)
            #expect(done.state.summary?.text.hasSuffix(Interpreter.builtInFollowUpSummary(expected.followUpContext())) == true)
        }
    }
}

extension Event {
    /// The question text of an `ask`.
    var askText: String? {
        if case .ask(let prompt) = self { return prompt.text }
        return nil
    }
}
