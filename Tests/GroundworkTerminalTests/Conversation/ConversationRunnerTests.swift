import GroundworkCore
import Testing
@testable import GroundworkTerminal

@Suite struct ConversationRunnerTests {
    static let prompt = Prompt(text: "Which sector?", kind: .choice, options: ["Health", "Finance"], nodeID: "sector")

    /// A runner over an empty library, waiting at one question: only the runner's own behaviour is exercised.
    static func runner(_ input: [ReadResult], interactive: Bool = false)
        -> (ConversationRunner, ScriptedLineReader, BufferOutput, DiscardingPersistence) {
        let reader = ScriptedLineReader(input)
        let output = BufferOutput()
        let persistence = DiscardingPersistence()
        var state = SessionState(flowID: "f", flowHash: "h", seed: 1)
        state.cursor.node = "sector"
        let runner = ConversationRunner.flow(engine: Engine(library: ScriptLibrary()),
                                   start: Step(state: state, events: [.say("Hello."), .ask(prompt)]),
                                   reader: reader,
                                   renderer: Renderer(output: output, color: false, width: nil, decorate: false),
                                   persistence: persistence, interactive: interactive)
        return (runner, reader, output, persistence)
    }

    @Test func endOfInputSavesAndPausesSilentlyThroughAPipe() throws {
        let (runner, _, output, persistence) = Self.runner([])
        #expect(try runner.run() == .left)
        #expect(output.text == "Hello.\nWhich sector?\n  1. Health\n  2. Finance\n")
        #expect(persistence.saves == 2)  // the start, then on leaving
        #expect(persistence.lastStatus == .active)
    }

    @Test func quitSavesAndLeaves() throws {
        let (runner, reader, _, persistence) = Self.runner([.line("/quit"), .line("never read")], interactive: true)
        #expect(try runner.run() == .left)
        #expect(reader.promptsShown.count == 1)
        #expect(persistence.saves == 2)
    }

    @Test func oneInterruptDropsTheLineTwoLeave() throws {
        let (runner, reader, output, _) = Self.runner([.interrupted, .line("/help"), .interrupted, .interrupted, .line("x")])
        #expect(try runner.run() == .left)
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
        let runner = ConversationRunner.flow(engine: Engine(library: ScriptLibrary()),
                                   start: Step(state: SessionState(flowID: "f", flowHash: "", seed: 0), events: []),
                                   reader: ScriptedLineReader([]),
                                   renderer: Renderer(output: BufferOutput(), color: false, width: nil, decorate: false),
                                   persistence: Failing(), interactive: false)
        #expect(throws: Failing.Full.self) { try runner.run() }
    }
}

extension ConversationRunnerTests {
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
        #expect(FlowConversation.whyText(of: state) == shown)
    }
}

/// The runner's idle ticks and secret reads (a group's timer and private answers), on a fake conversation.
struct ConversationRunnerTickTests {
    final class Ticking: Conversation {
        struct Full: Error {}
        var ticks = 0
        var saves = 0
        var failOnSave: Int?
        var taken: [String] = []
        let isSecret: Bool
        init(secret: Bool = false, failOnSave: Int? = nil) {
            self.isSecret = secret
            self.failOnSave = failOnSave
        }
        func open() throws -> Turn { Turn([.message("open")]) }
        var secret: Bool { isSecret }
        var promptLabel: String? { "tick \(ticks)" }
        var takesSlashCommands: Bool { false }
        func take(_ line: String) throws -> Turn {
            taken.append(line)
            return Turn(saves: true)
        }
        func tick() -> Turn {
            ticks += 1
            return ticks % 2 == 0 ? Turn([.notice("bell \(ticks)")], saves: true) : Turn()
        }
        func save(_ shown: [Shown]) throws {
            saves += 1
            if saves == failOnSave { throw Full() }
        }
        var leaving: [Shown] { [] }
    }

