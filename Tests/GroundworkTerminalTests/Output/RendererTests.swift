import GroundworkCore
import Testing
@testable import GroundworkTerminal

@Suite struct RendererTests {
    static let question = Event.ask(Prompt(text: "Which sector do you work in these days?", kind: .choice,
                                           options: ["Health", "Finance"], progress: Progress(index: 4, total: 12),
                                           nodeID: "sector"))

    @Test func plainOutputIsCoresPlainLines() {
        let renderer = Renderer(output: BufferOutput(), color: false, width: nil, decorate: false)
        #expect(renderer.format(Self.question) == "(question 4 of 12)\nWhich sector do you work in these days?\n  1. Health\n  2. Finance\n")
        #expect(renderer.format(.notice("Skipped.")) == "(Skipped.)\n")
        #expect(renderer.format(.nextStep(id: "x", text: "Rest.")) == "Next step: Rest.\n")
        #expect(renderer.format(.end) == "")
    }

    @Test func terminalShowsProgressAndWraps() {
        let renderer = Renderer(output: BufferOutput(), color: false, width: 20, decorate: true)
        #expect(renderer.format(Self.question) == "question 4 of 12\nWhich sector do you\nwork in these days?\n  1. Health\n  2. Finance\n")
    }

    @Test func aLoopsProgressIsShownInItsOwnWords() {
        let prompt = Prompt(text: "Task 3?", kind: .text, progress: Progress(index: 10, total: 21, pass: .init(name: "task", number: 3)),
                            nodeID: "task_name")
        let plain = Renderer(output: BufferOutput(), color: false, width: nil, decorate: false)
        #expect(plain.format(.ask(prompt)) == "(task 3 · about 12 questions left)\nTask 3?\n")
        let terminal = Renderer(output: BufferOutput(), color: false, width: 80, decorate: true)
        #expect(terminal.format(.ask(prompt)) == "task 3 · about 12 questions left\nTask 3?\n")
    }

    @Test func colourOnlyWhenAsked() {
        let plain = Renderer(output: BufferOutput(), color: false, width: 80, decorate: true)
        let coloured = Renderer(output: BufferOutput(), color: true, width: 80, decorate: true)
        for event in [Self.question, .reflect("Tell me more."), .invalid("A number, please."), .notice("Saved.")] {
            #expect(!plain.format(event).contains("\u{1B}"))
            #expect(coloured.format(event).contains("\u{1B}["))
        }
        #expect(!plain.prompt.contains("\u{1B}"))
        #expect(coloured.prompt == "\u{1}\u{1B}[1m\u{2}> \u{1}\u{1B}[0m\u{2}")
    }

    @Test(arguments: [
        (TerminalInfo(stdinIsTerminal: true, stdoutIsTerminal: true, columns: 80, noColorEnvironment: false), false, true),
        (TerminalInfo(stdinIsTerminal: true, stdoutIsTerminal: true, columns: 80, noColorEnvironment: true), false, false),
        (TerminalInfo(stdinIsTerminal: true, stdoutIsTerminal: true, columns: 80, noColorEnvironment: false), true, false),
        (TerminalInfo(stdinIsTerminal: false, stdoutIsTerminal: false, columns: nil, noColorEnvironment: false), false, false),
        (TerminalInfo(stdinIsTerminal: true, stdoutIsTerminal: false, columns: nil, noColorEnvironment: false), false, false),
    ])
    func colourDecision(info: TerminalInfo, noColorFlag: Bool, expected: Bool) {
        let renderer = Renderer(terminal: info, noColorFlag: noColorFlag, output: BufferOutput())
        #expect(renderer.color == expected)
        #expect(renderer.width == info.columns)
    }

    @Test func userTextIsStrippedOfEscapes() {
        let output = BufferOutput()
        let renderer = Renderer(output: output, color: false, width: nil, decorate: false)
        renderer.render([.reflect("Why do you say \u{1B}[2J\u{1B}]0;pwned\u{07}your boss?")])
        #expect(output.text == "Why do you say your boss?\n")
    }
}
