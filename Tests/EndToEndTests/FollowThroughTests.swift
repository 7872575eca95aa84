import Foundation
import Testing

/// The coach follows through across sessions, as the built binary with the bundled flows: each
/// run on its own day (GROUNDWORK_NOW moves the clock, TZ=UTC fixes the calendar).
@Suite
struct FollowThroughTests {
    static let question = "Yesterday you set an intention: “call my sister”. How did it go?"

    /// One person's data folder, and runs of the binary on given days of March 2026.
    struct Person {
        var data: String
        var passphrase: String?

        init(passphrase: String? = nil) throws {
            data = try Groundwork.makeDataDir()
            self.passphrase = passphrase
        }

        func run(_ arguments: [String], day: Int, input: String = "") throws -> Groundwork.Result {
            var environment = ["GROUNDWORK_NOW": String(format: "2026-03-%02dT08:00:00Z", day), "TZ": "UTC"]
            if let passphrase { environment["GROUNDWORK_PASSPHRASE"] = passphrase }
            return try Groundwork.run(arguments + ["--data-dir", data, "--user", "ana", "--seed", "7"], input: input, environment: environment)
        }

        /// A daily check-in: the follow-up's answer first when one is expected, then the four questions.
        func checkIn(day: Int, followUp: String? = nil, intention: String) throws -> Groundwork.Result {
            let answers = (followUp.map { [$0] } ?? []) + ["/skip", "3", "a walk", intention]
            let result = try run(["start", "daily-checkin"], day: day, input: answers.joined(separator: "\n") + "\n")
            #expect(result.status == 0, "stderr: \(result.stderr)")
            return result
        }

        /// The saved session files' JSON, oldest first.
        func sessions() throws -> [[String: Any]] {
            try Groundwork.sessionFiles(data, user: "ana").map { path in
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                return try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
            }
        }
    }

