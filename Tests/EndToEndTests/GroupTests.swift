import Foundation
import Testing

/// `groundwork group` as the built binary: a whole exercise through a pipe, `kill -9` in the middle
/// and `--resume` with nothing lost, and (in tmux) private input that never reaches the screen.
@Suite(.enabled(if: GroupCLI.binaryExists, "build the binary first: swift build"))
struct GroupTests {
    static let w3Inputs = ["The launch slipped two weeks", "Support tickets doubled", "Nobody owned the release notes",
                           "Testing started late", "Hand-offs are where things slip", "We never asked support",
                           "Start testing in week one", "Name one owner for release notes", "Hold a hand-off check",
                           "1 2 3", "1 1 3", "2 3"]

    @Test func wholeExerciseThroughAPipe() throws {
        let data = try GroupCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let transcript = try String(contentsOfFile: GroupCLI.root.appendingPathComponent("dialogues/group/what-so-what-now-what.transcript").path,
                                    encoding: .utf8)
        let body = transcript.components(separatedBy: "\n---\n")[1].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let typed = body.filter { $0.hasPrefix("> ") }.map { String($0.dropFirst(2)) }
        let result = try GroupCLI.run(["group", "what-so-what-now-what", "--participants", "ana,ben,chi", "--facilitator", "fay",
                                       "--seed", "7", "--data-dir", data], input: typed.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        let expected = body.filter { !$0.hasPrefix("> ") && !$0.hasPrefix("@ +") }.joined(separator: "\n")
        #expect(result.stdout.hasPrefix(expected.trimmingCharacters(in: .newlines) + "\n"))

        let group = try GroupCLI.groupFile(data)
        #expect(group["status"] as? String == "completed")
        let sessions = try #require(group["participantSessions"] as? [String: String])
        #expect(sessions.keys.sorted() == ["ana", "ben", "chi"])
        #expect(try GroupCLI.answers(data + "/users/ana/sessions/" + (sessions["ana"] ?? ""))
                == ["The launch slipped two weeks", "We found problems late because testing started late", "Start testing in week one", "1 2 3"])
        let summary = try #require(GroupCLI.files(data + "/groups").first { $0.hasSuffix(".md") })
        #expect(result.stdout.hasSuffix("(The summary is saved in \(summary).)\n"))
        let markdown = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(markdown.contains("## Next steps\n\n- Start testing in week one"))
        #expect(try FileManager.default.attributesOfItem(atPath: summary)[.posixPermissions] as? Int == 0o600)
    }

