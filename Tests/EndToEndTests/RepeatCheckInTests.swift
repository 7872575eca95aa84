import Foundation
import Testing

/// A repeat career check-in, as the built binary with the bundled flow over several sessions on
/// an injected clock: it starts from last time's tasks, shares and answers, asks only what
/// changed, and the summary lists what changed task by task.
@Suite
struct RepeatCheckInTests {
    /// The ward nurse's first check-in (the answers of dialogues/career-checkin-ward-nurse.transcript).
    static let first = [
        "staff nurse on a busy medical ward", "1", "6",
        "drug rounds and obs", "30", "3", "admitting and discharging patients", "20", "3",
        "writing care notes and the handover", "25", "1", "yes", "charting on the epic system", "10", "2", "yes",
        "talking with families", "15", "3", "no",
        "20", "30", "20", "3", "5", "5", "4", "5", "1", "no", "yes", "4", "3",
        "1",  // the first of the next steps offered
    ]

    struct Person {
        var data: String
        var passphrase: String?

        init(passphrase: String? = nil) throws {
            data = try Groundwork.makeDataDir()
            self.passphrase = passphrase
        }

        func checkIn(on date: String, _ answers: [String]) throws -> Groundwork.Result {
            var environment = ["GROUNDWORK_NOW": date + "T19:00:00Z", "TZ": "UTC"]
            if let passphrase { environment["GROUNDWORK_PASSPHRASE"] = passphrase }
            let result = try Groundwork.run(["start", "career-checkin", "--data-dir", data, "--user", "ana", "--seed", "42"],
                                            input: answers.joined(separator: "\n") + "\n", environment: environment)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            return result
        }

        /// The variables at the end of each saved session, oldest first.
        func finalVariables() throws -> [[String: Any]] {
            try Groundwork.sessionFiles(data, user: "ana").map { path in
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                let json = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
                let state = try #require(json["state"] as? [String: Any])
                return try #require(state["variables"] as? [String: Any])
            }
        }
    }

    /// The questions a run asked: the lines just before each "> " answer's place, i.e. every prompt
    /// that has a progress line above it.
    static func questionsAsked(_ stdout: String) -> Int {
        stdout.split(separator: "\n").filter { $0.hasPrefix("(about ") || $0.hasPrefix("(task ") || $0.hasPrefix("(question ") }.count
    }

    @Test func anUnchangedRoleTakesFourAnswersAndKeepsEverything() throws {
        let ana = try Person()
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        let firstRun = try ana.checkIn(on: "2026-03-01", Self.first)
        #expect(!firstRun.stdout.contains("You did this check-in before"))
        // Three months on (past the follow-up's 30 days): start from last time, same role, all still true.
        let repeatRun = try ana.checkIn(on: "2026-06-01", ["1", "yes", "1", "1", "1"])
        #expect(repeatRun.stdout.contains("You did this check-in before, on 2026-03-01, as 'staff nurse on a busy medical ward', with a score of 30 out of 100."))
        #expect(Self.questionsAsked(repeatRun.stdout) == 4, "\(repeatRun.stdout)")
        #expect(repeatRun.stdout.contains("Since your check-in on 2026-03-01 (score 30, today 30)"))
        #expect(repeatRun.stdout.contains("  - Your tasks, their shares and what a chatbot could do with them are as they were."))
        #expect(repeatRun.stdout.contains("Your earlier check-ins: ▃ (30); today: 30."))
        let variables = try ana.finalVariables()
        try #require(variables.count == 2)
        for name in ["task_names", "task_shares", "task_labels", "job_title", "sector", "worth", "compressed", "exposure.score"] {
            #expect(String(describing: variables[0][name]) == String(describing: variables[1][name]), "\(name)")
        }
        // Years in the role grow with the time since: 6 then, 92 days later 6.3.
        #expect(variables[1]["years"] as? Double == 6.3)
    }

