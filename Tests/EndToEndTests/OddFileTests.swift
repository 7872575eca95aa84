import Foundation
import Testing
import GroundworkTestSupport

/// Odd files in the data folder (issue 12, item 7): the store opens only regular files, so a named
/// pipe, a symbolic link to a device or a huge file is reported by path and never hangs a command or
/// allocates what it claims; a symbolic `.lock` is refused without touching its target; `resume`
/// says which unreadable file it passed over.
@Suite
struct OddFileTests {
    /// What to plant in `sessions/` under a session-like name, and the words its report must hold.
    enum Plant: String, CaseIterable, Sendable {
        case fifo, linkToDevZero, hugeFile

        var words: String {
            switch self {
            case .fifo: return "a named pipe (FIFO), not a regular file"
            case .linkToDevZero: return "a symbolic link, not a regular file"
            case .hugeFile: return "too large (104857600 bytes; groundwork reads files of at most 64 MB)"
            }
        }

        func make(at path: String) throws {
            switch self {
            case .fifo:
                #expect(mkfifo(path, 0o600) == 0)
            case .linkToDevZero:
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
            case .hugeFile:
                // Sparse: 100 MB of size and no blocks.
                #expect(FileManager.default.createFile(atPath: path, contents: nil))
                #expect(truncate(path, 100 << 20) == 0)
            }
        }
    }

    static let plantedName = "20990101T000000Z-mini-0123456789ab.json"

    /// A data folder with one completed `mini` session and `plant` beside it; returns the planted path.
    static func folder(with plant: Plant) throws -> (data: String, path: String) {
        let data = try Groundwork.makeDataDir()
        let done = try Groundwork.run(["start", "mini"] + Groundwork.fixtureOptions(data), input: "Ana\n2\n7\n")
        #expect(done.status == 0, "stderr: \(done.stderr)")
        let path = data + "/users/tester/sessions/" + plantedName
        try plant.make(at: path)
        return (data, path)
    }

    static let commands: [[String]] = [["history"], ["doctor"], ["resume"], ["start", "mini"], ["journal"], ["summary", "--last"]]

    @Test(arguments: Plant.allCases, commands)
    func anOddFileIsReportedAndNeverHangs(_ plant: Plant, _ command: [String]) throws {
        let (data, path) = try Self.folder(with: plant)
        let result = try Self.run(command + Groundwork.fixtureOptions(data), input: "Bo\n1\n3\n", timeout: 20)
        #expect(!result.timedOut, "\(command) hung on \(plant)")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Program crashed"), "\(result.stderr)")
        if command != ["start", "mini"] && command != ["journal"] {
            // Commands that list sessions name the file and what it is.
            #expect((result.stdout + result.stderr).contains("'\(path)': \(plant.words)") ||
                    (result.stdout + result.stderr).contains("\(path): \(plant.words)"), "\(command): \(result.stdout) \(result.stderr)")
        }
        if command == ["doctor"] { #expect(result.status == 1) }
        if command == ["history"] { #expect(result.status == 0 && result.stdout.contains("Mini check-in")) }
    }

    @Test func doctorFixMovesAPipeAside() throws {
        let (data, path) = try Self.folder(with: .fifo)
        let fixed = try Self.run(["doctor", "--fix"] + Groundwork.fixtureOptions(data), timeout: 20)
        #expect(!fixed.timedOut)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
        let after = try Self.run(["doctor"] + Groundwork.fixtureOptions(data), timeout: 20)
        #expect(after.status == 0 && after.stdout.contains("1 of 1 session file readable"), "\(after.stdout)")
    }

    /// A symbolic link (to a file that does not exist yet, or to one that does) or a pipe as `.lock`.
    enum LockPlant: String, CaseIterable, Sendable { case danglingLink, linkToFile, fifo }

    @Test(arguments: LockPlant.allCases)
    func anOddLockIsRefusedAndItsTargetUntouched(_ plant: LockPlant) throws {
        let data = try Groundwork.makeDataDir()
        let folder = data + "/users/tester"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let target = data + "/elsewhere"
        switch plant {
        case .danglingLink:
            try FileManager.default.createSymbolicLink(atPath: folder + "/.lock", withDestinationPath: target)
        case .linkToFile:
            try "keep\n".write(toFile: target, atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: folder + "/.lock", withDestinationPath: target)
        case .fifo:
            #expect(mkfifo(folder + "/.lock", 0o600) == 0)
        }
        let result = try Self.run(["journal"] + Groundwork.fixtureOptions(data), input: "hello\n", timeout: 20)
        #expect(!result.timedOut)
        let kind = plant == .fifo ? "a named pipe (FIFO)" : "a symbolic link"
        #expect(result.status == 1)
        #expect(result.stderr == "groundwork: could not open lock '\(folder)/.lock': \(kind), not a regular file; groundwork opens only regular files, so move it away\n",
                "\(result.stderr)")
        #expect(Groundwork.sessionFiles(data).isEmpty)
        switch plant {
        case .danglingLink: #expect(!FileManager.default.fileExists(atPath: target))
        case .linkToFile: #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep\n")
        case .fifo: break
        }
    }

    @Test func resumeSaysWhichNewerSessionItSkipped() throws {
        let data = try Groundwork.makeDataDir()
        for (day, name) in [(1, "Ana"), (2, "Bo")] {
            let env = ["GROUNDWORK_NOW": "2026-03-0\(day)T08:00:00Z", "TZ": "UTC"]
            let paused = try Groundwork.run(["start", "mini"] + Groundwork.fixtureOptions(data), input: name + "\n", environment: env)
            #expect(paused.status == 0, "\(paused.stderr)")
        }
        let files = Groundwork.sessionFiles(data)
        try #require(files.count == 2)
        let newer = try #require(files.last)
        try "{\"schemaVersion\": 2, \"id\": ".write(toFile: newer, atomically: true, encoding: .utf8)
        let resumed = try Self.run(["resume"] + Groundwork.fixtureOptions(data), input: "2\n7\n", timeout: 20)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Thanks, Ana: Finance for 7 years."))
        #expect(resumed.stderr.contains("groundwork: warning: skipped '\(newer)', which may be a newer session: truncated"), "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming 'Mini check-in' of 2026-03-01 08:00 UTC instead"), "\(resumed.stderr)")
    }

    struct Outcome {
        var stdout: String
        var stderr: String
        var status: Int32
        var timedOut: Bool
    }

    /// Runs the binary, killing it after `timeout` seconds (a hang is a failure, not a stuck test run).
    static func run(_ arguments: [String], input: String = "", timeout: TimeInterval) throws -> Outcome {
        let scratch = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let inPath = scratch + "/stdin", outPath = scratch + "/stdout", errPath = scratch + "/stderr"
        _ = FileManager.default.createFile(atPath: inPath, contents: Data(input.utf8))
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Groundwork.binary)
        process.arguments = arguments
        var env = GroundworkBinary.childEnvironment()
        env["GROUNDWORK_HOME"] = nil
        process.environment = env
        process.standardInput = FileHandle(forReadingAtPath: inPath)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Outcome(stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                       stderr: try String(contentsOfFile: errPath, encoding: .utf8),
                       status: process.terminationStatus, timedOut: timedOut)
    }
}
