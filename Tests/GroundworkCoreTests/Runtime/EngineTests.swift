import Foundation
import Testing
@testable import GroundworkCore

extension RuntimeTests {
    struct EngineTests {
        typealias F = Fixture

        /// intro (say) → years (number) → sector (choice) → ok (yesno) → done (end).
        static let checkin = F.flow("checkin", title: "Check-in", start: "intro", [
            F.say("intro", "Hello {{name}}.", next: "years"),
            F.ask("years", "Years in {{flow.title}}? {{progress.index}}/{{progress.total}}", .number(min: 0, max: 60, integer: true),
                  save: "years", next: "sector", reask: "Whole years from 0 to 60, {{name}}.", onGiveUp: "ok", help: "Round to whole years."),
            F.ask("sector", "Which sector?", .choice([ChoiceOption(label: "Health"), ChoiceOption(label: "Finance", next: "done")]),
                  save: "sector", next: "ok"),
            F.ask("ok", "Shall we go on?", .yesno, save: "go_on", next: "done", skippable: false),
            F.end("done", "Thank you, {{name}}."),
        ], variables: [F.variable("name", .string, .string("friend")), F.variable("years", .number, .number(-1))],
           summary: "{{name}}: {{years}} years, band {{band}}.",
           nextSteps: [
               NextStepRule(condition: F.op(F.v("years"), .greater, F.n(10)), step: "mentor", text: F.text("Mentor someone."), location: F.here),
               NextStepRule(condition: nil, step: "checkin-again", text: F.text("Check in again in three months."), location: F.here),
           ],
           scores: [Assignment(name: "band", expression: F.op(F.v("years"), .multiply, F.n(2)), location: F.here)])

        static var checkinLibrary: ScriptLibrary { F.engine(checkin).library }

        @Test func startRunsToTheFirstQuestionWithDefaultsAndStartVariables() throws {
            let engine = F.engine(Self.checkin)
            let step = try engine.start(flow: "checkin", seed: 7, variables: ["name": .string("Ana")])
            #expect(step.lines == ["Hello Ana.", "(question 1 of 3)", "Years in Check-in? 1/3", "  (a whole number from 0 to 60)"])
            #expect(step.state.cursor.node == "years")
            #expect(step.state.variables["years"] == .number(-1))
            #expect(step.state.status == .active)
        }

        @Test func currentPromptAndHelpDescribeTheWaitingQuestion() throws {
            let engine = F.engine(Self.checkin)
            let state = try engine.start(flow: "checkin", seed: 1).state
            #expect(engine.currentPrompt(state)?.nodeID == "years")
            #expect(engine.help(state) == "Round to whole years.")
            let atSector = engine.step(state, .line("4")).state
            #expect(engine.currentPrompt(atSector)?.options == ["Health", "Finance"])
            #expect(engine.help(atSector) == nil)
            #expect(engine.currentPrompt(engine.step(atSector, .finish).state) == nil)
        }

        @Test func unknownFlowThrows() {
            #expect(throws: EngineError.unknownFlow("nope")) { try F.engine(Self.checkin).start(flow: "nope", seed: 1) }
        }

