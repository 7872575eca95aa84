import GroundworkCore
import Testing
@testable import GroundworkTerminal

@Suite struct SessionRunnerTests {
    static let prompt = Prompt(text: "Which sector?", kind: .choice, options: ["Health", "Finance"], nodeID: "sector")

    /// A runner over an empty library, waiting at one question: only the runner's own behaviour is exercised.
    static func runner(_ input: [ReadResult], interactive: Bool = false)
        -> (SessionRunner, ScriptedLineReader, BufferOutput, DiscardingPersistence) {
        let reader = ScriptedLineReader(input)
        let output = BufferOutput()
        let persistence = DiscardingPersistence()
        var state = SessionState(flowID: "f", flowHash: "h", seed: 1)
        state.cursor.node = "sector"
        let runner = SessionRunner(engine: Engine(library: ScriptLibrary()),
                                   start: Step(state: state, events: [.say("Hello."), .ask(prompt)]),
                                   reader: reader,
                                   renderer: Renderer(output: output, color: false, width: nil, decorate: false),
                                   persistence: persistence, interactive: interactive)
        return (runner, reader, output, persistence)
    }

    @Test func endOfInputSavesAndPausesSilentlyThroughAPipe() throws {
        let (runner, _, output, persistence) = Self.runner([])
        #expect(try runner.run() == .paused)
        #expect(output.text == "Hello.\nWhich sector?\n  1. Health\n  2. Finance\n")
        #expect(persistence.saves == 2)  // the start, then on leaving
        #expect(persistence.lastStatus == .active)
    }

    @Test func quitSavesAndLeaves() throws {
        let (runner, reader, _, persistence) = Self.runner([.line("/quit"), .line("never read")], interactive: true)
        #expect(try runner.run() == .paused)
        #expect(reader.promptsShown.count == 1)
        #expect(persistence.saves == 2)
    }

    @Test func oneInterruptDropsTheLineTwoLeave() throws {
        let (runner, reader, output, _) = Self.runner([.interrupted, .line("/help"), .interrupted, .interrupted, .line("x")])
        #expect(try runner.run() == .paused)
        #expect(reader.promptsShown.count == 4)
        #expect(output.text.contains("press Ctrl-C again to save and leave"))
    }

    @Test func helpNamesCommandsAndTheQuestionsOptions() throws {
        let (runner, reader, output, _) = Self.runner([.line("/help")])
        _ = try runner.run()
        #expect(output.text.contains("/back"))
        #expect(output.text.contains("This question takes one option"))
        #expect(reader.questions.first == Self.prompt)
    }

    @Test func unknownCommandsAreNamed() throws {
        let (runner, _, output, _) = Self.runner([.line("/dance")])
        _ = try runner.run()
        #expect(output.text.contains("unknown command '/dance'; /help lists them"))
    }

    @Test func summaryWithoutAnswers() throws {
        let (runner, _, output, _) = Self.runner([.line("/summary"), .line("/why")])
        _ = try runner.run()
        #expect(output.text.contains("no answers yet"))
        #expect(output.text.contains("(nothing to explain yet)"))
    }

    @Test func aFailingSaveIsThrownNotSwallowed() {
        final class Failing: SessionPersistence {
            struct Full: Error {}
            func save(_ state: SessionState, _ events: [Event]) throws { throw Full() }
        }
        let runner = SessionRunner(engine: Engine(library: ScriptLibrary()),
                                   start: Step(state: SessionState(flowID: "f", flowHash: "", seed: 0), events: []),
                                   reader: ScriptedLineReader([]),
                                   renderer: Renderer(output: BufferOutput(), color: false, width: nil, decorate: false),
                                   persistence: Failing(), interactive: false)
        #expect(throws: Failing.Full.self) { try runner.run() }
    }
}

extension SessionRunnerTests {
    @Test(arguments: [
        ("You mentioned 'boss', so I asked about that." as String?, "trace" as String?,
         "You mentioned 'boss', so I asked about that. ('/why detail' shows the steps behind it.)"),
        (nil, "trace", "That was the flow's next step; '/why detail' shows how the coach got there."),
        (nil, nil, "(nothing to explain yet)"),
    ])
    func whyIsInWordsWithTheTraceBehindIt(_ why: String?, _ trace: String?, _ shown: String) {
        var state = SessionState(flowID: "f", flowHash: "h", seed: 1)
        state.why = why
        state.explanation = trace
        #expect(SessionRunner.whyText(of: state) == shown)
    }
}
