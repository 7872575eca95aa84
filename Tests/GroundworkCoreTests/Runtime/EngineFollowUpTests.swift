import Testing
@testable import GroundworkCore

extension RuntimeTests {
    /// The opening every flow shares: how the last open commitment went, before the first question.
    struct EngineFollowUpTests {
        static func flow(followsUp: Bool = true, intention: String? = nil) -> Flow {
            var flow = Fixture.flow("check", title: "Check", start: "hello", [
                Fixture.say("hello", "Hello.", next: "q1"),
                Fixture.ask("q1", "How are you?", .text(minLength: 0), save: "feeling", next: "q2"),
                Fixture.ask("q2", "One intention?", .text(minLength: 0), save: "plan", next: "done"),
                Fixture.end("done", "Bye."),
            ], summary: "You said: {{feeling}}", nextSteps: [NextStepRule(condition: nil, step: "rest", text: Fixture.text("Rest a while."), location: Fixture.here)])
            flow.followsUp = followsUp
            flow.intention = intention
            return flow
        }

        static let intention = Commitment(sessionID: "s1", kind: .intention, text: "call my sister.", flowTitle: "Daily check-in", ageDays: 1)
        static let nextStep = Commitment(sessionID: "s2", kind: .nextStep, text: "Rest a while.", stepID: "rest", flowTitle: "Weekly review", ageDays: 3)

        static func start(_ commitment: Commitment?, record: FollowThroughRecord = FollowThroughRecord(), flow: Flow = flow()) throws -> (Engine, Step) {
            let engine = Fixture.engine(flow)
            var variables: [String: Value] = ["user": .string("ana")]
            if let commitment { variables.merge(commitment.variables) { $1 } }
            variables.merge(record.variables) { $1 }
            return (engine, try engine.start(flow: "check", seed: 1, variables: variables))
        }

        @Test func withoutACommitmentTheFlowStartsAsBefore() throws {
            let (_, step) = try Self.start(nil)
            #expect(step.lines == ["Hello.", "(question 1 of 2)", "How are you?"])
            #expect(step.state.followUp == nil)
        }

