import Foundation
import Testing
import GroundworkTestSupport

/// The safety net through the built binary in every mode: a hit in the middle of each bundled
/// flow, a journal and a group exercise (a private answer in a real terminal), then "continue",
/// and the session goes on where it was with nothing lost; the gentle check and its "no".
@Suite
struct SafetyTests {
    static let crisisLine = "i dont want to be alive anymore"

    /// The answers of a flow's golden transcript.
    static func answers(_ transcript: String) throws -> [String] {
        let text = try String(contentsOfFile: Groundwork.root.appendingPathComponent("dialogues/\(transcript)").path, encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("> ") }.map { String($0.dropFirst(2)) }
    }

    static func sessionState(_ data: String, user: String) throws -> [String: Any] {
        let path = try #require(Groundwork.sessionFiles(data, user: user).last)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        return try #require((object as? [String: Any])?["state"] as? [String: Any])
    }

    @Test(arguments: ["daily-checkin.transcript", "weekly-review.transcript", "beyond-doing.transcript",
                      "career-checkin-nurse.transcript", "journal.transcript"])
    func aHitMidFlowThenContinueLosesNothing(_ transcript: String) throws {
        let answers = try Self.answers(transcript)
        let flow = transcript.hasPrefix("career") ? "career-checkin" : String(transcript.dropLast(".transcript".count))
        let plainData = try Groundwork.makeDataDir()
        let plain = try Groundwork.run(["start", flow, "--data-dir", plainData, "--user", "p", "--seed", "1", "--country", "UK"],
                                       input: answers.joined(separator: "\n") + "\n")
        #expect(plain.status == 0, "stderr: \(plain.stderr)")
        // The first place from the middle on where a free-text question takes the line.
        var hitAt: Int?
        for index in (answers.count / 2)..<answers.count {
            let data = try Groundwork.makeDataDir()
            var input = answers
            input.insert(contentsOf: [Self.crisisLine, "continue"], at: index)
            let result = try Groundwork.run(["start", flow, "--data-dir", data, "--user", "p", "--seed", "1", "--country", "UK"],
                                            input: input.joined(separator: "\n") + "\n")
            guard result.stdout.contains("Samaritans") else { continue }
            hitAt = index
            #expect(result.status == 0, "stderr: \(result.stderr)")
            // The same ending as without the hit: nothing was lost or answered twice.
            let tail = { (out: String) in out.split(separator: "\n").suffix(6).joined(separator: "\n") }
            #expect(tail(result.stdout) == tail(plain.stdout))
            let state = try Self.sessionState(data, user: "p")
            #expect(state["status"] as? String == "completed")
            let events = try #require((state["safety"] as? [String: Any])?["events"] as? [[String: Any]])
            let plainState = try Self.sessionState(plainData, user: "p")
            let plainEvents = try #require((plainState["safety"] as? [String: Any])?["events"] as? [[String: Any]])
            // One more event than the transcript's own (the journal's has a hit of its own).
            #expect(events.count == plainEvents.count + 1)
            #expect(events.allSatisfy { $0["choice"] as? String == "continue" })
            #expect(events.allSatisfy { $0["tier"] as? String == "crisis" })
            #expect((state["answers"] as? [Any])?.count == (plainState["answers"] as? [Any])?.count)
            break
        }
        #expect(hitAt != nil, "no free-text question in the second half of \(transcript)")
    }

    @Test func theGentleCheckAndItsNoInAJournalWithoutSaving() throws {
        let result = try Groundwork.run(["journal", "--no-save", "--country", "US"],
                                        input: "been giving my stuff away and writing letters to everyone\nno\nmy mother is ill\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3)
        #expect(lines[0].contains("are you thinking about harming yourself"))
        #expect(lines[0].contains("988"))
        #expect(lines[1].hasPrefix("Thank you for answering."))
        #expect(!lines[2].contains("988"))
    }

    @Test func anAnswerThatIsNotAClearNoGetsTheCrisisLines() throws {
        let result = try Groundwork.run(["journal", "--no-save", "--country", "UK"],
                                        input: "counted the pills in the cabinet tonight\nmaybe, i dont know\n")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2)
        #expect(lines[0].contains("are you thinking about harming yourself"))
        #expect(lines[1].contains("Samaritans"))
        #expect(lines[1].contains("you don't have to carry it alone"))
        #expect(!lines[1].contains("continue, pause"))
    }

    @Test func aSavedJournalRecordsBothTiers() throws {
        let data = try Groundwork.makeDataDir()
        let result = try Groundwork.run(["journal", "--data-dir", data, "--user", "j", "--country", "UK"],
                                        input: "counted the pills in the cabinet tonight\nno\n\(Self.crisisLine)\ncontinue\nwork was ok\n/done\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let state = try Self.sessionState(data, user: "j")
        let events = try #require((state["safety"] as? [String: Any])?["events"] as? [[String: Any]])
        #expect(events.map { $0["tier"] as? String } == ["check", "crisis"])
        #expect(events.first?["answer"] as? String == "no")
        let raws = try #require(state["answers"] as? [[String: Any]]).compactMap { $0["raw"] as? String }
        #expect(raws.contains("counted the pills in the cabinet tonight"))
        #expect(raws.contains("work was ok"))
    }

    @Test func whyAfterAHitSaysWhichConceptsFired() throws {
        let result = try Groundwork.run(["journal", "--no-save", "--why"], input: "\(Self.crisisLine)\n")
        #expect(result.stderr.contains("why: safety net: the line suggested risk (suicide): "))
        #expect(result.stderr.contains("showed the crisis lines"))
    }

    /// A private answer in a group, in a real terminal: the room sees nothing, the facilitator gets
    /// the crisis lines for --country, /pause goes on with the same turn, and the words are kept nowhere.
    @Test
    func aPrivateGroupAnswerPausesForTheFacilitator() throws {
        let data = try GroupCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let tmux = try Tmux("\(shellQuote(GroupCLI.binary)) group triz --participants ana,ben,chi --facilitator fay --seed 3 --country UK --data-dir \(shellQuote(data))")
        try tmux.waitFor("Whole group, your turn")
        try tmux.type("Welcome people")
        try tmux.send("Enter")
        try tmux.waitFor("ana, your turn [")
        try tmux.type("nothing honestly, i want to kill myself")
        try tmux.send("Enter")
        let paused = try tmux.waitFor("Samaritans")
        #expect(!paused.contains("kill myself"))
        #expect(paused.contains("Paused: the safety net responded"))
        try tmux.type("/pause")
        try tmux.send("Enter")
        try tmux.waitFor("ana, your turn [")
        try tmux.type("give them no laptop")
        try tmux.send("Enter")
        try tmux.waitFor("ben, your turn [")
        #expect(try GroupCLI.contributions(data) == ["Welcome people", "give them no laptop"])
        let state = try #require(try GroupCLI.groupFile(data)["state"] as? [String: Any])
        let safety = try #require(state["safety"] as? [[String: Any]])
        #expect(safety.map { $0["participant"] as? String } == ["ana"])
        #expect(safety.first?["tier"] as? String == "crisis")
        let text = String(decoding: try JSONSerialization.data(withJSONObject: state), as: UTF8.self)
        #expect(!text.contains("kill myself"))
        try tmux.send("C-d")
        try tmux.waitFor("EXIT=0")
    }
}
