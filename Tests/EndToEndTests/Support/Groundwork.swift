import Foundation
import Testing
import GroundworkTestSupport

/// The built binary with the end-to-end fixtures (`Tests/EndToEndTests/Fixtures`).
enum Groundwork {
    static let root = Repository.root
    static let binary = GroundworkBinary.path
    static let fixtures = Repository.path("Tests/EndToEndTests/Fixtures")
    static let dialogues = fixtures + "/dialogues"
    static let prompts = fixtures + "/prompts"

    typealias Result = GroundworkBinary.Result

    /// A fresh, empty data folder.
    static func makeDataDir() throws -> String {
        try TemporaryFolder.make(prefix: "gw-e2e")
    }

    /// The options pointing at the fixtures and a data folder.
    static func fixtureOptions(_ dataDir: String, user: String = "tester") -> [String] {
        ["--dialogues", dialogues, "--prompts", prompts, "--data-dir", dataDir, "--user", user, "--seed", "7"]
    }

    /// Runs the binary with `arguments`, feeding `input` on stdin (a file, so stdin is not a terminal).
    static func run(_ arguments: [String], input: String = "", inputBytes: [UInt8]? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        try GroundworkBinary.run(arguments, input: input, inputBytes: inputBytes, environment: environment)
    }

    /// Session files saved for `user` under `dataDir`.
    static func sessionFiles(_ dataDir: String, user: String = "tester") -> [String] {
        let folder = dataDir + "/users/\(user)/sessions"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
    }
}

/// The end-to-end suites need the debug binary: without it this fails with how to build it, and the
/// suites' own runs fail too; nothing is skipped.
@Test func theBinaryIsBuilt() throws {
    try GroundworkBinary.requireBuilt()
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
