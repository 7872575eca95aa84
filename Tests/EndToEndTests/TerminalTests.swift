import Foundation
import Testing
import GroundworkTestSupport

/// The coach in a real pseudo-terminal (tmux): line editing, completion, history, Ctrl-C, Ctrl-D.
@Suite(.serialized)
struct TerminalTests {
    static func command(_ arguments: [String], dataDir: String) -> String {
        ([Groundwork.binary] + arguments + Groundwork.fixtureOptions(dataDir)).map(shellQuote).joined(separator: " ")
    }

    @Test func typingEditingAndTabCompletion() throws {
        let data = try Groundwork.makeDataDir()
        let tmux = try Tmux(Self.command(["start", "mini"], dataDir: data))
        try tmux.waitFor("What should I call you?")
        try tmux.waitForPrompt()
        try tmux.type("Anx")
        try tmux.send("BSpace")
        try tmux.type("a")
        try tmux.send("Enter")
        try tmux.waitFor("Which sector do you work in?")
        try tmux.waitForPrompt()
        #expect(try tmux.screen().contains("question 2 of 3"))
        try tmux.type("Fi")
        try tmux.send("Tab")
        try tmux.waitFor("> Finance")
        try tmux.send("Enter")
        try tmux.waitFor("How many years")
        try tmux.waitForPrompt()
        try tmux.type("/he")
        try tmux.send("Tab")
        try tmux.waitFor("> /help")
        try tmux.send("Enter")
        try tmux.waitFor("This question takes a number")
        try tmux.waitForPrompt()
        try tmux.type("4")
        try tmux.send("Enter")
        let screen = try tmux.waitFor("EXIT=0")
        #expect(screen.contains("Thanks, Ana: Finance for 4 years."))
    }

    @Test func upRecallsAnEarlierLine() throws {
        let data = try Groundwork.makeDataDir()
        let tmux = try Tmux(Self.command(["journal"], dataDir: data))
        try tmux.waitFor("/done to finish")
        try tmux.waitForPrompt()
        try tmux.type("I remember my garden")
        try tmux.send("Enter")
        try tmux.waitFor("Do you often think of your garden?")
        try tmux.waitForPrompt()
        try tmux.type("hello")
        try tmux.send("Enter")
        try tmux.waitFor("Please go on.")
        try tmux.waitForPrompt()
        try tmux.send("Up", "Up")
        try tmux.waitFor("> I remember my garden")
        try tmux.send("BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
        try tmux.type("dog")
        try tmux.send("Enter")
        try tmux.waitFor("Do you often think of your dog?")
        // Keys sent before libedit is reading again can be flushed when it switches the terminal mode.
        try tmux.waitForPrompt()
        try tmux.send("C-d")
        try tmux.waitFor("EXIT=0")
    }

    @Test func ctrlCDropsTheLineAndTwiceSavesAndLeaves() throws {
        let data = try Groundwork.makeDataDir()
        let tmux = try Tmux(Self.command(["start", "mini"], dataDir: data))
        try tmux.waitFor("What should I call you?")
        try tmux.waitForPrompt()
        try tmux.type("Half typed")
        try tmux.send("C-c")
        try tmux.waitFor("press Ctrl-C again")
        try tmux.waitForPrompt()
        try tmux.type("Eve")
        try tmux.send("Enter")
        try tmux.waitFor("Which sector")
        try tmux.waitForPrompt()
        try tmux.send("C-c")
        try tmux.waitFor("press Ctrl-C again")
        try tmux.waitForPrompt()
        try tmux.send("C-c")
        let screen = try tmux.waitFor("EXIT=0")
        #expect(screen.contains("saved; 'groundwork resume'"))
        let saved = try String(contentsOfFile: try #require(Groundwork.sessionFiles(data).first), encoding: .utf8)
        #expect(saved.contains("Eve"))
        #expect(!saved.contains("Half typed"))
    }

    @Test func ctrlDSavesAndLeaves() throws {
        let data = try Groundwork.makeDataDir()
        let tmux = try Tmux(Self.command(["start", "mini"], dataDir: data))
        try tmux.waitFor("What should I call you?")
        try tmux.waitForPrompt()
        try tmux.type("Fay")
        try tmux.send("Enter")
        try tmux.waitFor("Which sector")
        try tmux.waitForPrompt()
        try tmux.send("C-d")
        let screen = try tmux.waitFor("EXIT=0")
        #expect(screen.contains("saved; 'groundwork resume'"))
        let saved = try String(contentsOfFile: try #require(Groundwork.sessionFiles(data).first), encoding: .utf8)
        #expect(saved.contains("\"active\""))
    }

    @Test(arguments: [["NO_COLOR": "1"], [:]])
    func noEscapeCodesWithNoColor(environment: [String: String]) throws {
        let data = try Groundwork.makeDataDir()
        let flag = environment.isEmpty ? ["--no-color"] : []
        let tmux = try Tmux(Self.command(["start", "mini"] + flag, dataDir: data), environment: environment)
        try tmux.waitFor("What should I call you?")
        try tmux.waitForPrompt()
        #expect(!(try tmux.screen(escapes: true)).contains("\u{1B}["))
        try tmux.send("C-d")
        try tmux.waitFor("EXIT=0")
    }

    @Test func colourOnATerminalByDefault() throws {
        let data = try Groundwork.makeDataDir()
        let tmux = try Tmux(Self.command(["start", "mini"], dataDir: data))
        try tmux.waitFor("What should I call you?")
        try tmux.waitForPrompt()
        #expect(try tmux.screen(escapes: true).contains("\u{1B}["))
        try tmux.send("C-d")
        try tmux.waitFor("EXIT=0")
    }
}
