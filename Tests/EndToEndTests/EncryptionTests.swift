import Foundation
import Testing

/// `groundwork encrypt` and the store commands on an encrypted user, as the built binary. The
/// passphrase comes from GROUNDWORK_PASSPHRASE (no terminal here); key derivation is the real one.
@Suite(.enabled(if: StoreCLI.binaryExists, "build the binary first: swift build"))
struct EncryptionTests {
    static let passphrase = "a long blue kettle"
    /// Words of the sessions `StoreCLI.writeSession` writes, none of which may show in the files.
    static let words = ["nurse", "Career check-in", "hold ground", "own-an-outcome", "Own one result", "charting"]

    /// Runs the binary with `passphrase` in the environment (or none).
    static func run(_ arguments: [String], data: String, passphrase: String?) throws -> StoreCLI.Result {
        let scratch = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let paths = ["out", "err"].map { scratch + "/" + $0 }
        for path in paths { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: StoreCLI.binary)
        process.arguments = arguments + ["--data-dir", data, "--user", "tester"]
        var environment = Groundwork.environment
        environment["GROUNDWORK_HOME"] = nil
        environment["GROUNDWORK_PASSPHRASE"] = passphrase
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: paths[0])
        process.standardError = FileHandle(forWritingAtPath: paths[1])
        try process.run()
        process.waitUntilExit()
        return StoreCLI.Result(stdout: try String(contentsOfFile: paths[0], encoding: .utf8),
                               stderr: try String(contentsOfFile: paths[1], encoding: .utf8), status: process.terminationStatus)
    }

    /// Every regular file under `folder`, with its bytes.
    static func files(_ folder: String) -> [(String, Data)] {
        let paths = (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []
        return paths.compactMap { sub in
            let path = folder + "/" + sub
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
            return FileManager.default.contents(atPath: path).map { (path, $0) }
        }
    }

    @Test func encryptedSessionsRevealNothingAndReadBackWithThePassphrase() throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try StoreCLI.writeSession(data, id: "aaaaaaaaaaa1", started: "2026-03-01T10:00:00.000Z", score: 48)
        try StoreCLI.writeSession(data, id: "aaaaaaaaaaa2", started: "2026-06-01T10:00:00.000Z", score: 62)
        #expect(try Self.run(["history"], data: data, passphrase: nil).status == 0)  // writes the plain cache

        let encrypt = try Self.run(["encrypt"], data: data, passphrase: Self.passphrase)
        #expect(encrypt.status == 0, "\(encrypt.stderr)")
        #expect(encrypt.stderr.contains("the data of 'tester' is encrypted now (2 files)"))

        let history = try Self.run(["history"], data: data, passphrase: Self.passphrase)
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("aaaaaaaaaaa2") && history.stdout.contains("exposure 62 (gradient 3)"))
        let summary = try Self.run(["summary", "--last", "--format", "json"], data: data, passphrase: Self.passphrase)
        #expect(summary.status == 0 && summary.stdout.contains("own-an-outcome"), "\(summary.stderr)")
        #expect(try Self.run(["doctor"], data: data, passphrase: Self.passphrase).status == 0)

        // A copy of the folder reveals no word of the sessions, the history cache included.
        let files = Self.files(data + "/users/tester")
        #expect(files.contains { $0.0.hasSuffix("/index.json") })
        for (path, bytes) in files {
            for word in Self.words {
                let found = bytes.range(of: Data(word.utf8)) != nil
                #expect(!found, "'\(word)' in \(path)")
            }
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path)")
        }
    }

    /// A wrong or missing passphrase is an error naming the user, never an empty history, and
    /// changes nothing (doctor does not take the sealed files for damaged ones).
    @Test(arguments: [
        ("wrong passphrase", "groundwork: wrong passphrase for user 'tester'\n"),
        (nil, "groundwork: the data of user 'tester' is encrypted: enter the passphrase in a terminal or set GROUNDWORK_PASSPHRASE\n"),
    ] as [(String?, String)])
    func wrongOrMissingPassphrase(_ passphrase: String?, _ message: String) throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try StoreCLI.writeSession(data, id: "bbbbbbbbbbb1", started: "2026-03-01T10:00:00.000Z", score: 48)
        #expect(try Self.run(["encrypt"], data: data, passphrase: Self.passphrase).status == 0)
        let before = Self.files(data).map(\.1)
        for command in [["history"], ["summary", "--last"], ["export"], ["doctor", "--fix"], ["search", "nurse"], ["forget", "bbbbbbbbbbb1", "--yes"]] {
            let result = try Self.run(command, data: data, passphrase: passphrase)
            #expect(result.status == 1, "\(command)")
            #expect(result.stdout.isEmpty, "\(command): \(result.stdout)")
            #expect(result.stderr == message, "\(command)")
        }
        #expect(Self.files(data).map(\.1) == before)
        #expect(try Self.run(["encrypt"], data: data, passphrase: "wrong passphrase").stderr == "groundwork: wrong passphrase for user 'tester'\n")
    }

    /// `forget --all` needs no passphrase (a forgotten one must not keep the data) and leaves nothing
    /// of the user behind.
    @Test func forgetAllLeavesNothingEvenWithoutThePassphrase() throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try StoreCLI.writeSession(data, id: "ccccccccccc1", started: "2026-03-01T10:00:00.000Z", score: 40)
        #expect(try Self.run(["encrypt"], data: data, passphrase: Self.passphrase).status == 0)
        _ = try Self.run(["history"], data: data, passphrase: Self.passphrase)
        let forgot = try Self.run(["forget", "--all", "--yes"], data: data, passphrase: nil)
        #expect(forgot.status == 0, "\(forgot.stderr)")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: data) == ["users"])
    }

    /// `decrypt` needs the passphrase; afterwards the sessions read without one.
    @Test func decryptTurnsItOff() throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try StoreCLI.writeSession(data, id: "ddddddddddd1", started: "2026-03-01T10:00:00.000Z", score: 40)
        #expect(try Self.run(["encrypt"], data: data, passphrase: Self.passphrase).status == 0)
        let wrong = try Self.run(["decrypt"], data: data, passphrase: "not it at all")
        #expect(wrong.status == 1 && wrong.stderr == "groundwork: wrong passphrase for user 'tester'\n")
        #expect(FileManager.default.fileExists(atPath: data + "/users/tester/encryption.json"))
        let right = try Self.run(["decrypt"], data: data, passphrase: Self.passphrase)
        #expect(right.status == 0, "\(right.stderr)")
        #expect(right.stderr.contains("no longer encrypted (1 file written back plain)"))
        let history = try Self.run(["history"], data: data, passphrase: nil)
        #expect(history.status == 0 && history.stdout.contains("ddddddddddd1"), "\(history.stderr)")
        #expect(try Self.run(["decrypt"], data: data, passphrase: nil).stderr == "the data of 'tester' is not encrypted\n")
    }

    @Test(arguments: [(nil, "no passphrase"), ("short", "at least 8 characters")] as [(String?, String)])
    func encryptNeedsAPassphrase(_ passphrase: String?, _ message: String) throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let result = try Self.run(["encrypt"], data: data, passphrase: passphrase)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message))
        #expect(!FileManager.default.fileExists(atPath: data + "/users/tester/encryption.json"))
    }
}
