import Foundation
import Testing

/// `groundwork search` over session files written here as JSON: entries from journal and reflection
/// sessions, found ignoring case, with date, flow, tags and mood; choices and numbers are not entries.
@Suite
struct SearchCommandTests {
    @Test func findsEntriesAcrossSessionsIgnoringCase() throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try SearchCLI.writeSession(data, id: "bbbbbbbbbbb1", flow: "journal", started: "2026-10-02T08:30:00.000Z",
                                   answers: [("Talked to my Manager about the reorg #work mood: 2", "Talked to my Manager about the reorg #work mood: 2"),
                                             ("A walk by the river", "A walk by the river")])
        try SearchCLI.writeSession(data, id: "bbbbbbbbbbb2", flow: "weekly-review", started: "2026-10-09T18:00:00.000Z",
                                   answers: [("the manager meetings", "the manager meetings"), ("1", "drop it")])

        let found = try StoreCLI.run(["search", "MANAGER"], data: data)
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout == """
            2026-10-02 08:30  journal  Talked to my Manager about the reorg #work  (mood 2)
            2026-10-09 18:00  weekly-review  the manager meetings

            """)

        let tagged = try StoreCLI.run(["search", "manager", "--tag", "#work"], data: data)
        #expect(tagged.stdout.split(separator: "\n").count == 1)

        let onlyWeekly = try StoreCLI.run(["search", "manager", "--flow", "weekly-review"], data: data)
        #expect(onlyWeekly.stdout == "2026-10-09 18:00  weekly-review  the manager meetings\n")

        let choice = try StoreCLI.run(["search", "drop"], data: data)
        #expect(choice.stdout == "No entries match 'drop'.\n")

        let empty = try StoreCLI.run(["search", "  "], data: data)
        #expect(empty.status == 64 || empty.status == 2)
        #expect(empty.stderr.contains("give some text to search for"))
    }
}

enum SearchCLI {
    /// A completed session of `flow` whose answers are (typed, saved value) pairs.
    static func writeSession(_ data: String, id: String, flow: String, started: String, answers: [(String, String)]) throws {
        let folder = data + "/users/tester/sessions"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        let answerJSON = answers.enumerated().map { index, pair in
            "{\"flowID\": \(quoted(flow)), \"nodeID\": \"q\(index)\", \"question\": \"\", \"raw\": \(quoted(pair.0)), \"value\": \(quoted(pair.1))}"
        }.joined(separator: ", ")
        let inputs = answers.map { "{\"line\": {\"_0\": \(quoted($0.0))}}" }.joined(separator: ", ")
        let json = """
            {"schemaVersion": 2, "id": "\(id)", "user": "tester", "flowID": "\(flow)", "flowTitle": "\(flow)",
             "flowHash": "h", "status": "completed", "startedAt": "\(started)", "updatedAt": "\(started)", "transcript": [],
             "state": {"flowID": "\(flow)", "flowHash": "h", "status": "completed", "seed": 7, "random": 7,
               "cursor": {"flowID": "\(flow)", "returnStack": []}, "variables": {},
               "answers": [\(answerJSON)], "inputs": [\(inputs)], "reasks": 0, "loopPasses": {}, "listeners": {},
               "safety": {"events": [], "awaitingChoice": false}}}
            """
        let stamp = started.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "").prefix(15) + "Z"
        try json.write(toFile: "\(folder)/\(stamp)-\(flow)-\(id).json", atomically: false, encoding: .utf8)
    }
}
