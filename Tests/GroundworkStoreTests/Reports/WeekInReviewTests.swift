import GroundworkCore
import Testing
@testable import GroundworkStore

/// The weekly review's look back: check-ins, their energy, and the themes that came back.
@Suite struct WeekInReviewTests {
    static func session(_ flow: String, day: Int64, energy: Double? = nil, themes: [String] = [],
                        status: SessionState.Status = .completed) -> SessionRecord {
        var state = SessionState(flowID: flow, flowHash: "h", seed: 1)
        state.status = status
        if let energy { state.variables["energy"] = .number(energy) }
        state.variables["reflect.themes"] = .list(themes.map(Value.string))
        var record = SessionRecord(id: "s\(day)\(flow)", user: "ana", flowID: flow, flowTitle: flow, flowHash: "h",
                                   startedAt: Timestamp(millisecondsSince1970: 1_760_000_000_000 + day * 86_400_000), state: state)
        record.status = status
        return record
    }

    static let themes: Set<String> = ["work", "family", "exhaustion"]

    @Test(arguments: [
        ([session("daily-checkin", day: 1, energy: 2, themes: ["work"]), session("daily-checkin", day: 2, energy: 3, themes: ["work", "dad"]),
          session("journal", day: 3, themes: ["dad", "work", "exhaustion"])],
         "This week: 2 check-ins, energy 2.5 of 5 on average; you came back to work (3 times) and your dad (2 times)."),
        ([session("journal", day: 1, themes: ["exhaustion"]), session("journal", day: 2, themes: ["exhaustion"])],
         "This week: you came back to exhaustion (2 times)."),
        ([session("daily-checkin", day: 1, energy: 4)], "This week: 1 check-in, energy 4 of 5 on average."),
        ([session("journal", day: 1, themes: ["work"]), session("journal", day: 2, themes: ["work"], status: .abandoned)], ""),
        ([], ""),
    ])
    func theWeekInOneSentence(_ records: [SessionRecord], _ line: String) {
        #expect(WeekInReview.variables(records: records, themeNames: Self.themes)["week.line"] == .string(line))
    }
}
