import Foundation
import GroundworkCore
import Testing

/// The jrnl conveniences, through the built binary on given days of March 2026 (GROUNDWORK_NOW moves
/// the clock): quick entries from the shell, --from/--to, search by every word, --version, and
/// history and /summary in words.
@Suite
struct JournalConveniencesTests {
    /// One person's data folder and runs on a day of March 2026 (the 2nd is a Monday).
    struct Person {
        var data: String

        init() throws { data = try Groundwork.makeDataDir() }

        func run(_ arguments: [String], day: Int, input: String = "") throws -> Groundwork.Result {
            let environment = ["GROUNDWORK_NOW": String(format: "2026-03-%02dT08:00:00Z", day), "TZ": "UTC"]
            return try Groundwork.run(arguments + ["--data-dir", data, "--user", "ana", "--seed", "7"], input: input, environment: environment)
        }

        var files: [String] { Groundwork.sessionFiles(data, user: "ana") }

        /// Every byte under the data folder, to prove what was not written.
        func everything() -> String {
            let names = FileManager.default.enumerator(atPath: data)?.compactMap { $0 as? String } ?? []
            return names.compactMap { FileManager.default.contents(atPath: data + "/" + $0) }
                .map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        }
    }

    @Test func aQuickEntryIsSavedFromTheShellWithoutTheREPL() throws {
        let ana = try Person()
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        let saved = try ana.run(["journal", "a quiet day with the team", "#rest"], day: 2)
        #expect(saved.status == 0, "stderr: \(saved.stderr)")
        #expect(saved.stderr == "Saved to your journal.\n")
        #expect(saved.stdout.split(separator: "\n").count == 1, "one reflective reply: \(saved.stdout)")
        #expect(!saved.stdout.contains("Write whatever is on your mind"), "no greeting, no questions")
        #expect(ana.files.count == 1)

        let history = try ana.run(["history"], day: 2)
        #expect(history.stdout.contains("Journal  completed  1 entry · #rest"), "\(history.stdout)")
        let found = try ana.run(["search", "team quiet"], day: 2)
        #expect(found.stdout == "2026-03-02 08:00  journal  a quiet day with the team #rest\n")

        // The next day's session asks nothing about a quick entry: it left no next step.
        let next = try ana.run(["start", "daily-checkin"], day: 3, input: "")
        #expect(!next.stdout.contains("you planned"), "\(next.stdout)")

        let empty = try ana.run(["journal", "   "], day: 3)
        expectOneLineError(empty, status: 2, mentioning: "the entry is empty")
        let both = try ana.run(["journal", "--no-save", "a line"], day: 3)
        expectOneLineError(both, status: 2, mentioning: "--no-save keeps nothing")
    }