    @Test func onlyWhatChangedIsAskedAndTheSummaryListsItTaskByTask() throws {
        let ana = try Person()
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        _ = try ana.checkIn(on: "2026-03-01", Self.first)
        let answers = [
            "partly",  // the follow-up of last time's next step (4 weeks ago)
            "1", "yes",
            "2",  // the answers about the role: some changed
            "2",  // the tasks: some changed
            "1",  // drug rounds: still true
            "2", "40",  // admitting: the share changed
            "3", "3",  // care notes: the chatbot's help changed, now E0
            "4",  // charting: dropped
            "1",  // families: still true
            "yes", "answering the ward phone", "10", "3", "no",
            // the thirteen questions about the role, Enter keeping each but legal accountability
            "", "", "", "", "", "2", "", "", "", "", "", "", "",
            "2",  // the second of the next steps offered
        ]
        let run = try ana.checkIn(on: "2026-03-29", answers)
        #expect(run.stdout.contains("4 weeks ago, at the end of Career check-in, you planned a next step"))
        #expect(run.stdout.contains("Last time's task 2 of 5: 'admitting and discharging patients', about 20% of your week; you said a chatbot would not save much time. Is that still true?"))
        #expect(run.stdout.contains("(Last time: 20%. Press Enter to keep it, or type another answer.)"))
        #expect(run.stdout.contains("(task 5 · about 25 questions left)\nTask 5: what is it?"), "the new task is numbered after the kept ones")
        let changes = run.stdout.components(separatedBy: "Since your check-in on 2026-03-01 (score 30, today 0)\n").last?
            .split(separator: "\n").prefix(while: { $0.hasPrefix("  - ") }).map(String.init)
        #expect(changes == [
            "  - admitting and discharging patients: 20% of your week last time, 40% now",
            "  - writing care notes and the handover: last time a chatbot alone could halve the time, now a chatbot would not save much time",
            "  - charting on the epic system: no longer part of your week",
            "  - answering the ward phone: new, 10% of your week",
        ])
        let variables = try ana.finalVariables()
        #expect(variables.last?["task_names"] as? [String] == ["drug rounds and obs", "admitting and discharging patients",
                                                               "writing care notes and the handover", "talking with families", "answering the ward phone"])
        #expect(variables.last?["accountability"] as? Double == 2)
        #expect(variables.last?["relational"] as? Double == 5, "kept with Enter")
    }

    @Test func startingAfreshAsksEverythingWithLastTimesAnswersOffered() throws {
        let ana = try Person()
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        _ = try ana.checkIn(on: "2026-03-01", Self.first)
        let run = try ana.checkIn(on: "2026-06-01", ["2"] + Self.first)
        #expect(run.stdout.contains("next steps fit your answers"))
        #expect(!run.stdout.contains("Since your check-in"))
        #expect(run.stdout.contains("Which sector do you work in?\n(Last time: Health and care. Press Enter to keep it, or type another answer.)"))
        #expect(run.stdout.contains("Your earlier check-ins: ▃ (30); today: 30."))
    }

    @Test func anEncryptedPersonRepeatsFromTheirSealedSession() throws {
        let ana = try Person(passphrase: "a long blue kettle")
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        var environment = ["GROUNDWORK_PASSPHRASE": "a long blue kettle"]
        environment["TZ"] = "UTC"
        let encrypt = try Groundwork.run(["encrypt", "--data-dir", ana.data, "--user", "ana"], input: "", environment: environment)
        #expect(encrypt.status == 0, "stderr: \(encrypt.stderr)")
        _ = try ana.checkIn(on: "2026-03-01", Self.first)
        let repeatRun = try ana.checkIn(on: "2026-06-01", ["1", "yes", "1", "1", "1"])
        #expect(repeatRun.stdout.contains("as 'staff nurse on a busy medical ward'"))
        #expect(Self.questionsAsked(repeatRun.stdout) == 4)
        for (path, bytes) in EncryptionTests.files(ana.data + "/users/ana") {
            #expect(bytes.range(of: Data("drug rounds".utf8)) == nil, "\(path)")
        }
    }
}
