import Foundation
import Testing

/// The binary on odd sealed and damaged files (issue 12, items 10 and 11): two encrypted sessions
/// swapped, a plain file planted in an encrypted folder, `summary ID` of a damaged file.
@Suite
struct SealedFileTests {
    static let passphrase = ["GROUNDWORK_PASSPHRASE": "blue kettle 42", "TZ": "UTC"]

    /// A user with two completed `mini` sessions on two days, then encrypted.
    static func encryptedUser() throws -> (data: String, files: [String]) {
        let data = try Groundwork.makeDataDir()
        for (day, name) in [(1, "Ana"), (2, "Bo")] {
            let env = passphrase.merging(["GROUNDWORK_NOW": "2026-03-0\(day)T08:00:00Z"]) { $1 }
            let done = try Groundwork.run(["start", "mini"] + Groundwork.fixtureOptions(data), input: "\(name)\n2\n7\n", environment: env)
            #expect(done.status == 0, "\(done.stderr)")
        }
        let encrypted = try Groundwork.run(["encrypt"] + Groundwork.fixtureOptions(data), environment: passphrase)
        #expect(encrypted.status == 0, "\(encrypted.stderr)")
        return (data, Groundwork.sessionFiles(data))
    }

    @Test func swappedSessionsAreReportedByName() throws {
        let (data, files) = try Self.encryptedUser()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try #require(files.count == 2)
        let a = try Data(contentsOf: URL(fileURLWithPath: files[0])), b = try Data(contentsOf: URL(fileURLWithPath: files[1]))
        try b.write(to: URL(fileURLWithPath: files[0]))
        try a.write(to: URL(fileURLWithPath: files[1]))
        let doctor = try Groundwork.run(["doctor"] + Groundwork.fixtureOptions(data), environment: Self.passphrase)
        #expect(doctor.status == 1)
        let name = { (path: String) in (path as NSString).lastPathComponent }
        #expect(doctor.stdout.contains("unreadable: \(files[0]): damaged or altered: sealed as '\(name(files[1]))', not under this name (a file swapped or renamed)"),
                "\(doctor.stdout)")
        #expect(doctor.stdout.contains("0 of 2 session files readable"))
    }

    @Test func aPlainFileInAnEncryptedFolderIsReported() throws {
        let (data, files) = try Self.encryptedUser()
        defer { try? FileManager.default.removeItem(atPath: data) }
        // A plain session from another folder, planted beside the sealed ones.
        let other = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: other) }
        let env = ["GROUNDWORK_NOW": "2026-03-05T08:00:00Z", "TZ": "UTC"]
        _ = try Groundwork.run(["start", "mini"] + Groundwork.fixtureOptions(other), input: "Cy\n1\n3\n", environment: env)
        let plain = try #require(Groundwork.sessionFiles(other).first)
        let planted = (try #require(files.first) as NSString).deletingLastPathComponent + "/" + (plain as NSString).lastPathComponent
        try FileManager.default.copyItem(atPath: plain, toPath: planted)
        let doctor = try Groundwork.run(["doctor"] + Groundwork.fixtureOptions(data), environment: Self.passphrase)
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("not encrypted: \(planted): a plain file in an encrypted folder"), "\(doctor.stdout)")
        let sealed = try Groundwork.run(["encrypt"] + Groundwork.fixtureOptions(data), environment: Self.passphrase)
        #expect(sealed.stderr.contains("1 file left plain, or sealed without their names, were sealed now"), "\(sealed.stderr)")
        let after = try Groundwork.run(["doctor"] + Groundwork.fixtureOptions(data), environment: Self.passphrase)
        #expect(after.status == 0, "\(after.stdout)")
    }

    @Test func summaryOfADamagedSessionSaysItIsDamaged() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        _ = try Groundwork.run(["start", "mini"] + Groundwork.fixtureOptions(data), input: "Ana\n2\n7\n")
        let file = try #require(Groundwork.sessionFiles(data).first)
        let id = String((file as NSString).lastPathComponent.dropLast(".json".count).split(separator: "-").last ?? "")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try String(text.prefix(text.count / 2)).write(toFile: file, atomically: true, encoding: .utf8)
        let summary = try Groundwork.run(["summary", id] + Groundwork.fixtureOptions(data))
        expectOneLineError(summary, status: 4, mentioning: "cannot read '\(file)': truncated")
    }
}
