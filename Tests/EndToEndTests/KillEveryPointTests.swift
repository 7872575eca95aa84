import Foundation
import Synchronization
import Testing

/// Every answer the coach acknowledged survives a kill at any point of a whole flow (issue 12,
/// item 1). The built binary is killed (SIGKILL, SIGTERM, SIGHUP) at many moments of each turn of
/// the `mini` flow: right after the answer is sent, at delays through the turn, and the instant the
/// next question (the acknowledgement) appears. Whatever was shown as taken must be in the file,
/// the file must always read, and `resume` must finish the flow with every answer.
@Suite
struct KillEveryPointTests {
    static let answers = ["Ana", "farming", "7"]
    /// What the coach shows once each answer is taken: the next question, then the ending.
    static let acknowledgements = ["Which sector do you work in?", "How many years have you worked there?", "Thanks, Ana"]
    /// Microseconds after sending the answer; nil is "the moment its acknowledgement appears".
    static let points: [Int?] = [0, 100, 300, 700, 1_500, 3_000, 6_000, nil]

    @Test(arguments: [SIGKILL, SIGTERM, SIGHUP])
    func everyAcknowledgedAnswerSurvives(signal number: Int32) throws {
        var runs = 0, acknowledgedBeforeKill = 0, savedButNotShown = 0, lost = 0
        for turn in 0..<Self.answers.count {
            for point in Self.points {
                let outcome = try Self.killDuring(turn: turn, at: point, with: number)
                runs += 1
                acknowledgedBeforeKill += outcome.acknowledged > turn ? 1 : 0
                savedButNotShown += outcome.saved > outcome.acknowledged ? 1 : 0
                lost += outcome.saved < outcome.acknowledged ? 1 : 0
            }
        }
        // The figures for docs/reliability.md.
        print("kill test \(number): \(runs) runs, \(acknowledgedBeforeKill) killed after the acknowledgement, "
              + "\(savedButNotShown) saved but not yet shown, \(lost) lost an acknowledged answer")
    }

    struct Outcome {
        /// Answers whose acknowledgement reached the output before the process died.
        var acknowledged: Int
        /// Answers in the session file afterwards.
        var saved: Int
    }

