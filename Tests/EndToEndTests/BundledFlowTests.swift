import Foundation
import Testing

/// The bundled dialogues through the built binary: crisis lines by country, the career check-in's
/// trend and its JSON summary.
@Suite
struct BundledFlowTests {
    @Test(arguments: [
        (["LANG": "en_GB.UTF-8"], [] as [String], "Samaritans free on 116 123"),
        (["LANG": "en_US.UTF-8"], [], "988"),
        (["LANG": "en_US.UTF-8", "GROUNDWORK_COUNTRY": "ie"], [], "116 123"),
        (["LANG": "en_GB.UTF-8"], ["--country", "US"], "988"),
    ])
    func safetyMessageShowsTheCountrysCrisisLine(environment: [String: String], flags: [String], expected: String) throws {
        let data = try Groundwork.makeDataDir()
        let result = try Groundwork.run(["journal", "--data-dir", data, "--user", "tess"] + flags,
                                        input: "i want to kill myself\n", environment: environment)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains(expected))
        #expect(result.stdout.contains("findahelpline.com"))
    }

    /// Without saving, a safety hit is still one line per input line, and it carries the crisis lines.
    @Test func journalWithoutSavingShowsCrisisLinesOnOneLine() throws {
        let result = try Groundwork.run(["journal", "--no-save", "--country", "US"],
                                        input: "I want to kill myself\nmy mother is ill\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2)
        #expect(lines.first?.contains("988") == true)
        #expect(lines.first?.contains("findahelpline.com") == true)
        #expect(lines.last?.contains("1. Continue") == false)
    }

    /// `--why` explains every reply on stderr and leaves stdout as the plain output.
    @Test func whyExplainsOnStderr() throws {
        let plain = try Groundwork.run(["journal", "--no-save"], input: "my boss hates me\n")
        let explained = try Groundwork.run(["journal", "--no-save", "--why"], input: "my boss hates me\n")
        #expect(explained.status == 0)
        #expect(explained.stdout == plain.stdout)
        #expect(explained.stdout == "Your boss hates you. That's hard to work around.\n")
        #expect(explained.stderr.hasPrefix("why: keyword 'boss' (rank 4), pattern "))
        #expect(explained.stderr.contains("\"* my (boss|manager|supervisor|director|ceo) *\", reply 1 of"))
        let data = try Groundwork.makeDataDir()
        let flow = try Groundwork.run(["start", "daily-checkin", "--why", "--data-dir", data, "--user", "w"], input: "tired\n\n3\n")
        #expect(flow.status == 0, "stderr: \(flow.stderr)")
        #expect(flow.stderr.contains("why: node 'energy_q' (ask, scale): accepted '3', saved to energy"))
        #expect(!flow.stdout.contains("why:"))
    }

    /// Two check-ins by the same person: the second summary shows the first as the trend, and the
    /// JSON summary carries the fields scripts rely on.
    @Test func careerCheckInTrendAndJSON() throws {
        let data = try Groundwork.makeDataDir()
        let transcript = try String(contentsOfFile: Groundwork.root.appendingPathComponent("dialogues/career-checkin-translator.transcript").path,
                                    encoding: .utf8)
        let answers = transcript.split(separator: "\n").filter { $0.hasPrefix("> ") }.map { $0.dropFirst(2) }
        let input = answers.joined(separator: "\n") + "\n"
        let first = try Groundwork.run(["start", "career-checkin", "--data-dir", data, "--user", "tran"], input: input)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(!first.stdout.contains("earlier check-ins"))
        // The second is offered last time's answers; "2" asks everything again.
        let second = try Groundwork.run(["start", "career-checkin", "--data-dir", data, "--user", "tran"], input: "2\n" + input)
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stdout.contains("Your earlier check-ins: ▇ (85); today: 85."))

        let json = try Groundwork.run(["summary", "--last", "--format", "json", "--data-dir", data, "--user", "tran"])
        #expect(json.status == 0, "stderr: \(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let exposure = try #require(object["exposure"] as? [String: Any])
        #expect(exposure["score"] as? Int == 85)
        #expect(exposure["band"] as? String == "gradient 4")
        #expect(exposure["alpha"] as? Double == 0.8)
        #expect(exposure["beta"] as? Double == 0.85)
        #expect(exposure["zeta"] as? Double == 0.9)
        let tasks = try #require(object["tasks"] as? [[String: Any]])
        #expect(tasks.count == 4)
        #expect(tasks.first?["name"] as? String == "translating contracts from German into English")
        #expect(tasks.first?["share"] as? Int == 60)
        #expect(tasks.first?["label"] as? String == "E1")
        #expect(object["ground"] is [Any])
        #expect((object["pressures"] as? [String])?.contains("wage-reset") == true)
        let next = try #require(object["nextStep"] as? [String: Any])
        #expect(next["id"] as? String == "beyond-doing")
        #expect((next["text"] as? String)?.isEmpty == false)
    }
}