    @Test func ticksWhileWaitingShowTheirTextAboveTheLineAndTheNewPrompt() throws {
        let reader = ScriptedLineReader(lines: ["/next"])
        reader.ticksBeforeEachLine = 2
        let ticking = Ticking()
        let output = BufferOutput()
        try ConversationRunner(ticking, reader: reader, renderer: Renderer(output: output, color: false, width: nil, decorate: false)).run()
        #expect(ticking.taken == ["/next"])  // a group's own command, not the runner's
        // One tick before each read, then two while waiting: the even ones ring and are saved.
        #expect(reader.ticks.map(\.text) == ["bell 2\n", nil, nil, "bell 6\n"])
        #expect(ticking.saves == 5)  // bells 2, 4 and 6, the line, and leaving
        #expect(reader.ticks.map(\.prompt) == ["tick 2> ", "tick 3> ", "tick 5> ", "tick 6> "])
    }

    @Test func aSaveThatFailsDuringATickStopsTheReadAndIsThrown() {
        let reader = ScriptedLineReader(lines: ["never taken"])
        reader.ticksBeforeEachLine = 3
        let ticking = Ticking(failOnSave: 1)
        #expect(throws: Ticking.Full.self) {
            try ConversationRunner(ticking, reader: reader, renderer: Renderer(output: BufferOutput(), color: false, width: nil, decorate: false)).run()
        }
        #expect(reader.ticks.last?.stop == true)
        #expect(ticking.taken.isEmpty)
    }

    @Test func secretLinesAreAskedForSecretlyAndNeverKeptInHistory() throws {
        final class Recording: LineReader {
            var lines = ["my private answer"]
            var secrets: [Bool] = []
            var history: [String] = []
            func readLine(_ request: LineRequest) -> ReadResult {
                secrets.append(request.secret)
                return lines.isEmpty ? .endOfInput : .line(lines.removeFirst())
            }
            func addToHistory(_ line: String) { history.append(line) }
        }
        let reader = Recording()
        try ConversationRunner(Ticking(secret: true), reader: reader, renderer: Renderer(output: BufferOutput(), color: false, width: nil, decorate: false)).run()
        #expect(reader.secrets == [true, true])
        #expect(reader.history.isEmpty)
    }
}

/// Leaving a journal says what happened to it: saved to come back to, or (`--no-save`) kept nowhere.
struct JournalLeavingTests {
    final class Keeping: SessionPersistence {
        func save(_ state: SessionState, _ events: [Event]) throws {}
    }

    @Test(arguments: [(true, "saved; 'groundwork resume' continues this journal"), (false, "nothing was kept (--no-save)")])
    func leavingSaysWhetherAnythingWasKept(_ keeps: Bool, _ notice: String) throws {
        let listening = try WorkRules.listening()
        let output = BufferOutput()
        let persistence: SessionPersistence = keeps ? Keeping() : DiscardingPersistence()
        try ConversationRunner.journal(listening: listening, safety: nil, state: JournalSession.newState(seed: 1),
                                       reader: ScriptedLineReader(lines: ["a line"]),
                                       renderer: Renderer(output: output, color: false, width: nil, decorate: false),
                                       persistence: persistence, interactive: true).run()
        #expect(output.text.hasSuffix(notice + "\n"))
    }
}

/// A rule set's `opening:` line starts a journal on a terminal, and stays out of piped output.
struct JournalOpeningTests {
    @Test(arguments: [true, false])
    func theOpeningLineIsShownOnlyOnATerminal(_ interactive: Bool) throws {
        let listening = try WorkRules.listening(opening: "How do you do. Tell me what is on your mind.")
        let output = BufferOutput()
        try ConversationRunner.journal(listening: listening, safety: nil, state: JournalSession.newState(seed: 1),
                                       reader: ScriptedLineReader(lines: ["work"]),
                                       renderer: Renderer(output: output, color: false, width: nil, decorate: false),
                                       persistence: DiscardingPersistence(), interactive: interactive).run()
        #expect(output.text.contains("How do you do. Tell me what is on your mind.\n") == interactive)
        #expect(output.text.contains("Tell me about work.\n"))
    }
}
