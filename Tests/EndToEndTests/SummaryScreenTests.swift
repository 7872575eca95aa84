import Foundation
import Testing
import GroundworkTestSupport

/// `groundwork summary` on a terminal wraps to the window at word boundaries (with the readable
/// measure); through a pipe the report stays as written, one paragraph a line.
struct SummaryScreenTests {
    @Test
    func theSummaryWrapsOnATerminalAndStaysPlainThroughAPipe() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let transcript = try String(contentsOfFile: Groundwork.root.appendingPathComponent("dialogues/career-checkin-nurse.transcript").path, encoding: .utf8)
        let answers = transcript.split(separator: "\n").filter { $0.hasPrefix("> ") }.map { $0.dropFirst(2) + "\n" }.joined()
        let started = try Groundwork.run(["start", "career-checkin", "--data-dir", data, "--user", "tester", "--seed", "42"], input: answers)
        #expect(started.status == 0, "\(started.stderr)")

        let piped = try Groundwork.run(["summary", "--data-dir", data, "--user", "tester"])
        let pipedLines = piped.stdout.split(separator: "\n").map(String.init)
        #expect(pipedLines.contains { $0.count > 100 }, "the piped report should keep its long lines")

        let tmux = try Tmux("\(shellQuote(Groundwork.binary)) summary --data-dir \(shellQuote(data)) --user tester",
                            width: 60, environment: ["NO_COLOR": "1"])
        let screen = try tmux.waitFor("EXIT=0")
        let shown = screen.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("EXIT=") }
        #expect(shown.allSatisfy { $0.count <= 60 }, "a line is wider than the window:\n\(screen)")
        // The same words in the same order (the last paragraphs: the window shows 30 rows): wrapping
        // moved line breaks only, and broke no word.
        let tail = pipedLines.suffix(3).joined(separator: " ").split(separator: " ")
        let shownWords = shown.joined(separator: " ").split(separator: " ")
        #expect(shownWords.suffix(tail.count).elementsEqual(tail), "words differ or were broken:\n\(screen)")
    }
}
