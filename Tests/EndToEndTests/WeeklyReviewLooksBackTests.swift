import Foundation
import Testing

/// The weekly review draws on the week's own sessions.
@Suite
struct WeeklyReviewLooksBackTests {
    @Test func theWeeksCheckInsAndThemesOpenTheReview() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        _ = try JournalMemoryTests.run(["start", "daily-checkin"], data: data, day: 2, input: "/skip\n2\na walk\nrest\n")
        _ = try JournalMemoryTests.run(["start", "daily-checkin"], data: data, day: 3, input: "/skip\n/skip\n3\nthe team\nrest\n")
        _ = try JournalMemoryTests.run(["journal"], data: data, day: 4, input: "/skip\nso tired today\n/done\n")
        _ = try JournalMemoryTests.run(["journal"], data: data, day: 5, input: "/skip\nexhausted again\n/done\n")
        let review = try JournalMemoryTests.run(["start", "weekly-review"], data: data, day: 6, input: "")
        #expect(review.stdout.contains("This week: 2 check-ins, energy 2.5 of 5 on average; you came back to exhaustion (2 times)."),
                "\(review.stdout)")
        // Nothing older than seven days.
        let later = try JournalMemoryTests.run(["start", "weekly-review"], data: data, day: 20, input: "")
        #expect(!later.stdout.contains("This week:"))
    }
}