        @Test func theOpeningComesAfterTheGreetingAndBeforeTheFirstQuestion() throws {
            let (_, step) = try Self.start(Self.intention)
            #expect(step.lines == ["Hello.", "Yesterday you set an intention: “call my sister”. How did it go?",
                                   "  1. done", "  2. partly", "  3. not yet", "  4. let it go"])
            #expect(step.state.followUp == FollowUp(commitment: Self.intention, waiting: true))
            #expect(step.state.cursor.node == "q1")
        }

        @Test(arguments: [
            ("1", FollowUpAnswer.done), ("done", .done), ("d", .done), ("Yes!", .done), ("i did it", .done),
            ("2", .partly), ("partly", .partly), ("a bit", .partly), ("sort of", .partly),
            ("3", .notYet), ("not yet", .notYet), ("no", .notYet), ("nope", .notYet),
            ("4", .letGo), ("let it go", .letGo), ("let", .letGo), ("drop it", .letGo), ("option 4", .letGo),
        ])
        func anAnswerIsRecordedAndTheFirstQuestionFollows(_ line: String, _ expected: FollowUpAnswer) throws {
            let (engine, first) = try Self.start(Self.intention)
            let step = engine.step(first.state, .line(line))
            #expect(step.state.followUp?.answer == expected)
            #expect(step.state.followUp?.waiting == false)
            #expect(step.state.variables[FollowUp.variable] == .string(expected.rawValue))
            let answer = try #require(step.state.answers.first)
            #expect(answer.nodeID == FollowUp.nodeID && answer.raw == line && answer.value == .string(expected.rawValue))
            #expect(answer.question == "Yesterday you set an intention: “call my sister”. How did it go?")
            #expect(step.lines == [Interpreter.builtInFollowUpReply(expected), "(question 1 of 2)", "How are you?"])
            #expect(step.state.questionsDone == 0, "the follow-up is not one of the flow's counted questions")
        }

        @Test func skipLeavesItOpenAndMovesOn() throws {
            let (engine, first) = try Self.start(Self.intention)
            let step = engine.step(first.state, .skip)
            #expect(step.state.followUp == FollowUp(commitment: Self.intention, answer: nil, waiting: false))
            #expect(step.state.answers.isEmpty)
            #expect(step.lines == ["(Skipped.)", "(question 1 of 2)", "How are you?"])
        }

        @Test func aWrongAnswerIsAskedAgainThenLeftOpen() throws {
            let (engine, first) = try Self.start(Self.intention)
            let once = engine.step(first.state, .line("purple"))
            #expect(once.state.followUp?.waiting == true)
            #expect(once.lines.first == "Please choose 1 done, 2 partly, 3 not yet or 4 let it go, or /skip to leave it for now.")
            let given = Fixture.run(engine, once, ["purple", "purple"])
            #expect(given.state.followUp?.waiting == false && given.state.followUp?.answer == nil)
            #expect(given.lines == ["(Let's leave that for now.)", "(question 1 of 2)", "How are you?"])
        }

        @Test func aFlowCanOptOut() throws {
            let (_, step) = try Self.start(Self.intention, flow: Self.flow(followsUp: false))
            #expect(step.state.followUp == nil)
            #expect(step.lines.last == "How are you?")
        }

        @Test(arguments: [(0, "Earlier today"), (1, "Yesterday"), (2, "2 days ago"), (6, "6 days ago"), (7, "Last week"),
                          (13, "Last week"), (14, "2 weeks ago"), (30, "4 weeks ago")])
        func whenInWords(_ days: Int, _ expected: String) {
            #expect(Commitment.when(ageDays: days) == expected)
        }

        @Test func aNextStepNamesTheFlowItCameFrom() throws {
            let (_, step) = try Self.start(Self.nextStep)
            #expect(step.lines[1] == "3 days ago, at the end of Weekly review, you planned a next step: “Rest a while”. How did it go?")
        }

        @Test func theSummarySaysHowItWentAndTheRecord() throws {
            let (engine, first) = try Self.start(Self.nextStep, record: FollowThroughRecord(answered: 5, done: 3, partly: 1))
            let step = Fixture.run(engine, first, ["done", "fine", "walk"])
            #expect(step.state.status == .completed)
            #expect(step.state.summary?.text == "You said: fine\n\nFollowed up: “Rest a while”: done.\nFollow-through: 4 of your last 6 plans done, 1 partly.")
        }

        @Test func aSkippedFollowUpStillShowsTheRecordButNoAnswer() throws {
            let (engine, first) = try Self.start(Self.nextStep, record: FollowThroughRecord(answered: 2, done: 1, partly: 0))
            let step = Fixture.run(engine, engine.step(first.state, .skip), ["fine", "walk"])
            #expect(step.state.summary?.text == "You said: fine\n\nFollow-through: 1 of your last 2 plans done.")
        }

        @Test func theFlowsIntentionIsKeptForNextTime() throws {
            let (engine, first) = try Self.start(nil, flow: Self.flow(intention: "plan"))
            let step = Fixture.run(engine, first, ["fine", "  call my sister  "])
            #expect(step.state.summary?.intention == "call my sister")
            let skipped = Fixture.run(engine, engine.step(engine.step(first.state, .line("fine")).state, .skip), [])
            #expect(skipped.state.summary?.intention == nil)
        }

        @Test func backReturnsToTheFollowUpAndReplayRebuildsIt() throws {
            let (engine, first) = try Self.start(Self.intention)
            let answered = Fixture.run(engine, first, ["partly"])
            let back = engine.back(answered.state)
            #expect(back.state.followUp?.waiting == true && back.state.answers.isEmpty)
            #expect(back.lines.contains("Yesterday you set an intention: “call my sister”. How did it go?"))
            let later = Fixture.run(engine, answered, ["fine"])
            let replayed = try engine.replay(flow: "check", seed: 1, variables: later.state.startVariables, inputs: later.state.inputs)
            #expect(replayed.state.followUp == later.state.followUp)
            #expect(replayed.state.answers == later.state.answers)
        }

        @Test func resumeShowsTheWaitingFollowUp() throws {
            let (engine, first) = try Self.start(Self.intention)
            #expect(engine.resume(first.state).lines.first == "Yesterday you set an intention: “call my sister”. How did it go?")
            #expect(engine.currentPrompt(first.state)?.options == ["done", "partly", "not yet", "let it go"])
            #expect(engine.help(first.state)?.contains("/skip leaves it open") == true)
        }

        @Test func templatesReplaceTheBuiltInWords() throws {
            var prompts = PromptLibrary()
            try prompts.add(Template("About {{followup.text}} ({{followup.when}})?", location: Fixture.here), named: "follow-up/ask")
            try prompts.add(Template("{{#followup.not_yet}}Later, then.{{/followup.not_yet}}", location: Fixture.here), named: "follow-up/reply")
            let engine = Fixture.engine(Self.flow(), prompts: prompts)
            let first = try engine.start(flow: "check", seed: 1, variables: Self.intention.variables)
            #expect(first.lines[1] == "About call my sister (Yesterday)?")
            #expect(engine.step(first.state, .line("3")).lines.first == "Later, then.")
            #expect(engine.step(first.state, .line("1")).lines.first == "(question 1 of 2)", "an empty reply says nothing")
        }

        @Test(arguments: [
            (FollowThroughRecord(answered: 1, done: 1, partly: 0), nil as String?),
            (FollowThroughRecord(answered: 2, done: 2, partly: 0), "2 of your last 2 plans done"),
            (FollowThroughRecord(answered: 6, done: 4, partly: 1), "4 of your last 6 plans done, 1 partly"),
        ])
        func recordInWords(_ record: FollowThroughRecord, _ expected: String?) {
            #expect(record.text == expected)
            #expect(FollowThroughRecord(variables: record.variables) == record)
        }

        @Test func theRecordLeavesRoomForThisSession() {
            let record = FollowThroughRecord(earlier: Array(repeating: FollowUpAnswer.done, count: 20))
            #expect(record.answered == FollowThroughRecord.length - 1)
            #expect(record.adding(.partly) == FollowThroughRecord(answered: 10, done: 9, partly: 1))
        }

        @Test func anIncompleteCommitmentIsNone() {
            var variables = Self.intention.variables
            #expect(Commitment(variables: variables) == Self.intention)
            variables["followup.text"] = .string("  ")
            #expect(Commitment(variables: variables) == nil)
            variables = Self.intention.variables
            variables["followup.kind"] = .string("wish")
            #expect(Commitment(variables: variables) == nil)
        }
    }
}