    @Test func theDailyCheckInAsksAboutYesterdaysIntentionAndRecordsTheAnswer() throws {
        let ana = try Person()
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        let first = try ana.checkIn(day: 2, intention: "call my sister")
        #expect(!first.stdout.contains("How did it go?"), "nothing to follow up yet")

        let second = try ana.checkIn(day: 3, followUp: "partly", intention: "walk the dog")
        let lines = second.stdout.split(separator: "\n").map(String.init)
        #expect(lines.prefix(7) == ["A quick check-in: four short questions, under three minutes. /skip passes any of them.",
                                    Self.question, "  1. done", "  2. partly", "  3. not yet", "  4. let it go",
                                    "Part of it is still a step."])
        #expect(second.stdout.contains("Followed up: “call my sister”: partly."))

        // The record says which commitment it followed up: session id, text, answer.
        let sessions = try ana.sessions()
        let firstID = try #require(sessions.first?["id"] as? String)
        let state = try #require(sessions.last?["state"] as? [String: Any])
        let followUp = try #require(state["followUp"] as? [String: Any])
        let commitment = try #require(followUp["commitment"] as? [String: Any])
        #expect(commitment["sessionID"] as? String == firstID)
        #expect(commitment["text"] as? String == "call my sister" && commitment["kind"] as? String == "intention")
        #expect(followUp["answer"] as? String == "partly")

        // The next day asks about the newest commitment only; the record counts both answers.
        let third = try ana.checkIn(day: 4, followUp: "1", intention: "rest")
        #expect(third.stdout.contains("Yesterday you set an intention: “walk the dog”. How did it go?"))
        #expect(!third.stdout.contains("call my sister"))
        #expect(third.stdout.contains("Follow-through: 1 of your last 2 plans done, 1 partly."))

        // History and the summary say it in words, never in ids.
        let history = try ana.run(["history"], day: 4)
        #expect(history.stdout.contains("followed up “call my sister”: partly · intention: “walk the dog”"), "\(history.stdout)")
        #expect(history.stdout.contains("followed up “walk the dog”: done · intention: “rest”"))
        #expect(!history.stdout.contains("anchor-the-intention") && !history.stdout.contains("rest-one-thing"))
        let summary = try ana.run(["summary", "--last"], day: 4)
        #expect(summary.stdout.contains("Followed up: “walk the dog”: done.\nFollow-through: 1 of your last 2 plans done, 1 partly."))
        let json = try ana.run(["summary", "--last", "--format", "json"], day: 4)
        #expect(json.stdout.contains("\"followUp\": {") && json.stdout.contains("\"answer\": \"done\""))
        let export = try ana.run(["export"], day: 4)
        #expect(export.stdout.contains("Yesterday you set an intention: “walk the dog”. How did it go?"))
    }

    @Test func everyFlowOpensWithTheLastNextStep() throws {
        let ana = try Person()
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        let journal = try ana.run(["start", "journal"], day: 2, input: "I miss my old team\n/done\n")
        #expect(journal.status == 0, "stderr: \(journal.stderr)")
        // A later flow asks about the journal's next step in words, and /skip leaves it open.
        let skipped = try ana.run(["start", "weekly-review"], day: 5, input: "/skip\n" + String(repeating: "/skip\n", count: 12))
        #expect(skipped.status == 0, "stderr: \(skipped.stderr)")
        #expect(skipped.stdout.contains("3 days ago, at the end of Journal, you planned a next step: “"), "\(skipped.stdout)")
        #expect(skipped.stdout.contains("(Skipped.)"))
        // Skipped, it is still open the next day; the weekly review's own next step is newer, though.
        let next = try ana.run(["start", "beyond-doing"], day: 6, input: "4\n" + String(repeating: "/skip\n", count: 12))
        #expect(next.stdout.contains("Yesterday, at the end of Weekly review, you planned a next step: “"), "\(next.stdout)")
        #expect(next.stdout.contains("Then let it go; it doesn't need to follow you around."))
        #expect(next.stdout.contains("(question 1 of"), "the flow goes on to its first question")
    }

    @Test func notYetAsksOnceMoreThenLetsItRest() throws {
        let ana = try Person()
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        _ = try ana.checkIn(day: 2, intention: "call my sister")
        // Answered "not yet", then left (end of input): no newer commitment, so it is asked again.
        let once = try ana.run(["start", "daily-checkin"], day: 3, input: "not yet\n")
        #expect(once.stdout.contains(Self.question) && once.stdout.contains("That's all right; it can wait."))
        let twice = try ana.run(["start", "daily-checkin"], day: 4, input: "no\n")
        #expect(twice.stdout.contains("2 days ago you set an intention: “call my sister”. How did it go?"), "\(twice.stdout)")
        let rest = try ana.run(["start", "daily-checkin"], day: 5, input: "")
        #expect(!rest.stdout.contains("How did it go?"), "a second 'not yet' closes it")
    }

    @Test func aCommitmentIsNotAskedAboutTheDayItWasMadeNorAfterForget() throws {
        let ana = try Person()
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        _ = try ana.checkIn(day: 2, intention: "call my sister")
        let sameDay = try ana.run(["start", "daily-checkin"], day: 2, input: "")
        #expect(!sameDay.stdout.contains("How did it go?"))
        let forget = try ana.run(["forget", "--all", "--yes"], day: 3)
        #expect(forget.status == 0, "stderr: \(forget.stderr)")
        let after = try ana.run(["start", "daily-checkin"], day: 3, input: "")
        #expect(!after.stdout.contains("How did it go?") && !after.stdout.contains("call my sister"))
    }

    @Test func anEncryptedPersonIsFollowedUpTheSameWay() throws {
        let ana = try Person(passphrase: "a long blue kettle")
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        let encrypt = try ana.run(["encrypt"], day: 1)
        #expect(encrypt.status == 0, "stderr: \(encrypt.stderr)")
        _ = try ana.checkIn(day: 2, intention: "call my sister")
        let second = try ana.checkIn(day: 3, followUp: "done", intention: "walk the dog")
        #expect(second.stdout.contains(Self.question))
        #expect(second.stdout.contains("Followed up: “call my sister”: done."))
        let history = try ana.run(["history"], day: 3)
        #expect(history.stdout.contains("followed up “call my sister”: done"), "\(history.stderr)")
        // Nothing of it is readable on disk, the history cache included.
        for (path, bytes) in EncryptionTests.files(ana.data + "/users/ana") {
            #expect(bytes.range(of: Data("call my sister".utf8)) == nil, "\(path)")
        }
        // Without the passphrase the follow-up is not skipped silently: the command stops.
        var locked = ana
        locked.passphrase = nil
        let refused = try locked.run(["start", "daily-checkin"], day: 4, input: "")
        #expect(refused.status == 1 && refused.stderr.contains("encrypted"))
    }
}