    @Test func anEncryptedUsersQuickEntryIsEncryptedLikeTheRest() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let passphrase = "a long blue kettle"
        #expect(try EncryptionTests.run(["encrypt"], data: data, passphrase: passphrase).status == 0)
        let saved = try EncryptionTests.run(["journal", "the lighthouse keeper's notebook"], data: data, passphrase: passphrase)
        #expect(saved.status == 0, "stderr: \(saved.stderr)")
        let files = Groundwork.sessionFiles(data)
        #expect(files.count == 1)
        for file in files {
            let bytes = try #require(FileManager.default.contents(atPath: file))
            #expect(!String(decoding: bytes, as: UTF8.self).contains("lighthouse"))
        }
        let found = try EncryptionTests.run(["search", "notebook lighthouse"], data: data, passphrase: passphrase)
        #expect(found.stdout.contains("the lighthouse keeper's notebook"), "\(found.stdout) \(found.stderr)")
        let locked = try EncryptionTests.run(["journal", "another line"], data: data, passphrase: nil)
        #expect(locked.status != 0)
        #expect(Groundwork.sessionFiles(data).count == 1, "nothing saved without the passphrase")
    }

    @Test(arguments: [("UK", "116 123"), ("US", "988"), ("AU", "13 11 14")])
    func aQuickEntryTheSafetyNetCatchesShowsTheCrisisLinesAndSavesNothing(_ country: String, _ line: String) throws {
        let ana = try Person()
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        let hit = try ana.run(["journal", "--country", country, "I want to kill myself tonight"], day: 2)
        #expect(hit.status == 0, "stderr: \(hit.stderr)")
        #expect(hit.stdout.contains(line), "\(hit.stdout)")
        #expect(!hit.stdout.contains("1. Continue"), "no choices to answer from the shell")
        #expect(hit.stderr.contains("Nothing was saved."))
        #expect(ana.files.isEmpty)
        #expect(!ana.everything().contains("kill myself"))
    }

    @Test func fromAndToTakeDatesAndWords() throws {
        let ana = try Person()
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        // Monday the 2nd and Thursday the 5th (last week, seen from the 10th), Monday the 9th (this week).
        for (day, text) in [(2, "planning the move"), (5, "the move went well"), (9, "unpacking after the move")] {
            #expect(try ana.run(["journal", text], day: day).status == 0)
        }
        func days(_ arguments: [String]) throws -> [String] {
            let result = try ana.run(arguments, day: 10)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            return result.stdout.split(separator: "\n").compactMap { line in
                line.hasPrefix("2026-03-") ? String(line.prefix(10)) : nil
            }
        }
        #expect(try days(["history"]) == ["2026-03-09", "2026-03-05", "2026-03-02"])
        #expect(try days(["history", "--from", "last week", "--to", "last week"]) == ["2026-03-05", "2026-03-02"])
        #expect(try days(["history", "--from", "yesterday"]) == ["2026-03-09"])
        #expect(try days(["history", "--from", "5 days ago"]) == ["2026-03-09", "2026-03-05"])
        #expect(try days(["history", "--from", "2026-03-05", "--to", "2026-03-05"]) == ["2026-03-05"])
        #expect(try days(["history", "--to", "8 days ago"]) == ["2026-03-02"])
        #expect(try days(["search", "move", "--from", "this week"]) == ["2026-03-09"])
        #expect(try days(["search", "move", "--to", "last week"]) == ["2026-03-02", "2026-03-05"])
        let none = try ana.run(["history", "--from", "today"], day: 10)
        #expect(none.stdout == "No sessions in those days (3 in all); try a wider --from or --to.\n")

        let export = try ana.run(["export", "--format", "json", "--from", "this month", "--to", "2026-03-06"], day: 10)
        #expect(export.status == 0, "stderr: \(export.stderr)")
        #expect(export.stdout.contains("planning the move") && export.stdout.contains("the move went well"))
        #expect(!export.stdout.contains("unpacking"))

        for (arguments, shown) in [(["history", "--from", "lastweek"], "'--from lastweek' is not a date"),
                                   (["search", "move", "--to", "soon"], "'--to soon' is not a date"),
                                   (["export", "--from", "2026-02-30"], "'--from 2026-02-30' is not a date")] {
            let bad = try ana.run(arguments, day: 10)
            expectOneLineError(bad, status: 2, mentioning: shown)
            #expect(bad.stderr.contains("use YYYY-MM-DD, today, yesterday"))
        }
    }

    @Test func searchMatchesEveryWordInAnyOrder() throws {
        let ana = try Person()
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        #expect(try ana.run(["journal", "The deadline my Manager set is unfair"], day: 2).status == 0)
        #expect(try ana.run(["journal", "my manager was kind today"], day: 3).status == 0)
        let both = try ana.run(["search", "manager DEADLINE"], day: 4)
        #expect(both.stdout == "2026-03-02 08:00  journal  The deadline my Manager set is unfair\n")
        let one = try ana.run(["search", "manager"], day: 4)
        #expect(one.stdout.split(separator: "\n").count == 2)
        let none = try ana.run(["search", "manager holiday"], day: 4)
        #expect(none.stdout == "No entries match 'manager holiday'.\n")
    }

    @Test func versionComesFromOnePlace() throws {
        let version = try Groundwork.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == GroundworkVersion.current + "\n")
        let ana = try Person()
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        let doctor = try ana.run(["doctor"], day: 2)
        #expect(doctor.stdout.hasPrefix("groundwork \(GroundworkVersion.current)\n"), "\(doctor.stdout)")
    }

    @Test func historyIsInWordsNeverIds() throws {
        let ana = try Person()
        defer { try? FileManager.default.removeItem(atPath: ana.data) }
        let sessions: [([String], String)] = [
            (["start", "beyond-doing"], "my curiosity\nthe craft\nwarmth\nmy friends\n3\n"),
            (["start", "daily-checkin"], "tired\n2\na walk\nrest early\n"),
            (["start", "weekly-review"], "3\nmeetings\nmy garden\nthe launch\nemail\nturn it off\n"),
            (["start", "journal"], "I keep worrying about AI and my job\n/done\n"),
        ]
        for (day, session) in sessions.enumerated() {
            // Skips to the end after the answers, so each session completes with its next step or intention.
            let result = try ana.run(session.0, day: day + 2, input: session.1 + String(repeating: "/skip\n", count: 12))
            #expect(result.status == 0, "\(session.0): \(result.stderr)")
        }
        let history = try ana.run(["history"], day: 9)
        #expect(history.stdout.split(separator: "\n").count == 5, "\(history.stdout)")
        #expect(!history.stdout.contains("active"), "\(history.stdout)")
        #expect(history.stdout.contains("next step: "), "\(history.stdout)")
        // Step ids such as 'an-hour-of-presence' or 'name-what-you-bring': words joined by hyphens.
        let id = try Regex("[a-z]+-[a-z]+-[a-z]+")
        #expect(history.stdout.firstMatch(of: id) == nil, "\(history.stdout)")
    }

    @Test func summaryShowsAChoiceByItsLabel() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let result = try Groundwork.run(["start", "mini"] + Groundwork.fixtureOptions(data), input: "Ana\n3\n/summary\n7\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("- Which sector do you work in? Farming\n"), "\(result.stdout)")
        #expect(!result.stdout.contains("in? 3"))
    }
}
