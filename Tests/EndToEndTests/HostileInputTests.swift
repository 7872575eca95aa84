import Foundation
import Testing

/// Hostile input through a pipe (issue 9): each is met without a crash, the output cannot repaint
/// the terminal, and what is saved reads back.
@Suite
struct HostileInputTests {
    /// Runs the `mini` flow on `bytes` and returns the result and the saved session file's text.
    private func mini(_ bytes: [UInt8]) throws -> (Groundwork.Result, String?) {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let result = try Groundwork.run(["start", "mini"] + Groundwork.fixtureOptions(data), inputBytes: bytes)
        let saved = try Groundwork.sessionFiles(data).first.map { try String(contentsOfFile: $0, encoding: .utf8) }
        return (result, saved)
    }

    /// Whether `text` holds a control character other than newline (ESC, BEL, backspace, CR, C1 controls).
    private func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    /// A line over the limit (64 KiB) is refused with one line saying so, its bytes never kept, and
    /// the same question takes the next line (issue 12, item 9; a 1 MB name used to be saved, 7 MB
    /// of session file rewritten every turn).
    @Test(arguments: [65_537, 1 << 20, 10 << 20])
    func aLineOverTheLimitIsRefusedAndTheQuestionGoesOn(length: Int) throws {
        let started = Date()
        let (result, saved) = try mini([UInt8](repeating: 0x78, count: length) + Array("\nAna\n2\n5\n".utf8))
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(result.status == 0, "stderr: \(result.stderr.prefix(300))")
        #expect(result.stderr.isEmpty)
        let message = "that line is too long (\(length) bytes; a line may be at most 65536, about 10,000 words), "
            + "so nothing of it was kept; split it into shorter lines\n"
        #expect(result.stdout.components(separatedBy: message).count == 2, "\(result.stdout.prefix(600))")
        #expect(result.stdout.hasSuffix("Thanks, Ana: Finance for 5 years.\n"))
        let file = try #require(saved)
        #expect(file.contains("\"completed\"") && !file.contains("xxxxxxxx"))
        #expect(file.utf8.count < 50_000)
    }

    @Test func aLineAtTheLimitIsTaken() throws {
        let name = String(repeating: "y", count: 65_536)
        let (result, saved) = try mini(Array((name + "\n2\n5\n").utf8))
        #expect(result.status == 0)
        #expect(!result.stdout.contains("too long"))
        #expect(try #require(saved).contains(name))
    }

    @Test(arguments: [1 << 20, 10 << 20])
    func aJournalSkipsALineOverTheLimitAndRepliesToTheNext(length: Int) throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let input = [UInt8](repeating: 0x7A, count: length) + Array("\nI feel sad about my mother\n".utf8)
        let started = Date()
        let result = try Groundwork.run(["journal", "--no-save"] + Groundwork.fixtureOptions(data), inputBytes: input)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stdout.prefix(600))")
        #expect(lines.first?.hasPrefix("that line is too long (\(length) bytes;") == true)
    }

    @Test(arguments: [
        ("invalid UTF-8", [0x41, 0xFF, 0xC3, 0x28, 0x42] as [UInt8]),
        ("NUL bytes", [0x41, 0x00, 0x42, 0x00] as [UInt8]),
        ("ANSI escapes", Array("\u{1B}[2J\u{1B}[31mAda\u{1B}[0m\u{1B}]0;owned\u{07}".utf8)),
        ("other controls", Array("A\u{08}\u{08}da\u{07}\r\u{9B}31m\u{7F}".utf8)),
        ("right-to-left marks and emoji", Array("\u{202E}adA\u{200F} 👩‍👩‍👧 ✨".utf8)),
    ])
    func hostileNameIsShownCleanAndSavedReadably(name: String, bytes: [UInt8]) throws {
        let (result, saved) = try mini(bytes + Array("\n2\n5\n".utf8))
        #expect(result.status == 0, "\(name): \(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(!hasControls(result.stdout), "\(name): \(result.stdout.debugDescription)")
        #expect(result.stdout.contains("Thanks, "))
        let file = try #require(saved)
        #expect(file.contains("\"completed\""))
        #expect(try JSONSerialization.jsonObject(with: Data(file.utf8)) is [String: Any])
    }

    @Test func emojiAndRightToLeftTextAreKept() throws {
        let (result, saved) = try mini(Array("עדה 👩‍👩‍👧\n2\n5\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("Thanks, עדה 👩‍👩‍👧: Finance for 5 years."))
        #expect(try #require(saved).contains("עדה 👩‍👩‍👧"))
    }

    @Test func aPastedBlockOfTenThousandLines() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let lines = (0..<10_000).map { "line \($0): I remember my mother" }
        let clock = ContinuousClock()
        var result: Groundwork.Result?
        let elapsed = try clock.measure {
            result = try Groundwork.run(["journal", "--no-save"] + Groundwork.fixtureOptions(data), input: lines.joined(separator: "\n") + "\n")
        }
        let run = try #require(result)
        #expect(run.status == 0, "stderr: \(run.stderr.prefix(300))")
        #expect(run.stdout.split(separator: "\n", omittingEmptySubsequences: false).count == 10_001)
        #expect(elapsed < .seconds(60))
    }

    @Test(arguments: ["9", "0", "-1", "99999999999999999999", "1.5", "Fishing"])
    func outOfRangeChoiceIsAskedAgain(answer: String) throws {
        let (result, saved) = try mini(Array("Ada\n\(answer)\n2\n5\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("Please choose one: a number from 1 to 3, or the start of an option's name."))
        #expect(result.stdout.contains("Thanks, Ada: Finance for 5 years."))
        #expect(try #require(saved).contains("\"completed\""))
    }

    @Test(arguments: 0...3)
    func endOfInputAtEveryPromptSavesWhatWasGiven(answers: Int) throws {
        let given = ["Ada", "2", "5"].prefix(answers)
        let (result, saved) = try mini(Array(given.map { $0 + "\n" }.joined().utf8))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        let file = try #require(saved)
        #expect(file.contains(answers == 3 ? "\"completed\"" : "\"active\""))
        if answers >= 1 { #expect(file.contains("Ada")) }
    }

    @Test func endOfInputWithoutAFinalNewline() throws {
        let (result, saved) = try mini(Array("Ada\n2\n5".utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("Thanks, Ada: Finance for 5 years."))
        #expect(try #require(saved).contains("\"completed\""))
    }
}
