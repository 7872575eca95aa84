import Foundation
import Testing
import GroundworkTestSupport

/// Hostile input typed at the REPL (libedit in a real terminal): escape sequences cannot repaint
/// the screen or retitle the window, emoji and right-to-left marks pass, a very long line is met
/// with a re-ask, and the session goes on and saves.
@Suite(.serialized)
struct HostileTerminalTests {
    /// With no locale at all (LANG unset), non-ASCII typed at the prompt is kept, not dropped
    /// (issue 12, item 6).
    @Test func nonASCIIIsKeptWithoutALocale() throws {
        let data = try Groundwork.makeDataDir()
        let command = "env -u LANG -u LC_ALL -u LC_CTYPE -u LC_MESSAGES " + TerminalTests.command(["journal"], dataDir: data)
        let tmux = try Tmux(command)
        try tmux.waitForPrompt()
        try tmux.type("café naïve 日本 ok")
        try tmux.send("Enter")
        try tmux.waitForPrompt()
        try tmux.type("/done")
        try tmux.send("Enter")
        try tmux.waitFor("EXIT=0")
        let file = try #require(Groundwork.sessionFiles(data).first)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("café naïve 日本 ok"), "\(text.prefix(400))")
    }

    @Test func escapesEmojiAndLongLinesAtThePrompt() throws {
        let data = try Groundwork.makeDataDir()
        let tmux = try Tmux(TerminalTests.command(["start", "mini"], dataDir: data))
        try tmux.waitFor("What should I call you?")
        try tmux.waitForPrompt()
        let titleBefore = try tmux.paneValue("#{pane_title}")
        // A clear-screen and a window-title sequence inside the name, then emoji and an RTL mark.
        try tmux.type("Ana\u{1B}]0;pwned\u{07}\u{1B}[2J 🙂\u{200F}")
        try tmux.send("Enter")
        let screen = try tmux.waitFor("Which sector do you work in?")
        try tmux.waitForPrompt()
        #expect(screen.contains("Hello, let's begin."), "the earlier lines must still be on screen")
        #expect(try tmux.paneValue("#{pane_title}") == titleBefore)
        // A 5,000-character line at a choice question: a re-ask, no crash.
        try tmux.type(String(repeating: "x", count: 5_000))
        try tmux.send("Enter")
        try tmux.waitFor("Please choose one")
        try tmux.waitForPrompt()
        try tmux.type("3")
        try tmux.send("Enter")
        try tmux.waitFor("How many years")
        try tmux.waitForPrompt()
        try tmux.type("7")
        try tmux.send("Enter")
        let end = try tmux.waitFor("EXIT=0")
        #expect(end.contains("Farming for 7 years."))
        #expect(end.contains("🙂"))

        let file = try #require(Groundwork.sessionFiles(data).first)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let state = try #require(object["state"] as? [String: Any])
        #expect(state["status"] as? String == "completed")
    }
}
