import Foundation
import Testing

/// `history`, `summary`, `export`, `forget` and `doctor` run as the built binary over a data folder
/// filled with session files written here as JSON (schema 2, and one of schema 1).
@Suite(.enabled(if: StoreCLI.binaryExists, "build the binary first: swift build"))
struct StoreCommandsTests {
    @Test func historySummaryAndExport() throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try StoreCLI.writeSession(data, id: "aaaaaaaaaaa1", started: "2026-03-01T10:00:00.000Z", score: 48)
        try StoreCLI.writeSession(data, id: "aaaaaaaaaaa2", started: "2026-06-01T10:00:00.000Z", score: 62)
        try StoreCLI.writeSession(data, id: "aaaaaaaaaaa3", started: "2026-07-01T10:00:00.000Z", score: nil)

        let history = try StoreCLI.run(["history"], data: data)
        #expect(history.status == 0, "\(history.stderr)")
        let lines = history.stdout.split(separator: "\n").map(String.init)
        #expect(lines[1].contains("aaaaaaaaaaa3") && lines[1].hasSuffix("in progress, 1 answer"))
        #expect(lines[2].contains("aaaaaaaaaaa2") && lines[2].hasSuffix("exposure 62 (gradient 3)"))
        #expect(history.stdout.contains("▄▅  48 → 62"))

        let json = try StoreCLI.run(["summary", "--last", "--format", "json"], data: data)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["exposure"] as? [String: Any])?["score"] as? Int == 62)
        #expect((object["nextStep"] as? [String: Any])?["id"] as? String == "own-an-outcome")

        let text = try StoreCLI.run(["summary", "aaaaaaaaaaa1"], data: data)
        #expect(text.stdout.hasPrefix("Career check-in — 2026-03-01 10:00 UTC (completed)"))

        let out = data + "/export.md"
        let export = try StoreCLI.run(["export", "--output", out], data: data)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("**You:** nurse"))
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func lockedUserExitsWithStatus3() throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try StoreCLI.writeSession(data, id: "bbbbbbbbbbb1", started: "2026-03-01T10:00:00.000Z", score: 40)
        // The holder says when it has the lock (no polling: under load a child can take seconds to start).
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", "exec 9>>\"$0\"; /usr/bin/flock -x 9; echo locked; exec sleep 60", data + "/users/tester/.lock"]
        let ready = Pipe()
        holder.standardOutput = ready
        try holder.run()
        defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
        #expect(String(decoding: ready.fileHandleForReading.readData(ofLength: 7), as: UTF8.self) == "locked\n")
        let result = try StoreCLI.run(["forget", "--all", "--yes"], data: data)
        #expect(result.status == 3)
        #expect(result.stderr == "groundwork: user 'tester' is in a session in another groundwork process; finish it there or wait\n")
        #expect(FileManager.default.fileExists(atPath: data + "/users/tester/sessions/20260301T100000Z-career-checkin-bbbbbbbbbbb1.json"))
    }

    @Test func doctorQuarantinesAndForgetDeletes() throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try StoreCLI.writeSession(data, id: "ccccccccccc1", started: "2026-03-01T10:00:00.000Z", score: 40)
        let broken = data + "/users/tester/sessions/20260101T000000Z-x-broken.json"
        try "{\"schemaVersion\": 2, \"id\": \"ab".write(toFile: broken, atomically: false, encoding: .utf8)

        let check = try StoreCLI.run(["doctor"], data: data)
        #expect(check.status == 1)
        #expect(check.stdout.contains("unreadable: \(broken): truncated"))
        let history = try StoreCLI.run(["history"], data: data)
        #expect(history.status == 0 && history.stdout.contains("ccccccccccc1"))
        #expect(history.stderr.contains("cannot read '\(broken)'"))

        let fix = try StoreCLI.run(["doctor", "--fix"], data: data)
        #expect(fix.status == 0, "\(fix.stderr)")
        #expect(FileManager.default.fileExists(atPath: data + "/users/tester/quarantine/20260101T000000Z-x-broken.json"))
        #expect(try StoreCLI.run(["doctor"], data: data).status == 0)

        let refused = try StoreCLI.run(["forget", "ccccccccccc1"], data: data, input: "n\n")
        #expect(refused.status == 1)
        let forgot = try StoreCLI.run(["forget", "--all", "--yes"], data: data)
        #expect(forgot.status == 0, "\(forgot.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data + "/users/tester"))
    }

    @Test(arguments: ["../x", ".hidden", "a/b", ""])
    func badUserNamesAreRefused(_ name: String) throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let result = try StoreCLI.run(["history", "--user", name], data: data, user: nil)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("groundwork: invalid user name '"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: data).isEmpty)
    }
}

