import Foundation
import GroundworkCore
import Testing
@testable import GroundworkStore

@Suite struct HeadlineTests {
    static func header(status: SessionState.Status, scores: [String: Value] = [:], next: String? = nil, answers: Int = 0) -> SessionHeader {
        var record = Samples.record(answers: answers)
        record.status = status
        record.state.summary = scores.isEmpty && next == nil ? nil : SessionSummary(text: "", nextStepID: next, nextStepText: nil, scores: scores)
        return SessionHeader(record: record, fileName: "f.json")
    }

    @Test(arguments: [
        (header(status: .completed, scores: ["exposure.score": .number(62), "exposure.band": .number(3)]), "exposure 62 (gradient 3)"),
        (header(status: .completed, scores: ["exposure.score": .number(61.6)]), "exposure 62"),
        (header(status: .completed, scores: ["exposure.score": .number(20), "exposure.band": .string("low")]), "exposure 20 (low)"),
        (header(status: .completed, next: "quarterly-checkin"), "next step: quarterly checkin"),
        (header(status: .completed, next: "an-hour-of-presence"), "next step: an hour of presence"),
        (header(status: .completed), "completed"),
        (header(status: .active, answers: 1), "in progress, 1 answer"),
        (header(status: .active, answers: 4), "in progress, 4 answers"),
        (header(status: .abandoned, answers: 2), "left after 2 answers"),
    ])
    func headline(_ header: SessionHeader, _ expected: String) {
        #expect(Headline.text(for: header) == expected)
    }
}

@Suite struct SparklineTests {
    @Test(arguments: [
        ([0, 100], "▁█"),
        ([0, 50, 100], "▁▅█"),
        ([-5, 150], "▁█"),
        ([], ""),
    ] as [([Double], String)])
    func render(_ values: [Double], _ expected: String) {
        #expect(Sparkline.render(values) == expected)
    }

    @Test func risesWithTheValue() {
        let chart = Array(Sparkline.render(stride(from: 0.0, through: 100, by: 100.0 / 7).map { $0 }))
        #expect(chart == Array("▁▂▃▄▅▆▇█"))
    }
}

