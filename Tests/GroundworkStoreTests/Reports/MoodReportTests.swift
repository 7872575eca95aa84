import GroundworkCore
import Testing
@testable import GroundworkStore

/// `groundwork mood`: energy and mood as a sparkline each and a bar per week.
@Suite struct MoodReportTests {
    static func at(_ day: Int64) -> Timestamp { Timestamp(millisecondsSince1970: 1_772_409_600_000 + day * 86_400_000) }  // 2026-03-02, a Monday

    @Test(arguments: [(0, "2026-03-02"), (6, "2026-03-02"), (7, "2026-03-09"), (-1, "2026-02-23")])
    func weeksStartOnMonday(_ day: Int64, _ monday: String) {
        #expect(MoodReport.weekStart(Self.at(day)) == monday)
    }

    @Test func blocksAndPlain() {
        let energy = [MoodReport.Reading(time: Self.at(0), value: 2), MoodReport.Reading(time: Self.at(1), value: 4),
                      MoodReport.Reading(time: Self.at(8), value: 5)]
        let mood = [MoodReport.Reading(time: Self.at(8), value: 3)]
        #expect(MoodReport.text(energy: energy, mood: mood) == """
            Energy and mood, oldest first (1 = low … 5 = high)
              energy  ▃▆█  (3 check-ins, mean 3.7)
              mood    ▅  (1 journal mood, mean 3)

            By week
              week of 2026-03-02   energy ███░░ 3
              week of 2026-03-09   energy █████ 5   mood ███░░ 3

            """)
        #expect(MoodReport.text(energy: energy, mood: mood, plain: true).contains("  energy  2 4 5  "))
        #expect(MoodReport.text(energy: energy, mood: mood, plain: true).contains("energy ##### 5   mood ###.. 3"))
        #expect(MoodReport.text(energy: [], mood: []).hasPrefix("No energy or mood yet"))
    }
}
