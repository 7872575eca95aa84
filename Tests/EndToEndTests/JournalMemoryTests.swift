import Foundation
import Testing

/// Journal memory across sessions: a remark kept in one session comes back, with its age, in a
/// later one when nothing else fits — for an encrypted person too, and never after `forget`.
@Suite
struct JournalMemoryTests {
    static let remark = "Two weeks ago you mentioned your dad ran a print shop. How is that now?"

    static func run(_ arguments: [String], data: String, day: Int, input: String, passphrase: String? = nil) throws -> Groundwork.Result {
        var environment = ["GROUNDWORK_NOW": String(format: "2026-03-%02dT20:00:00Z", day), "TZ": "UTC"]
        if let passphrase { environment["GROUNDWORK_PASSPHRASE"] = passphrase }
        return try Groundwork.run(arguments + ["--data-dir", data, "--user", "ana", "--seed", "7"], input: input, environment: environment)
    }

    /// Two journals a fortnight apart; the second passes the follow-up and writes lines that match nothing.
    static func twoJournals(data: String, passphrase: String? = nil) throws -> Groundwork.Result {
        let first = try run(["journal"], data: data, day: 2, input: "my dad ran a print shop\n/done\n", passphrase: passphrase)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let second = try run(["journal"], data: data, day: 16, input: "/skip\nthe sky\nthe sea\n/done\n", passphrase: passphrase)
        #expect(second.status == 0, "stderr: \(second.stderr)")
        return second
    }

    @Test func aRemarkComesBackInALaterSessionWithItsAge() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let second = try Self.twoJournals(data: data)
        let lines = second.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains(Self.remark), "\(second.stdout)")
        // Once: the next line that matches nothing gets the fallback.
        #expect(lines.filter { $0.contains("print shop") }.count == 1)
    }

    @Test func anEncryptedPersonsMemoryStaysSealed() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let passphrase = "a long blue kettle"
        let encrypt = try Self.run(["encrypt"], data: data, day: 1, input: "", passphrase: passphrase)
        #expect(encrypt.status == 0, "stderr: \(encrypt.stderr)")
        let second = try Self.twoJournals(data: data, passphrase: passphrase)
        #expect(second.stdout.contains(Self.remark))
        for (path, bytes) in EncryptionTests.files(data + "/users/ana") {
            #expect(bytes.range(of: Data("print shop".utf8)) == nil, "\(path)")
        }
    }

    @Test func forgetForgetsTheMemory() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        _ = try Self.run(["journal"], data: data, day: 2, input: "my dad ran a print shop\n/done\n")
        let forget = try Self.run(["forget", "--all", "--yes"], data: data, day: 3, input: "")
        #expect(forget.status == 0, "stderr: \(forget.stderr)")
        let later = try Self.run(["journal"], data: data, day: 16, input: "the sky\n/done\n")
        #expect(!later.stdout.contains("print shop"))
    }
}