    /// Answers the turns before `turn` (waiting for each acknowledgement), sends the answer of `turn`
    /// and kills the process `point` microseconds later (nil: as soon as its acknowledgement shows).
    static func killDuring(turn: Int, at point: Int?, with number: Int32) throws -> Outcome {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Groundwork.binary)
        process.arguments = ["start", "mini"] + Groundwork.fixtureOptions(data)
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let shown = Mutex("")
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            shown.withLock { $0 += String(decoding: chunk, as: UTF8.self) }
        }
        try FaultTests.launchAsAShellWould(process)
        defer { output.fileHandleForReading.readabilityHandler = nil }
        func waitFor(_ text: String) -> Bool {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if shown.withLock({ $0.contains(text) }) { return true }
                usleep(100)
            }
            return false
        }
        #expect(waitFor("What should I call you?"))
        for earlier in 0..<turn {
            input.fileHandleForWriting.write(Data((answers[earlier] + "\n").utf8))
            #expect(waitFor(acknowledgements[earlier]))
        }
        input.fileHandleForWriting.write(Data((answers[turn] + "\n").utf8))
        if let point {
            usleep(useconds_t(point))
        } else {
            #expect(waitFor(acknowledgements[turn]))
        }
        kill(process.processIdentifier, number)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        // What reached the pipe before the process died. The handler may still be appending a chunk
        // it took before the exit (on a loaded machine that lost an acknowledgement that had been
        // shown): wait until what it collected stops changing, then stop it and read the rest.
        var collected = shown.withLock { $0 }
        for _ in 0..<100 {
            usleep(20_000)
            let now = shown.withLock { $0 }
            if now == collected { break }
            collected = now
        }
        output.fileHandleForReading.readabilityHandler = nil
        let rest = (try? output.fileHandleForReading.readToEnd()) ?? nil
        let text = shown.withLock { $0 } + String(decoding: rest ?? Data(), as: UTF8.self)
        let acknowledged = acknowledgements.prefix { text.contains($0) }.count

        let files = Groundwork.sessionFiles(data)
        #expect(files.count == 1, "turn \(turn), point \(point.map(String.init) ?? "ack"), signal \(number)")
        guard let file = files.first else { return Outcome(acknowledged: acknowledged, saved: 0) }
        let state = try #require(try CrashResumeTests.record(file)["state"] as? [String: Any], "the session file does not read")
        let saved = (state["answers"] as? [[String: Any]])?.compactMap { $0["raw"] as? String } ?? []
        let place = "turn \(turn), point \(point.map { "\($0) µs" } ?? "at the acknowledgement"), signal \(number)"
        #expect(saved.count >= acknowledged, "\(place): \(acknowledged) answers were shown as taken, \(saved.count) saved")
        #expect(Array(answers.prefix(saved.count)) == saved, "\(place)")
        if number != SIGKILL {
            // A signal that can be held is held for the whole turn: the process never stops between
            // saving an answer and showing that it was taken.
            #expect(saved.count == acknowledged, "\(place): \(saved.count) saved, \(acknowledged) shown as taken")
        }
        if saved.count < answers.count {
            let resumed = try Groundwork.run(["resume"] + Groundwork.fixtureOptions(data),
                                             input: answers.dropFirst(saved.count).map { $0 + "\n" }.joined())
            #expect(resumed.status == 0, "\(place): \(resumed.stderr)")
            #expect(resumed.stdout.hasSuffix("Thanks, Ana: Farming for 7 years.\n"), "\(place): \(resumed.stdout)")
            let final = try #require(try CrashResumeTests.record(file)["state"] as? [String: Any])
            #expect((final["answers"] as? [[String: Any]])?.compactMap { $0["raw"] as? String } == answers, "\(place)")
        } else {
            #expect(state["status"] as? String == "completed", "\(place)")
        }
        return Outcome(acknowledged: acknowledged, saved: saved.count)
    }

    /// SIGTERM or SIGHUP at a moment in a long journal fed through a file: signals are held for
    /// the whole turn, not only its write, so the process ends between turns, where every reply
    /// shown has its entry on disk and every entry on disk had its reply shown. (With the signal held
    /// only during the write, a signal between showing a reply and starting the save lost the entry.)
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/stat"), "needs /proc"),
          arguments: [SIGTERM, SIGHUP], [0.4, 0.8, 1.2])
    func aSignalEndsAJournalOnlyBetweenTurns(_ number: Int32, after seconds: Double) throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let input = data + "/input.txt", shown = data + "/stdout.txt"
        let lines = (0..<4000).map { "line \($0): today I thought about my work and my family and what comes next" }
        try (lines.joined(separator: "\n") + "\n/done\n").write(toFile: input, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: shown, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Groundwork.binary)
        process.arguments = ["journal", "--data-dir", data, "--user", "tester"]
        process.standardInput = FileHandle(forReadingAtPath: input)
        process.standardOutput = FileHandle(forWritingAtPath: shown)
        process.standardError = FileHandle.nullDevice
        try FaultTests.launchAsAShellWould(process)
        // The delay counts from the journal's first line, so a slow start (a busy machine, a
        // debug build) does not turn "during the turns" into "before the first one".
        let started = Date().addingTimeInterval(30)
        while Date() < started, ((try? String(contentsOfFile: shown, encoding: .utf8)) ?? "").isEmpty { usleep(5_000) }
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, number)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == number,
                "the journal ended before the signal (\(process.terminationReason.rawValue) \(process.terminationStatus))")
        // The journal flow's opening line, then one reply line per entry.
        let shownLines = try String(contentsOfFile: shown, encoding: .utf8).split(separator: "\n")
        #expect(shownLines.first?.hasPrefix("Write whatever is on your mind") == true)
        let replies = shownLines.count - 1
        let file = try #require(Groundwork.sessionFiles(data).first)
        let state = try #require(try CrashResumeTests.record(file)["state"] as? [String: Any])
        let saved = (state["answers"] as? [Any])?.count ?? -1
        #expect(replies == saved, "\(replies) replies shown, \(saved) entries saved")
        #expect(replies > 0)
    }
}