@Suite struct JSONTreeTests {
    @Test func nestsDottedNames() {
        let tree = JSONTree.object(JSONTree.nesting([
            "exposure.score": .number(62), "exposure.beta": .number(0.62), "tasks": .list([.string("a")]),
            "a.b.c": .bool(true), "label": .string("x \"y\"\n"),
        ]))
        #expect(tree.rendered() == """
            {
              "a": {
                "b": {
                  "c": true
                }
              },
              "exposure": {
                "beta": 0.62,
                "score": 62
              },
              "label": "x \\"y\\"\\n",
              "tasks": [
                "a"
              ]
            }
            """)
    }

    @Test func parallelListsBecomeRecords() throws {
        let tree = JSONTree.object(JSONTree.nesting([
            "tasks.name": .list([.string("charting"), .string("rounds")]),
            "tasks.share": .list([.number(60), .number(40)]),
            "tasks.label": .list([.string("E2"), .string("E0")]),
            "uneven.a": .list([.number(1)]), "uneven.b": .list([.number(1), .number(2)]),
        ]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(tree.rendered().utf8)) as? [String: Any])
        let tasks = try #require(object["tasks"] as? [[String: Any]])
        #expect(tasks.count == 2)
        #expect(tasks[0]["name"] as? String == "charting")
        #expect(tasks[0]["share"] as? Int == 60)
        #expect(tasks[1]["label"] as? String == "E0")
        // Lists of different lengths are not records: they stay an object of lists.
        let uneven = try #require(object["uneven"] as? [String: Any])
        #expect(uneven["b"] as? [Int] == [1, 2])
    }

    @Test func leafAndPrefixKeepsBoth() throws {
        let text = JSONTree.object(JSONTree.nesting(["exposure": .number(1), "exposure.score": .number(2)])).rendered()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["exposure"] as? Int == 1)
        #expect(object["exposure.score"] as? Int == 2)
    }
}

@Suite struct SummaryReportTests {
    static func checkin(score: Double, at start: Timestamp, id: String) -> SessionRecord {
        var record = Samples.record(completed: true, exposure: score, start: start, id: id)
        record.state.summary?.scores.merge([
            "exposure.alpha": .number(0.3), "exposure.beta": .number(score / 100), "exposure.zeta": .number(0.7),
            "ground": .list([.string("relational")]), "pressures": .list([.string("documentation")]),
        ]) { $1 }
        return record
    }

    @Test func careerJSONHasTheCheckInFields() throws {
        let record = Self.checkin(score: 62, at: Samples.start, id: "aaaaaaaaaaaa")
        let text = SummaryReport.render(record, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let exposure = try #require(object["exposure"] as? [String: Any])
        #expect(exposure["score"] as? Int == 62)
        #expect(exposure["band"] as? Int == 3)
        #expect(exposure["alpha"] as? Double == 0.3)
        #expect(exposure["beta"] as? Double == 0.62)
        #expect(exposure["zeta"] as? Double == 0.7)
        #expect(object["tasks"] as? [String] == ["charting"])
        #expect(object["ground"] as? [String] == ["relational"])
        #expect(object["pressures"] as? [String] == ["documentation"])
        let next = try #require(object["nextStep"] as? [String: Any])
        #expect(next["id"] as? String == "own-an-outcome")
        #expect(next["text"] as? String == "Pick one result you could own.")
        #expect(object["flow"] as? String == "career-checkin")
        #expect(object["date"] as? String == "2026-11-23T09:15:42.123Z")
        #expect(object["status"] as? String == "completed")
    }

    @Test func textComparesWithThePreviousCheckIn() {
        let before = Self.checkin(score: 55, at: Timestamp(millisecondsSince1970: 0), id: "bbbbbbbbbbbb")
        let now = Self.checkin(score: 62, at: Samples.start, id: "aaaaaaaaaaaa")
        let text = SummaryReport.render(now, previous: before, format: .text)
        #expect(text.contains("Last time (1970-01-01 00:00 UTC): exposure 55 (gradient 3). Exposure is up 7."))
        #expect(text.contains("Next step: Pick one result you could own."))
        #expect(text.hasPrefix("Career check-in — 2026-11-23 09:15 UTC (completed)"))
    }

    @Test func unfinishedSessionSaysWhereItWaits() {
        let text = SummaryReport.render(Samples.record(answers: 2), format: .md)
        #expect(text.contains("Not finished (waiting at 'hours'); 'groundwork resume' continues it."))
        #expect(text.contains("- Question 1?: answer 1"))
    }
}

@Suite struct HistoryReportTests {
    @Test func tableNewestFirstWithTrend() throws {
        let a = SummaryReportTests.checkin(score: 48, at: Timestamp(millisecondsSince1970: 0), id: "aaaaaaaaaaaa")
        let b = SummaryReportTests.checkin(score: 62, at: Samples.start, id: "bbbbbbbbbbbb")
        let c = Samples.record(answers: 2, start: Timestamp(millisecondsSince1970: 1000), id: "cccccccccccc")
        let headers = [b, c, a].map { SessionHeader(record: $0, fileName: $0.fileName) }
        let text = HistoryReport.text(headers)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("DATE (UTC)"))
        #expect(lines[1].contains("bbbbbbbbbbbb") && lines[1].hasSuffix("exposure 62 (gradient 3)"))
        #expect(lines[2].contains("cccccccccccc") && lines[2].hasSuffix("in progress, 2 answers"))
        #expect(lines[3].contains("aaaaaaaaaaaa") && lines[3].hasSuffix("exposure 48 (gradient 3)"))
        #expect(text.contains("▄▅  48 → 62"))
        #expect(HistoryReport.exposureTrend(headers).map(\.score) == [48, 62])

        let json = HistoryReport.json(headers, unreadable: [UnreadableFile(path: "/x.json", reason: "the file is empty")])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["sessions"] as? [[String: Any]])?.map { $0["id"] as? String } == ["bbbbbbbbbbbb", "cccccccccccc", "aaaaaaaaaaaa"])
        #expect((object["exposureTrend"] as? [[String: Any]])?.count == 2)
        #expect((object["unreadable"] as? [[String: Any]])?.first?["reason"] as? String == "the file is empty")
    }

    @Test func emptyHistorySaysHowToStart() {
        #expect(HistoryReport.text([]).contains("groundwork start"))
    }
}

@Suite struct ExportReportTests {
    @Test func markdownHasConversationAndSummary() throws {
        let record = SummaryReportTests.checkin(score: 62, at: Samples.start, id: "aaaaaaaaaaaa")
        let text = try ExportReport.render([record], user: "ada", format: .md, now: Samples.start)
        #expect(text.hasPrefix("# Groundwork sessions of ada\n\nExported 2026-11-23 09:15 UTC · 1 session\n"))
        #expect(text.contains("## Career check-in — 2026-11-23 09:15 UTC (completed)"))
        #expect(text.contains("**Coach:** Question 0?"))
        #expect(text.contains("**You:** answer 0 — with \"quotes\"  \nand a newline"))
        #expect(text.contains("**Next step:** Pick one result you could own."))
        #expect(text.contains("safety net was shown 2 times"))
    }

    @Test func jsonRoundTripsTheRecords() throws {
        let records = [Samples.record(), SummaryReportTests.checkin(score: 10, at: Samples.start, id: "bbbbbbbbbbbb")]
        let text = try ExportReport.render(records, user: "ada", format: .json, now: Samples.start)
        struct Document: Decodable { var user: String; var sessions: [SessionRecord] }
        let back = try JSONDecoder().decode(Document.self, from: Data(text.utf8))
        #expect(back.user == "ada")
        #expect(back.sessions == records)
    }
}

@Suite struct JournalNoteTests {
    @Test func tagsAndMoodsOfAJournalShowInHistory() {
        var record = Samples.record(answers: 0, completed: true)
        record.flowID = "journal"
        record.flowTitle = "Journal"
        for (i, line) in ["long day at #work mood: 2", "slept well #Sleep", "4", "back at #WORK, mood: 4"].enumerated() {
            // "4" answered a number question: its value is not the text typed, so it is no entry.
            let value: Value = line == "4" ? .number(4) : .string(line)
            record.state.answers.append(Answer(flowID: "journal", nodeID: "q\(i)", question: "", raw: line, value: value, variable: nil))
        }
        let note = HistoryReport.JournalNote(record)
        #expect(note.entries == 3)
        #expect(note.tags == ["work", "sleep"])
        #expect(note.moods == [2, 4])
        #expect(note.text == "3 entries · #work #sleep · mood 2–4")
        let header = SessionHeader(record: record, fileName: "f.json")
        let table = HistoryReport.text([header], journals: [header.id: note])
        #expect(table.contains("Journal  completed  3 entries · #work #sleep · mood 2–4"))
    }
}