/// Runs the built binary for the store commands.
enum StoreCLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/groundwork").path
    static var binaryExists: Bool { Groundwork.binaryExists }

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static func dataFolder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gw-store-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func run(_ arguments: [String], data: String, user: String? = "tester", input: String = "") throws -> Result {
        let scratch = try dataFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let paths = ["in", "out", "err"].map { scratch + "/" + $0 }
        _ = FileManager.default.createFile(atPath: paths[0], contents: Data(input.utf8))
        _ = FileManager.default.createFile(atPath: paths[1], contents: nil)
        _ = FileManager.default.createFile(atPath: paths[2], contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments + ["--data-dir", data] + (user.map { ["--user", $0] } ?? [])
        var env = Groundwork.environment
        env["GROUNDWORK_HOME"] = nil
        process.environment = env
        process.standardInput = FileHandle(forReadingAtPath: paths[0])
        process.standardOutput = FileHandle(forWritingAtPath: paths[1])
        process.standardError = FileHandle(forWritingAtPath: paths[2])
        try process.run()
        process.waitUntilExit()
        return Result(stdout: try String(contentsOfFile: paths[1], encoding: .utf8),
                      stderr: try String(contentsOfFile: paths[2], encoding: .utf8), status: process.terminationStatus)
    }

    /// A career check-in session file: completed with an exposure score, or active when `score` is nil.
    static func writeSession(_ data: String, id: String, started: String, score: Int?) throws {
        let folder = data + "/users/tester/sessions"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let status = score == nil ? "active" : "completed"
        let summary = score.map {
            """
            , "summary": {"text": "You hold ground in care.", "nextStepID": "own-an-outcome", "nextStepText": "Own one result.",
               "scores": {"exposure.score": \($0), "exposure.band": 3, "tasks": ["charting"], "ground": [], "pressures": []}}
            """
        } ?? ""
        let json = """
            {"schemaVersion": 2, "id": "\(id)", "user": "tester", "flowID": "career-checkin", "flowTitle": "Career check-in",
             "flowHash": "h", "status": "\(status)", "startedAt": "\(started)", "updatedAt": "\(started)",
             "transcript": [{"time": "\(started)", "speaker": "coach", "text": "Your job?"}, {"time": "\(started)", "speaker": "person", "text": "nurse"}],
             "state": {"flowID": "career-checkin", "flowHash": "h", "status": "\(status)", "seed": 7, "random": 7,
               "cursor": {"flowID": "career-checkin", "node": "years", "returnStack": []}, "variables": {"job_title": "nurse"},
               "answers": [{"flowID": "career-checkin", "nodeID": "role", "question": "Your job?", "raw": "nurse", "value": "nurse"}],
               "inputs": [{"line": {"_0": "nurse"}}], "reasks": 0, "loopPasses": {}, "listeners": {},
               "safety": {"events": [], "awaitingChoice": false}\(summary)}}
            """
        let stamp = started.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "").prefix(15) + "Z"
        try json.write(toFile: "\(folder)/\(stamp)-career-checkin-\(id).json", atomically: false, encoding: .utf8)
    }
}
