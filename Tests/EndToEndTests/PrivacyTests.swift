import Foundation
import Testing
import GroundworkTestSupport

/// What a session leaves on the machine, in a real terminal (tmux): only the user's files, 0600 in
/// 0700 folders; no history file from the line editor, nothing in the temp folder; with encryption,
/// a passphrase asked without echo and no word of the journal in any file.
@Suite
struct PrivacyTests {
    static let secret = "Philippa"

    /// Every path under `folder` (files and folders), relative.
    static func everything(_ folder: String) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    /// Runs a journal in tmux with its own HOME and TMPDIR; returns (data, home, temp) folders.
    static func journal(encrypted: Bool) throws -> (data: String, home: String, temp: String) {
        let data = try Groundwork.makeDataDir()
        let home = try Groundwork.makeDataDir()
        let temp = try Groundwork.makeDataDir()
        let passphrase = "a long blue kettle"
        if encrypted {
            let result = try Groundwork.run(["encrypt", "--data-dir", data, "--user", "tester"],
                                            environment: ["GROUNDWORK_PASSPHRASE": passphrase])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let command = ([Groundwork.binary, "journal"] + Groundwork.fixtureOptions(data)).map(shellQuote).joined(separator: " ")
        let terminal = try Tmux("sh -c " + shellQuote("cd \(shellQuote(home)) && \(command)"),
                                environment: ["HOME": home, "TMPDIR": temp, "XDG_DATA_HOME": home + "/xdg", "XDG_CONFIG_HOME": home + "/config"])
        if encrypted {
            try terminal.waitFor("Passphrase for 'tester':")
            try terminal.type(passphrase)
            try terminal.send("Enter")
        }
        try terminal.waitForPrompt()
        try terminal.type("My sister \(secret) worries me")
        try terminal.send("Enter")
        try terminal.waitForPrompt()
        try terminal.send("Up")  // the line editor's in-session history
        try terminal.send("C-u")
        try terminal.type("/done")
        try terminal.send("Enter")
        let screen = try terminal.waitFor("EXIT=")
        #expect(screen.contains("EXIT=0"), "\(screen)")
        // The passphrase was never echoed.
        #expect(!screen.contains(passphrase), "\(screen)")
        return (data, home, temp)
    }

    @Test(arguments: [false, true])
    func aSessionLeavesOnlyTheUsersFiles(_ encrypted: Bool) throws {
        let (data, home, temp) = try Self.journal(encrypted: encrypted)
        defer { for folder in [data, home, temp] { try? FileManager.default.removeItem(atPath: folder) } }
        // No history file, no config, nothing in HOME or the temp folder.
        #expect(Self.everything(home).isEmpty, "\(Self.everything(home))")
        #expect(Self.everything(temp).isEmpty, "\(Self.everything(temp))")
        // Only the user's files, each 0600 in 0700 folders.
        let paths = Self.everything(data)
        #expect(paths.contains { $0.hasPrefix("users/tester/sessions/") && $0.hasSuffix(".json") }, "\(paths)")
        #expect(paths.allSatisfy { !$0.contains(".tmp-") }, "\(paths)")
        for path in paths where path.hasPrefix("users/tester") {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: data + "/" + path, isDirectory: &isFolder)
            #expect(Self.mode(data + "/" + path) == (isFolder.boolValue ? 0o700 : 0o600), "\(path)")
        }
        // Plain files hold the journal (which shows the check can see it); encrypted ones do not.
        let holding = paths.filter { path in
            FileManager.default.contents(atPath: data + "/" + path).map { $0.range(of: Data(Self.secret.utf8)) != nil } ?? false
        }
        if encrypted {
            #expect(holding.isEmpty, "\(holding)")
        } else {
            #expect(!holding.isEmpty)
        }
    }

    /// `forget --all` leaves nothing of the user: no folder, no lock, no cache.
    @Test func forgetAllLeavesNothing() throws {
        let (data, home, temp) = try Self.journal(encrypted: false)
        defer { for folder in [data, home, temp] { try? FileManager.default.removeItem(atPath: folder) } }
        _ = try Groundwork.run(["history", "--data-dir", data, "--user", "tester"])  // writes the cache too
        let forget = try Groundwork.run(["forget", "--all", "--yes", "--data-dir", data, "--user", "tester"])
        #expect(forget.status == 0, "\(forget.stderr)")
        #expect(Self.everything(data) == ["users"])
    }
}
