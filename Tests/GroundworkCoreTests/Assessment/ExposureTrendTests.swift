import Testing
@testable import GroundworkCore

@Suite struct ExposureTrendTests {
    @Test(arguments: [
        // 0 → ▁; 100 → █; 50 → 3.5 + 0.5 = 4 → ▅; 30 → 2.1 + 0.5 → 2 → ▃
        ([0.0, 100, 50, 30], "▁█▅▃"),
        ([], ""),
        ([120, -5], "█▁"),
    ])
    func sparkline(scores: [Double], expected: String) {
        #expect(ExposureTrend.sparkline(scores) == expected)
    }

    @Test func textKeepsTheLastScores() {
        #expect(ExposureTrend.text(earlier: [10, 30, 45, 60], limit: 3) == "▃▄▅ (30, 45, 60)")
        #expect(ExposureTrend.text(earlier: []) == "")
    }
}
