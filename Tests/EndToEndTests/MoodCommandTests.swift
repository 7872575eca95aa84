import Foundation
import Testing

/// `groundwork mood` over a fortnight of check-ins and a journal mood.
@Suite
struct MoodCommandTests {
    @Test func energyAndMoodOverTime() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        _ = try JournalMemoryTests.run(["start", "daily-checkin"], data: data, day: 2, input: "/skip\n2\na walk\nrest\n")
        _ = try JournalMemoryTests.run(["journal"], data: data, day: 10, input: "/skip\nan ok day mood: 3\n/done\n")
        _ = try JournalMemoryTests.run(["start", "daily-checkin"], data: data, day: 11, input: "/skip\n/skip\n5\nthe team\nrest\n")
        let mood = try JournalMemoryTests.run(["mood"], data: data, day: 12, input: "")
        #expect(mood.status == 0, "stderr: \(mood.stderr)")
        #expect(mood.stdout.contains("  energy  ▃█  (2 check-ins, mean 3.5)"), "\(mood.stdout)")
        #expect(mood.stdout.contains("week of 2026-03-09   energy █████ 5   mood ███░░ 3"))
        let plain = try JournalMemoryTests.run(["mood", "--plain", "--from", "2026-03-09"], data: data, day: 12, input: "")
        #expect(plain.stdout.contains("  energy  5  (1 check-in, mean 5)"), "\(plain.stdout)")
    }
}
