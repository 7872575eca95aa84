import Foundation
import Testing
import GroundworkTestSupport

/// The shared screen of a group, in a real terminal at three widths: words are never broken, the
/// summary's Markdown is rendered, no escape byte reaches the screen, a long line being typed is
/// not drawn again at every tick, and a save that fails during a tick leaves the terminal sane.
@Suite(.serialized) struct GroupScreenTests {
    static let long = "we kept going back to the same wrong assumption about the release and nobody said so out loud"

    @Test(arguments: [60, 100, 160])
    func theSharedScreenReadsWellAtEveryWidth(_ width: Int) throws {
        let data = try GroupCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let tmux = try Tmux("\(shellQuote(GroupCLI.binary)) group what-so-what-now-what --participants ana,ben,chi --seed 7 --data-dir \(shellQuote(data))",
                            width: width, environment: ["NO_COLOR": "1"])
        try tmux.waitFor("ana, your turn [")
        // A line longer than the window, typed while the step's timer ticks.
        try tmux.type(Self.long)
        // The line being typed wraps where the window ends, as in any shell: read the screen unwrapped.
        func unwrapped() throws -> String { try tmux.screen().replacingOccurrences(of: "\n", with: "") }
        let deadline = Date().addingTimeInterval(10)
        while try !unwrapped().contains("said so out loud"), Date() < deadline { usleep(50_000) }
        usleep(2_600_000)
        let typing = try unwrapped()
        let shownAt = try tmux.screen()
        #expect(typing.components(separatedBy: "said so out loud").count == 2, "the typed line is drawn more than once:\n\(shownAt)")
        try tmux.send("Enter")
        for line in ["the release notes had no owner", "support tickets doubled", "/end"] {
            try tmux.waitFor("your turn")
            try tmux.type(line)
            try tmux.send("Enter")
        }
        try tmux.waitFor("EXIT=0")
        let screen = try tmux.screen(escapes: true)
        #expect(!screen.contains("\u{1B}"), "an escape byte reached the screen")
        let lines = screen.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= width })
        // The summary, rendered: no Markdown markers, and every word of each contribution whole.
        #expect(!screen.contains("###") && !screen.contains("_What"), "raw Markdown on screen:\n\(screen)")
        #expect(screen.contains("\nContributions\n") && screen.contains("\nNext steps\n"))
        let words = Set(lines.flatMap { $0.split(separator: " ").map(String.init) })
        for word in "the release notes had no owner support tickets doubled".split(separator: " ") {
            #expect(words.contains(String(word)), "'\(word)' is broken or missing:\n\(screen)")
        }
    }

    @Test
    func aSaveThatFailsDuringATickLeavesTheTerminalSaneAndSaysWhy() throws {
        let data = try GroupCLI.dataFolder()
        let dialogues = try Self.dialoguesWithAQuickPrivateStep()
        defer {
            try? FileManager.default.removeItem(atPath: data)
            try? FileManager.default.removeItem(atPath: data + ".moved")
            try? FileManager.default.removeItem(atPath: dialogues)
        }
        let tmux = try Tmux("\(shellQuote(GroupCLI.binary)) group quick --participants ana,ben,chi --seed 1 --data-dir \(shellQuote(data)) --dialogues \(shellQuote(dialogues)); s=$?; stty -a | tr ' ' '\\n' | grep -x -e echo -e -echo -e icanon -e -icanon; (exit $s)",
                            environment: ["NO_COLOR": "1"])
        try tmux.waitFor("ana, your turn [")
        try tmux.type("half typed")
        // The data folder goes away under the running group (a disk unplugged): the bell's save fails.
        try FileManager.default.moveItem(atPath: data, toPath: data + ".moved")
        try Data().write(to: URL(fileURLWithPath: data))
        let screen = try tmux.waitFor("EXIT=", seconds: 15)
        #expect(screen.contains("EXIT=1"), "\(screen)")
        #expect(screen.contains("groundwork: "), "no reason given:\n\(screen)")
        let modes = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(modes.contains("echo") && modes.contains("icanon"), "the terminal was left without echo:\n\(screen)")
    }

    /// The bundled dialogues with one more exercise whose private step lasts two seconds.
    static func dialoguesWithAQuickPrivateStep() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gw-quick-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: GroupCLI.root.appendingPathComponent("dialogues").path, toPath: folder)
        try """
            kind: group-exercise
            id: quick
            title: "Quick"
            description: One private answer, timed.
            participants: {min: 3, max: 12}
            steps:
              - id: alone
                title: Alone
                ask: "What is on your mind?"
                private: true
                timebox: 2s
            """.write(toFile: folder + "/group/quick.yaml", atomically: true, encoding: .utf8)
        return folder
    }
}
