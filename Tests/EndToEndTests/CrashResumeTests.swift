import Foundation
import Testing

/// A session killed with SIGKILL mid-flow loses nothing: `resume` continues with every answer given.
@Suite
struct CrashResumeTests {
    @Test(arguments: [1, 2])
    func killedAfterNAnswersResumesWithAllOfThem(answered: Int) throws {
        let data = try Groundwork.makeDataDir()
        let answers = ["Ana", "farming", "7"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Groundwork.binary)
        process.arguments = ["start", "mini"] + Groundwork.fixtureOptions(data)
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(answers.prefix(answered).map { $0 + "\n" }.joined().utf8))

        // Wait (stdin still open, so the coach waits for the next answer) until the N answers are on disk.
        let deadline = Date().addingTimeInterval(20)
        var saved = 0
        while Date() < deadline {
            if let file = Groundwork.sessionFiles(data).first, let record = try? Self.record(file) {
                saved = (record["state"] as? [String: Any])?["answers"].flatMap { $0 as? [Any] }?.count ?? 0
                if saved == answered { break }
            }
            usleep(20_000)
        }
        #expect(saved == answered)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let rest = answers.dropFirst(answered).map { $0 + "\n" }.joined()
        let resumed = try Groundwork.run(["resume"] + Groundwork.fixtureOptions(data), input: rest)
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(resumed.stdout.hasSuffix("Thanks, Ana: Farming for 7 years.\n"))
        let files = Groundwork.sessionFiles(data)
        #expect(files.count == 1)
        let record = try Self.record(try #require(files.first))
        let state = try #require(record["state"] as? [String: Any])
        #expect(state["status"] as? String == "completed")
        let raws = (state["answers"] as? [[String: Any]])?.compactMap { $0["raw"] as? String }
        #expect(raws == answers)
    }

    static func record(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
