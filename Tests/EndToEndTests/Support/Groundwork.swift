import Foundation
import Testing

/// Runs the built `groundwork` binary (`.build/debug/groundwork`; `make test` builds it first).
enum Groundwork {
    /// The checkout this test file lives in.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary = root.appendingPathComponent(".build/debug/groundwork").path
    static let fixtures = root.appendingPathComponent("Tests/EndToEndTests/Fixtures").path
    static let dialogues = fixtures + "/dialogues"
    static let prompts = fixtures + "/prompts"

    /// The environment every run starts from: this process's, with the script cache in a folder of
    /// its own (never the real `~/.cache`). Shared by the runs of one test process, so they also
    /// exercise a warm cache.
    static let environment: [String: String] = {
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = cacheHome
        return env
    }()

    /// The script cache's folder for the runs of this test process, also set in this process's own
    /// environment so that children started without an explicit one inherit it. Made when a suite
    /// asks `binaryExists`, which every suite here does before its first run.
    static let cacheHome: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gw-e2e-cache-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        setenv("XDG_CACHE_HOME", dir, 1)
        return dir
    }()

    /// What one run printed and how it ended.
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// A fresh, empty data folder.
    static func makeDataDir() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gw-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The options pointing at the fixtures and a data folder.
    static func fixtureOptions(_ dataDir: String, user: String = "tester") -> [String] {
        ["--dialogues", dialogues, "--prompts", prompts, "--data-dir", dataDir, "--user", user, "--seed", "7"]
    }

    /// Runs the binary with `arguments`, feeding `input` on stdin (a file, so stdin is not a terminal).
    static func run(_ arguments: [String], input: String = "", inputBytes: [UInt8]? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let scratch = try makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let inPath = scratch + "/stdin", outPath = scratch + "/stdout", errPath = scratch + "/stderr"
        _ = FileManager.default.createFile(atPath: inPath, contents: Data(inputBytes ?? Array(input.utf8)))
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = Groundwork.environment
        env["NO_COLOR"] = nil
        env["GROUNDWORK_HOME"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle(forReadingAtPath: inPath)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        process.waitUntilExit()
        return Result(stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                      stderr: try String(contentsOfFile: errPath, encoding: .utf8),
                      status: process.terminationStatus)
    }

    /// Session files saved for `user` under `dataDir`.
    static func sessionFiles(_ dataDir: String, user: String = "tester") -> [String] {
        let folder = dataDir + "/users/\(user)/sessions"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
    }

    static var binaryExists: Bool {
        _ = cacheHome
        return FileManager.default.isExecutableFile(atPath: binary)
    }
}

/// Checks every error run for the one-line contract: no stack trace, one line.
func expectOneLineError(_ result: Groundwork.Result, status: Int32, mentioning token: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == status, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.contains(token), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"), sourceLocation: sourceLocation)
}
