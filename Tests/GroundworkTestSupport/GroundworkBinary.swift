import Foundation

/// The built `groundwork` binary (`.build/debug/groundwork`), run as a child process.
///
/// A missing binary fails the test with a message saying how to build it; it never skips.
public enum GroundworkBinary {
    /// The debug binary's path (`swift build` makes it; `make test` builds it first).
    public static let path = Repository.path(".build/debug/groundwork")

    /// Why the end-to-end tests cannot run, said once for every caller.
    public static let missingMessage =
        "no groundwork binary at \(path): build it first with 'swift build' ('make test' builds it)"

    /// Throws the build-first message when the binary is not there.
    public static func requireBuilt() throws {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw TestSupportError(missingMessage) }
    }

    /// What one run printed and how it ended.
    public struct Result: Sendable {
        public var stdout: String
        public var stderr: String
        public var status: Int32

        public init(stdout: String, stderr: String, status: Int32) {
            self.stdout = stdout
            self.stderr = stderr
            self.status = status
        }
    }

    /// Runs the binary with `arguments`, feeding `input` (or `inputBytes`) on stdin from a file, so
    /// stdin is not a terminal. `NO_COLOR`, `GROUNDWORK_HOME` and the names in `unsetting` are cleared
    /// unless `environment` sets them.
    public static func run(_ arguments: [String], input: String = "", inputBytes: [UInt8]? = nil,
                           environment: [String: String] = [:], unsetting: [String] = []) throws -> Result {
        try requireBuilt()
        let scratch = try TemporaryFolder(prefix: "gw-run")
        let inPath = scratch.path + "/stdin", outPath = scratch.path + "/stdout", errPath = scratch.path + "/stderr"
        _ = FileManager.default.createFile(atPath: inPath, contents: Data(inputBytes ?? Array(input.utf8)))
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = childEnvironment(environment, unsetting: unsetting)
        process.standardInput = FileHandle(forReadingAtPath: inPath)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        process.waitUntilExit()
        return Result(stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                      stderr: try String(contentsOfFile: errPath, encoding: .utf8),
                      status: process.terminationStatus)
    }

    /// The script cache's folder for every child of this test process (never the real `~/.cache`);
    /// shared by the runs of one test process, so they also exercise a warm cache.
    public static let cacheHome: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gw-e2e-cache-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// An empty config folder for every child of this test process, so the real
    /// `~/.config/groundwork/config.toml` never changes what a test sees.
    public static let configHome: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gw-e2e-config-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// This process's environment without `NO_COLOR`, `GROUNDWORK_HOME` and `unsetting`, with the
    /// test cache and config folders, then `overrides`.
    public static func childEnvironment(_ overrides: [String: String] = [:], unsetting: [String] = []) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = cacheHome
        // Never the person's own config file: an empty config folder unless a test gives its own.
        env["XDG_CONFIG_HOME"] = configHome
        for name in ["NO_COLOR", "GROUNDWORK_HOME"] + unsetting { env[name] = nil }
        for (key, value) in overrides { env[key] = value }
        return env
    }
}

/// `text` quoted for a POSIX shell command line.
public func shellQuote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
