import Foundation
import Testing

/// Escape sequences typed into answers are stored as typed, but never reach a terminal raw from
/// any command that shows stored text later (issue 12, item 3): `summary --last`, `search`,
/// `history` and `export` in every format. Text reports drop them (as the live session does);
/// exports keep the text and escape it for their format.
@Suite
struct StoredEscapeTests {
    /// Retitles the window (OSC 2 … BEL), clears the screen (CSI 2J), and a C1 CSI moving the cursor home.
    static let hostile = "today at work \u{1B}]2;pwned\u{07}I felt \u{1B}[2Jtired \u{9B}H #work"

    /// Control characters a terminal may act on (all C0 but newline, DEL, C1).
    static func controls(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { ($0 < 0x20 && $0 != 0x0A) || (0x7F...0x9F).contains($0) }
    }

    @Test func storedEscapesNeverReachTheOutputRaw() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let options = ["--data-dir", data, "--user", "tester"]
        // A journal entry, then a flow whose summary repeats the answer: the latest, for `summary --last`.
        let journal = try Groundwork.run(["journal"] + options, input: Self.hostile + "\n/done\n")
        #expect(journal.status == 0, "\(journal.stderr)")
        let dialogues = data + "/dialogues"
        try FileManager.default.createDirectory(atPath: dialogues, withIntermediateDirectories: true)
        try """
            id: recap
            title: Recap
            start: name
            nodes:
              name: {ask: "What should I call you?", input: text, save: name, next: done}
              done: {end: "Done."}
            summary: "Summary for {{name}}."
            """.write(toFile: dialogues + "/recap.yaml", atomically: true, encoding: .utf8)
        let recap = try Groundwork.run(["start", "recap", "--dialogues", dialogues] + options, input: "Ana \u{1B}]2;pwned\u{07}\u{1B}[2J!\n")
        #expect(recap.status == 0, "\(recap.stderr)")
        #expect(Self.controls(recap.stdout).isEmpty)
        // Stored as typed.
        let stored = try Groundwork.sessionFiles(data).map { try String(contentsOfFile: $0, encoding: .utf8) }.joined()
        #expect(stored.contains("\\u001b]2;pwned\\u0007"))

        let commands: [[String]] = [["summary", "--last"], ["summary", "--last", "--format", "md"], ["summary", "--last", "--format", "json"],
                                    ["search", "work"], ["history"], ["history", "--format", "json"],
                                    ["export"], ["export", "--format", "json"]]
        var shown: [String: String] = [:]
        for command in commands {
            let result = try Groundwork.run(command + options)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(Self.controls(result.stdout).isEmpty, "\(command) printed control characters \(Self.controls(result.stdout))")
            #expect(Self.controls(result.stderr).isEmpty, "\(command) printed control characters to stderr")
            shown[command.joined(separator: " ")] = result.stdout
        }
        // The latest completed session's summary, without the sequences.
        #expect(shown["summary --last"]?.contains("Summary for Ana !") == true, "\(shown["summary --last"] ?? "")")
        #expect(shown["summary --last --format md"]?.contains("Summary for Ana ␛]2;pwned␇␛[2J!") == true, "\(shown["summary --last --format md"] ?? "")")
        #expect(shown["search work"]?.contains("journal  today at work I felt tired  #work") == true, "\(shown["search work"] ?? "")")
        // Markdown shows what was typed, with visible symbols for the control characters.
        #expect(shown["export"]?.contains("**You:** today at work ␛]2;pwned␇I felt ␛[2Jtired <U+009B>H #work") == true, "\(shown["export"] ?? "")")
        // JSON escapes them, and reads back to exactly what was typed.
        let json = try #require(shown["export --format json"])
        #expect(json.contains("\\u001b]2;pwned\\u0007I felt \\u001b[2Jtired \\u009bH"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sessions = try #require(document["sessions"] as? [[String: Any]])
        let raws = sessions.flatMap { (($0["state"] as? [String: Any])?["answers"] as? [[String: Any]]) ?? [] }.compactMap { $0["raw"] as? String }
        #expect(raws.contains(Self.hostile))
    }

    @Test func anExportFileKeepsTheTextEscaped() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let options = ["--data-dir", data, "--user", "tester"]
        _ = try Groundwork.run(["journal"] + options, input: Self.hostile + "\n/done\n")
        let path = data + "/export.md"
        let result = try Groundwork.run(["export", "-o", path] + options)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(Self.controls(text).isEmpty)
        #expect(text.contains("today at work ␛]2;pwned␇I felt ␛[2Jtired <U+009B>H #work"))
    }
}