    @Test func killNineThenResumeLosesNothing() throws {
        let data = try GroupCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: GroupCLI.binary)
        process.arguments = ["group", "what-so-what-now-what", "--participants", "ana,ben,chi", "--facilitator", "fay",
                             "--seed", "7", "--data-dir", data]
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let before = Array(GroupTests.w3Inputs.prefix(5))
        stdin.fileHandleForWriting.write(Data((before.joined(separator: "\n") + "\n").utf8))
        // Wait until the fifth answer is on disk, then kill the process with no chance to clean up.
        var saved: [String] = []
        for _ in 0..<500 {
            saved = GroupCLI.savedContributions(data) ?? []
            if saved.count == before.count { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(saved == before)
        #expect(try GroupCLI.groupFile(data)["status"] as? String == "active")

        let rest = GroupTests.w3Inputs.dropFirst(5)
        let resumed = try GroupCLI.run(["group", "--resume", "--data-dir", data], input: rest.joined(separator: "\n") + "\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.hasPrefix("(Resuming the group from "))
        #expect(resumed.stdout.contains("== Step 4 of 7: So what? (3m) ==\nSo what? Why does it matter? What patterns, surprises or conclusions do you see?\nchi, your turn"))
        #expect(try GroupCLI.contributions(data) == Array(GroupTests.w3Inputs))
        #expect(try GroupCLI.groupFile(data)["status"] as? String == "completed")
        // Each person's own file holds their part, both from before the kill and after it.
        let sessions = try #require(try GroupCLI.groupFile(data)["participantSessions"] as? [String: String])
        #expect(try GroupCLI.answers(data + "/users/chi/sessions/" + (sessions["chi"] ?? ""))
                == ["Nobody owned the release notes", "We never asked support", "Hold a hand-off check", "2 3"])
        #expect(GroupCLI.files(data + "/users/chi/sessions").filter { $0.hasSuffix(".json") }.count == 1)
    }

    @Test func theDebriefUsesACheckInOnlyWithConsent() throws {
        let data = try GroupCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        // tester has a completed career check-in with an exposure score of 62; ben has one of none.
        try StoreCLI.writeSession(data, id: "ddddddddddd1", started: "2026-06-01T10:00:00.000Z", score: 62)
        func run(consent: String) throws -> String {
            let lines = ["most a", "most b", "most c", "least a", "least b", "least c", "1", "2", "3",
                         "40", "50", "90", consent, "yes", "no", "/next", "We compare notes in a month"]
            let folder = try GroupCLI.dataFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try FileManager.default.copyItem(atPath: data + "/users", toPath: folder + "/users")
            let result = try GroupCLI.run(["group", "ai-exposure-debrief", "--participants", "tester,ben,chi", "--seed", "1",
                                           "--data-dir", folder], input: lines.joined(separator: "\n") + "\n")
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout
        }
        let agreed = try run(consent: "yes")
        #expect(agreed.contains("  tester  ██████░░░░ 62 (check-in)\n  ben     █████░░░░░ 50 (debrief)\n  chi     █████████░ 90 (debrief)\n"))
        #expect(agreed.contains("3 people, from 50 to 90, median 62; 1 from check-ins, 2 from this debrief."))
        let declined = try run(consent: "no")
        #expect(declined.contains("  tester  ████░░░░░░ 40 (debrief)\n"))
        // Without consent the check-in's 62 appears nowhere in the room's picture (the output also
        // names a random temporary folder, which may hold the digits "62").
        #expect(!declined.contains(" 62 ") && !declined.contains("(check-in)") && !declined.contains("median 62"))
    }

    @Test(.enabled(if: Tmux.available))
    func privateInputIsNotEchoed() throws {
        let data = try GroupCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let tmux = try Tmux("\(shellQuote(GroupCLI.binary)) group triz --participants ana,ben,chi --facilitator fay --seed 3 --data-dir \(shellQuote(data))")
        try tmux.waitFor("Whole group, your turn")
        // A shared answer is echoed as it is typed (so the check below can fail)...
        try tmux.type("Welcome people")
        try tmux.waitFor("Whole group, your turn> Welcome people")
        try tmux.send("Enter")
        let ana = try tmux.waitFor("ana, your turn [")
        #expect(ana.contains("ana, your turn [3:00 left, private]>"))
        #expect(ana.contains("Make it fail (3m)"))
        // ...a private one is not, neither while typing nor once it is taken.
        try tmux.type("zebra-crossing-plan")
        usleep(500_000)
        #expect(!(try tmux.screen()).contains("zebra"))
        try tmux.send("Enter")
        let ben = try tmux.waitFor("ben, your turn [")
        #expect(!ben.contains("zebra"))
        // The screen was cleared for ben: the step's text is there again, the earlier answer is not.
        #expect(ben.contains("What would we do to make sure the worst result happens?"))
        #expect(!ben.contains("Welcome people"))
        // The answer was taken and saved all the same.
        #expect(try GroupCLI.contributions(data) == ["Welcome people", "zebra-crossing-plan"])
        try tmux.send("C-d")
        try tmux.waitFor("EXIT=0")
    }
}

/// Runs the built binary and reads what it saved.
enum GroupCLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/groundwork").path
    static var binaryExists: Bool { Groundwork.binaryExists }

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static func dataFolder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gw-group-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func run(_ arguments: [String], input: String) throws -> Result {
        let scratch = try dataFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let paths = ["in", "out", "err"].map { scratch + "/" + $0 }
        _ = FileManager.default.createFile(atPath: paths[0], contents: Data(input.utf8))
        _ = FileManager.default.createFile(atPath: paths[1], contents: nil)
        _ = FileManager.default.createFile(atPath: paths[2], contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = Groundwork.environment
        environment["GROUNDWORK_HOME"] = nil
        process.environment = environment
        process.standardInput = FileHandle(forReadingAtPath: paths[0])
        process.standardOutput = FileHandle(forWritingAtPath: paths[1])
        process.standardError = FileHandle(forWritingAtPath: paths[2])
        try process.run()
        process.waitUntilExit()
        return Result(stdout: try String(contentsOfFile: paths[1], encoding: .utf8),
                      stderr: try String(contentsOfFile: paths[2], encoding: .utf8), status: process.terminationStatus)
    }

    static func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
    }

    /// The only group file, parsed.
    static func groupFile(_ data: String) throws -> [String: Any] {
        let path = try #require(files(data + "/groups").first { $0.hasSuffix(".json") })
        let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: path)))
        return try #require(object as? [String: Any])
    }

    /// The contributions saved so far, or nil while there is no readable group file.
    static func savedContributions(_ data: String) -> [String]? {
        guard let path = files(data + "/groups").first(where: { $0.hasSuffix(".json") }),
              let bytes = try? Data(contentsOf: URL(fileURLWithPath: path)),
              let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any],
              let state = object["state"] as? [String: Any], let list = state["contributions"] as? [[String: Any]] else { return nil }
        return list.compactMap { $0["raw"] as? String }
    }

    /// The typed answers kept in one participant's session file.
    static func answers(_ path: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let state = try #require(object["state"] as? [String: Any])
        return try #require(state["answers"] as? [[String: Any]]).compactMap { $0["raw"] as? String }
    }

    /// What was typed for each saved contribution, in order.
    static func contributions(_ data: String) throws -> [String] {
        let state = try #require(try groupFile(data)["state"] as? [String: Any])
        let list = try #require(state["contributions"] as? [[String: Any]])
        return list.compactMap { $0["raw"] as? String }
    }
}