        @Test func answersAreValidatedSavedAndCompleteTheFlowWithSummaryAndNextStep() throws {
            let engine = F.engine(Self.checkin)
            let end = F.run(engine, try engine.start(flow: "checkin", seed: 1), ["12", "he", "yes"])
            #expect(end.state.status == .completed)
            #expect(end.state.variables["years"] == .number(12))
            #expect(end.state.variables["sector"] == .string("Health"))
            #expect(end.state.variables["go_on"] == .bool(true))
            #expect(end.state.answers.map(\.raw) == ["12", "he", "yes"])
            #expect(end.events == [.say("Thank you, friend."), .summary("friend: 12 years, band 24."),
                                   .nextStep(id: "mentor", text: "Mentor someone."), .end])
            #expect(end.state.summary == SessionSummary(text: "friend: 12 years, band 24.", nextStepID: "mentor",
                                                        nextStepText: "Mentor someone.", scores: ["band": .number(24)]))
            #expect(end.state.explanation?.contains("next step 'mentor': rule 1 'years > 10' held") == true)
        }

        @Test func theElseNextStepIsTakenWhenNoConditionHolds() throws {
            let engine = F.engine(Self.checkin)
            let end = F.run(engine, try engine.start(flow: "checkin", seed: 1), ["3", "health", "n"])
            #expect(end.state.summary?.nextStepID == "checkin-again")
        }

        @Test func aChoiceOptionsOwnNextIsFollowed() throws {
            let engine = F.engine(Self.checkin)
            let end = F.run(engine, try engine.start(flow: "checkin", seed: 1), ["3", "2"])
            #expect(end.state.status == .completed)
            #expect(end.state.variables["go_on"] == nil)
        }

        @Test func invalidAnswersAreReaskedThenGivenUpOnAfterTheCap() throws {
            let engine = F.engine(Self.checkin)
            let first = engine.step(try engine.start(flow: "checkin", seed: 1).state, .line("lots"))
            #expect(first.lines == ["Whole years from 0 to 60, friend.", "(question 1 of 3)", "Years in Check-in? 1/3",
                                    "  (a whole number from 0 to 60)"])
            #expect(first.state.reasks == 1)
            #expect(first.state.explanation == "node 'years' (ask, number): 'lots' is not a number; re-asked (1 of 3)")
            let second = engine.step(first.state, .line("99"))
            #expect(second.events.prefix(2) == [.invalid("Whole years from 0 to 60, friend."), .say("Round to whole years.")])
            let third = engine.step(second.state, .line("-4"))
            #expect(third.events.first == .notice("Let's leave that question and move on."))
            #expect(third.state.cursor.node == "ok")           // on_give_up
            #expect(third.state.variables["years"] == .number(-1)) // nothing saved
            #expect(third.state.answers.isEmpty)
            #expect(third.state.reasks == 0)
            #expect(third.lines.contains("(question 2 of 2)")) // the skipped sector question is no longer ahead
        }

        @Test func givingUpWithoutOnGiveUpGoesToNext() throws {
            let flow = F.flow("f", start: "a", [
                F.ask("a", "A?", .yesno, save: "a", next: "b", maxReasks: 1),
                F.ask("b", "B?", .text(minLength: 0), next: nil),
            ])
            let engine = F.engine(flow)
            let step = engine.step(try engine.start(flow: "f", seed: 0).state, .line("perhaps"))
            #expect(step.state.cursor.node == "b")
            #expect(step.state.variables["a"] == nil)
        }

        /// A question that cannot be skipped is asked again past the cap, never left with nothing saved.
        @Test func aQuestionThatCannotBeSkippedIsNotGivenUpOn() throws {
            let flow = F.flow("f", start: "a", [
                F.ask("a", "Task?", .text(minLength: 3), save: "task", next: "b", maxReasks: 2, help: "A short phrase.", skippable: false),
                F.ask("b", "B?", .text(minLength: 0), next: nil),
            ])
            let engine = F.engine(flow)
            var state = try engine.start(flow: "f", seed: 0).state
            for _ in 0..<4 { state = engine.step(state, .line("x")).state }
            #expect(state.cursor.node == "a")
            let answered = engine.step(state, .line("answering emails"))
            #expect(answered.state.variables["task"] == .string("answering emails"))
            #expect(answered.state.cursor.node == "b")
        }

        @Test func defaultReaskIsUsedWhenNoneIsGiven() throws {
            let engine = F.engine(Self.checkin)
            let state = try engine.start(flow: "checkin", seed: 1).state
            let step = engine.step(engine.step(state, .line("1")).state, .line("retail"))
            #expect(step.events.first == .invalid("Please choose one: a number from 1 to 2, or the start of an option's name."))
            #expect(step.lines.contains("  1. Health"))
        }

        @Test func skipLeavesTheQuestionUnansweredUnlessItIsNotSkippable() throws {
            let engine = F.engine(Self.checkin)
            let skipped = engine.step(try engine.start(flow: "checkin", seed: 1).state, .skip)
            #expect(skipped.events.first == .notice("Skipped."))
            #expect(skipped.state.cursor.node == "sector")
            #expect(skipped.state.variables["years"] == .number(-1))
            let atOK = engine.step(skipped.state, .line("1"))
            let refused = engine.step(atOK.state, .skip)
            #expect(refused.events.first == .invalid("This question can't be skipped."))
            #expect(refused.state.cursor.node == "ok")
        }

        @Test func finishCompletesAtOnce() throws {
            let engine = F.engine(Self.checkin)
            let done = engine.step(try engine.start(flow: "checkin", seed: 1).state, .finish)
            #expect(done.state.status == .completed)
            #expect(done.events.last == .end)
            #expect(done.events.contains(.summary("friend: -1 years, band -2.")))
            #expect(engine.step(done.state, .line("more")).events == [.notice("This session has ended.")])
        }

        @Test func setAndBranchChooseTheFirstArmThatHolds() throws {
            func flow() -> Flow {
                F.flow("b", start: "q", [
                    F.ask("q", "Years?", .number(min: nil, max: nil, integer: false), save: "years", next: "calc"),
                    F.node("calc", .set([Assignment(name: "total", expression: F.op(F.v("years"), .add, F.n(1)), location: F.here),
                                         Assignment(name: "double", expression: F.op(F.v("total"), .multiply, F.n(2)), location: F.here)]),
                           next: "route"),
                    F.node("route", .branch(arms: [
                        BranchArm(condition: F.op(F.v("years"), .lessEqual, F.n(2)), target: "early", location: F.here),
                        BranchArm(condition: F.op(F.v("years"), .lessEqual, F.n(10)), target: "mid", location: F.here),
                    ], otherwise: "late")),
                    F.end("early", "early {{double}}"), F.end("mid", "mid {{double}}"), F.end("late", "late {{double}}"),
                ])
            }
            let engine = F.engine(flow())
            for (answer, said) in [("1", "early 4"), ("5", "mid 12"), ("20", "late 42")] {
                let step = engine.step(try engine.start(flow: "b", seed: 0).state, .line(answer))
                #expect(step.events.first == .say(said))
            }
            let mid = engine.step(try engine.start(flow: "b", seed: 0).state, .line("5"))
            #expect(mid.state.explanation?.contains("node 'route' (branch): arm 2 'years <= 10' held, going to 'mid'") == true)
        }

        /// tasks_loop: while more and len(tasks) < max... body asks a name, appends it, asks "another?".
        static func loopFlow(maxPasses: Int) -> Flow {
            F.flow("loop", start: "tasks", [
                F.node("tasks", .loop(Loop(condition: .binary(.and, F.v("more"), F.op(.call("len", [F.v("tasks")]), .less, F.n(5))),
                                           body: "name", maxPasses: maxPasses, counter: "count")), next: "done"),
                F.ask("name", "Task {{count}}?", .text(minLength: 0), save: "task", next: "add"),
                F.node("add", .set([Assignment(name: "tasks", expression: F.op(F.v("tasks"), .add, .list([F.v("task")])), location: F.here)]),
                       next: "more_q"),
                F.ask("more_q", "Another?", .yesno, save: "more", next: "tasks"),
                F.end("done", "{{count}} tasks:{{#tasks}} {{.}}{{/tasks}}"),
            ], variables: [F.variable("more", .bool, .bool(true)), F.variable("tasks", .list, .list([]))])
        }

        @Test func loopRunsItsBodyWhileTheConditionHoldsAndCountsPasses() throws {
            let engine = F.engine(Self.loopFlow(maxPasses: 8))
            let start = try engine.start(flow: "loop", seed: 0)
            #expect(start.events.first == .ask(Prompt(text: "Task 0?", kind: .text, progress: Progress(index: 1, total: 2, pass: .init(name: "round", number: 1)), nodeID: "name")))
            let end = F.run(engine, start, ["write", "y", "review", "no"])
            #expect(end.events.first == .say("2 tasks: write review"))
            #expect(end.state.loopPasses.isEmpty)
        }

        @Test func progressInsideALoopCountsDownAndNamesThePass() throws {
            let engine = F.engine(Self.loopFlow(maxPasses: 8))
            var step = try engine.start(flow: "loop", seed: 0)
            var seen: [String] = []
            if case .ask(let prompt)? = step.events.last, let progress = prompt.progress { seen.append(progress.text) }
            for input in ["write", "y", "review", "y", "plan"] {
                step = engine.step(step.state, .line(input))
                if case .ask(let prompt)? = step.events.last, let progress = prompt.progress { seen.append(progress.text) }
            }
            // One pass expected (the default): each pass counts its own two questions, never more.
            #expect(seen == ["round 1 · about 2 questions left", "round 1 · about 1 question left",
                             "round 2 · about 2 questions left", "round 2 · about 1 question left",
                             "round 3 · about 2 questions left", "round 3 · about 1 question left"])
        }

        /// ask "role" → loop (item "task", expect 3) over name → more_q → ask "last" → end.
        static let expectingFlow = F.flow("expect", start: "role", [
            F.ask("role", "Role?", .text(minLength: 0), save: "role", next: "tasks"),
            F.node("tasks", .loop(Loop(condition: F.v("more"), body: "name", counter: "count", item: "task", expectedPasses: 3)),
                   next: "last"),
            F.ask("name", "Task?", .text(minLength: 0), save: "task", next: "more_q"),
            F.ask("more_q", "Another?", .yesno, save: "more", next: "tasks"),
            F.ask("last", "Last?", .text(minLength: 0), save: "last", next: "done"),
            F.end("done", "Done."),
        ], variables: [F.variable("more", .bool, .bool(true))])

        @Test func progressBeforeALoopIsAnEstimateAndAfterItACountThatDoesNotGrow() throws {
            let engine = F.engine(Self.expectingFlow)
            var step = try engine.start(flow: "expect", seed: 0)
            var seen: [String] = []
            if case .ask(let prompt)? = step.events.last, let progress = prompt.progress { seen.append(progress.text) }
            for input in ["baker", "bread", "y", "cakes", "y", "orders", "y", "books", "n"] {
                step = engine.step(step.state, .line(input))
                if case .ask(let prompt)? = step.events.last, let progress = prompt.progress { seen.append(progress.text) }
            }
            #expect(seen == [
                "about 8 questions left",
                "task 1 · about 7 questions left", "task 1 · about 6 questions left",
                "task 2 · about 5 questions left", "task 2 · about 4 questions left",
                "task 3 · about 3 questions left", "task 3 · about 2 questions left",
                // A fourth task the person chose to add: its own questions, not a growing total.
                "task 4 · about 3 questions left", "task 4 · about 2 questions left",
                "question 10 of 10",
            ])
        }

        @Test func progressTotalOnlyShrinksWhenABranchSkipsQuestions() throws {
            let engine = F.engine(Self.checkin)
            var step = try engine.start(flow: "checkin", seed: 0)
            var seen: [GroundworkCore.Progress?] = []
            if case .ask(let prompt)? = step.events.last { seen.append(prompt.progress) }
            step = engine.step(step.state, .line("5"))
            if case .ask(let prompt)? = step.events.last { seen.append(prompt.progress) }
            #expect(seen == [Progress(index: 1, total: 3), Progress(index: 2, total: 3)])
            #expect(seen.allSatisfy { $0?.estimated == false })
        }

        @Test(arguments: [
            (Progress(index: 4, total: 12), "question 4 of 12"),
            (Progress(index: 12, total: 12), "question 12 of 12"),
            (Progress(index: 3, total: 2), "question 3 of 3"),
            (Progress(index: 1, total: 29, estimated: true), "about 29 questions left"),
            (Progress(index: 5, total: 5, estimated: true), "about 1 question left"),
            (Progress(index: 10, total: 21, pass: .init(name: "task", number: 3)), "task 3 · about 12 questions left"),
        ])
        func progressInWords(progress: GroundworkCore.Progress, text: String) {
            #expect(progress.text == text)
        }

        @Test func loopStopsAtMaxPasses() throws {
            let engine = F.engine(Self.loopFlow(maxPasses: 2))
            let end = F.run(engine, try engine.start(flow: "loop", seed: 0), ["a", "y", "b", "y"])
            #expect(end.events.first == .say("2 tasks: a b"))
            #expect(end.state.explanation?.contains("node 'tasks' (loop): reached 2 passes after 2 passes") == true)
        }

        @Test func loopConditionIsCheckedBeforeTheFirstPass() throws {
            let engine = F.engine(Self.loopFlow(maxPasses: 8))
            let step = try engine.start(flow: "loop", seed: 0, variables: ["more": .bool(false)])
            #expect(step.events == [.say("0 tasks:"), .end])
        }

        static let inner = F.flow("inner", title: "Inner", start: "iq", [
            F.ask("iq", "Inner question in {{flow.title}}?", .text(minLength: 0), save: "inner_answer", next: "iend"),
            F.end("iend", "Back we go."),
        ], variables: [F.variable("inner_default", .number, .number(3))])

        @Test func callRunsTheOtherFlowAndReturnsToNext() throws {
            let outer = F.flow("outer", title: "Outer", start: "first", [
                F.ask("first", "First?", .text(minLength: 0), next: "sub"),
                F.node("sub", .call(flow: "inner"), next: "last"),
                F.ask("last", "Last? {{inner_default}}", .text(minLength: 0), next: "done"),
                F.end("done"),
            ])
            let engine = F.engine(outer, Self.inner)
            let start = try engine.start(flow: "outer", seed: 0)
            #expect(start.lines == ["(question 1 of 3)", "First?"])
            let inInner = engine.step(start.state, .line("one"))
            #expect(inInner.lines == ["(question 2 of 3)", "Inner question in Inner?"])
            #expect(inInner.state.cursor.flowID == "inner")
            #expect(inInner.state.cursor.returnStack == [Cursor.Frame(flowID: "outer", returnNode: "last")])
            let back = engine.step(inInner.state, .line("two"))
            #expect(back.lines == ["Back we go.", "(question 3 of 3)", "Last? 3"])
            #expect(back.state.cursor == Cursor(flowID: "outer", node: "last", returnStack: []))
            #expect(back.state.answers.map(\.flowID) == ["outer", "inner"])
            let done = engine.step(back.state, .line("three"))
            #expect(done.state.status == .completed)
        }

        @Test func callsNestedTooDeeplyFail() {
            let loop = F.flow("rec", start: "again", [F.node("again", .call(flow: "rec"), next: nil)])
            #expect(throws: EngineError.callTooDeep(flow: "rec", node: "again")) { try F.engine(loop).start(flow: "rec", seed: 0) }
        }

        @Test func aRunawayLoopFailsAtStartAndAbandonsInAStep() throws {
            let runaway = F.flow("run", start: "q", [
                F.ask("q", "Go?", .yesno, next: "spin"),
                F.node("spin", .loop(Loop(condition: .literal(.bool(true)), body: "talk", maxPasses: 100_000)), next: nil),
                F.say("talk", "again", next: "spin"),
            ])
            let engine = F.engine(runaway)
            let step = engine.step(try engine.start(flow: "run", seed: 0).state, .line("y"))
            #expect(step.state.status == .abandoned)
            #expect(step.events.suffix(2) == [.notice("Stopped: flow 'run' ran too many steps at node 'spin' without asking anything."), .end])
            let atStart = F.flow("run2", start: "spin", [
                F.node("spin", .loop(Loop(condition: .literal(.bool(true)), body: "talk", maxPasses: 100_000)), next: nil),
                F.say("talk", "again", next: "spin"),
            ])
            #expect(throws: EngineError.self) { try F.engine(atStart).start(flow: "run2", seed: 0) }
        }

        @Test func backReplaysWithoutTheLastAnswerAndTheInvalidInputsAfterIt() throws {
            let engine = F.engine(Self.checkin)
            let start = try engine.start(flow: "checkin", seed: 9)
            let atOK = F.run(engine, start, ["lots", "9", "xyz", "banking", "1", "maybe"])
            #expect(atOK.state.cursor.node == "ok")
            let back = engine.back(atOK.state)
            #expect(back.state.cursor.node == "sector")
            #expect(back.state.inputs == [.line("lots"), .line("9"), .line("xyz"), .line("banking")])
            #expect(back.state.answers.map(\.raw) == ["9"])
            #expect(back.state.variables["sector"] == nil)
            #expect(back.state.reasks == 2)
            #expect(back.events.first == .notice("Went back one answer."))
            #expect(back.events.last.flatMap { if case .ask(let p) = $0 { p.nodeID } else { nil } } == "sector")
            let twice = engine.back(back.state)
            #expect(twice.state.cursor.node == "years")
            #expect(twice.state.inputs == [.line("lots")])
            let nothing = engine.back(try engine.start(flow: "checkin", seed: 9).state)
            #expect(nothing.events.first == .notice("There is no answer to go back to."))
        }

        @Test func replayingASessionsInputsWithItsSeedIsByteIdentical() throws {
            let engine = F.engine(Self.checkin, Self.loopFlow(maxPasses: 8))
            for (flow, lines) in [("checkin", ["x", "70", "12", "hea", "maybe", "y"]), ("loop", ["a", "y", "", "b", "sure", "c", "n"])] {
                var step = try engine.start(flow: flow, seed: 1234)
                var events = step.events
                for line in lines {
                    step = engine.step(step.state, line == "" ? .skip : .line(line))
                    events += step.events
                }
                let replayed = try engine.replay(flow: flow, seed: 1234, inputs: step.state.inputs)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                #expect(try encoder.encode(replayed.state) == encoder.encode(step.state))
                #expect(replayed.events == events)
                let decoded = try JSONDecoder().decode(SessionState.self, from: encoder.encode(step.state))
                #expect(decoded == step.state)
            }
        }

        @Test func progressIsOmittedForFlowsWithFewerThanTwoQuestions() throws {
            let one = F.flow("one", start: "q", [F.ask("q", "Only?", .yesno, next: nil)])
            let step = try F.engine(one).start(flow: "one", seed: 0)
            #expect(step.lines == ["Only?", "  (yes or no)"])
        }

        @Test func decodingToleratesSessionsWrittenBeforeLaterFields() throws {
            let state = try F.engine(Self.checkin).start(flow: "checkin", seed: 3).state
            var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(state)) as? [String: Any] ?? [:]
            object["questionsDone"] = nil
            object["startVariables"] = nil
            let decoded = try JSONDecoder().decode(SessionState.self, from: JSONSerialization.data(withJSONObject: object))
            #expect(decoded.questionsDone == 0)
            #expect(decoded.cursor == state.cursor)
        }
    }
}
