import Foundation
import Testing

/// Each error: one line on stderr naming the thing, and its documented exit status.
@Suite
struct ErrorTests {
    @Test func unknownFlowIsAFailure() throws {
        let result = try Groundwork.run(["start", "nope"] + Groundwork.fixtureOptions(try Groundwork.makeDataDir()))
        expectOneLineError(result, status: 1, mentioning: "'nope'")
    }

    @Test(arguments: [
        ["start"],
        ["start", "mini", "--seed", "x"],
        ["frobnicate", "--bogus"],
        ["group", "mini", "--participants", "solo"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let result = try Groundwork.run(arguments)
        expectOneLineError(result, status: 2, mentioning: "groundwork")
    }

    @Test(arguments: ["../escape", ".hidden", "a/b", "", String(repeating: "x", count: 65)])
    func badUserNamesAreRefused(name: String) throws {
        let data = try Groundwork.makeDataDir()
        let result = try Groundwork.run(["start", "mini"] + Groundwork.fixtureOptions(data, user: name))
        expectOneLineError(result, status: 2, mentioning: "invalid user name")
        #expect(!FileManager.default.fileExists(atPath: data + "/users"))
    }

    @Test func missingDialoguesFolderIsAUsageError() throws {
        let result = try Groundwork.run(["flows", "--dialogues", "/nonexistent/dialogues"])
        expectOneLineError(result, status: 2, mentioning: "'/nonexistent/dialogues'")
    }

    @Test func unknownGroupExerciseIsAFailure() throws {
        let result = try Groundwork.run(["group", "mini", "--participants", "ana,ben"] + Groundwork.fixtureOptions(try Groundwork.makeDataDir()))
        expectOneLineError(result, status: 1, mentioning: "no group exercise named 'mini'")
    }

    @Test func aLockedUserExitsThree() throws {
        let data = try Groundwork.makeDataDir()
        // A first session waiting on an open pipe holds the user's lock.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: Groundwork.binary)
        holder.arguments = ["start", "mini"] + Groundwork.fixtureOptions(data)
        let stdin = Pipe()
        holder.standardInput = stdin
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        defer {
            try? stdin.fileHandleForWriting.close()
            holder.waitUntilExit()
        }
        var waited = 0
        while Groundwork.sessionFiles(data).isEmpty && waited < 100 {
            usleep(50_000)
            waited += 1
        }
        let second = try Groundwork.run(["start", "mini"] + Groundwork.fixtureOptions(data))
        expectOneLineError(second, status: 3, mentioning: "'tester'")
    }

    @Test func unreadableStateExitsFour() throws {
        let data = try Groundwork.makeDataDir()
        let folder = data + "/users/tester/sessions"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/2026-01-01T000000Z-mini-1.json"
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: path))
        let result = try Groundwork.run(["resume"] + Groundwork.fixtureOptions(data))
        expectOneLineError(result, status: 4, mentioning: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{ not json")
    }

    @Test func lintReportsPathLineColumn() throws {
        let result = try Groundwork.run(["lint", Groundwork.fixtures + "/broken", "--prompts", Groundwork.prompts])
        #expect(result.status == 1)
        let first = try #require(result.stdout.split(separator: "\n").first)
        #expect(first.hasPrefix(Groundwork.fixtures + "/broken/bad.yaml:"))
        #expect(first.contains(": error: "))
        expectOneLineError(result, status: 1, mentioning: "error")
    }

    @Test func lintPassesTheFixtures() throws {
        let result = try Groundwork.run(["lint", Groundwork.dialogues, "--prompts", Groundwork.prompts])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func aScriptWithErrorsNeverRuns() throws {
        let data = try Groundwork.makeDataDir()
        let result = try Groundwork.run(["start", "bad", "--dialogues", Groundwork.fixtures + "/broken",
                                         "--prompts", Groundwork.prompts, "--data-dir", data, "--user", "tester"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.yaml:"))
        #expect(Groundwork.sessionFiles(data).isEmpty)
    }
}
