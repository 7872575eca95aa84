import Testing
@testable import GroundworkStore

/// `--from` and `--to` words against a fixed clock: Wednesday 2026-03-11, 15:30 UTC.
@Suite struct DateRangeTests {
    static let now = Timestamp(parsing: "2026-03-11T15:30:00Z") ?? Timestamp(millisecondsSince1970: 0)

    @Test(arguments: [
        ("today", "2026-03-11", "2026-03-12"),
        ("Today", "2026-03-11", "2026-03-12"),
        ("  today ", "2026-03-11", "2026-03-12"),
        ("now", "2026-03-11", "2026-03-12"),
        ("yesterday", "2026-03-10", "2026-03-11"),
        ("this week", "2026-03-09", "2026-03-16"),
        ("last week", "2026-03-02", "2026-03-09"),
        ("Last  Week", "2026-03-02", "2026-03-09"),
        ("this month", "2026-03-01", "2026-04-01"),
        ("last month", "2026-02-01", "2026-03-01"),
        ("3 days ago", "2026-03-08", "2026-03-09"),
        ("1 day ago", "2026-03-10", "2026-03-11"),
        ("0 days ago", "2026-03-11", "2026-03-12"),
        ("2 weeks ago", "2026-02-25", "2026-02-26"),
        ("11 days ago", "2026-02-28", "2026-03-01"),
        ("2026-03-02", "2026-03-02", "2026-03-03"),
        ("2024-02-29", "2024-02-29", "2024-03-01"),
        ("2025-12-31", "2025-12-31", "2026-01-01"),
    ])
    func wordsNameWholeUTCDays(_ text: String, _ first: String, _ after: String) throws {
        let days = try #require(DayWords.days(of: text, now: Self.now))
        #expect(days.start.description == first + "T00:00:00.000Z")
        #expect(days.end.description == after + "T00:00:00.000Z")
    }

    @Test(arguments: ["lastweek", "last", "next week", "tomorrow", "3 days", "three days ago", "-3 days ago", "3 months ago",
                      "2026-02-30", "2026-13-01", "2026-3-2", "20260302", "2026-03-02T10:00:00Z", "", "   "])
    func otherTextNamesNoDay(_ text: String) {
        #expect(DayWords.days(of: text, now: Self.now) == nil)
    }

    @Test func mondayStartsTheWeekAtTheTurnOfAYear() throws {
        // Thursday 2026-01-01: this week began on Monday 2025-12-29.
        let newYear = try #require(Timestamp(parsing: "2026-01-01T00:00:00Z"))
        #expect(DayWords.days(of: "this week", now: newYear)?.start.description == "2025-12-29T00:00:00.000Z")
        #expect(DayWords.days(of: "last month", now: newYear)?.start.description == "2025-12-01T00:00:00.000Z")
    }

    @Test func fromAndToIncludeBothDays() throws {
        let range = try DateRange.between(from: "last week", to: "yesterday", now: Self.now)
        let inside = ["2026-03-02T00:00:00Z", "2026-03-08T23:59:59Z", "2026-03-10T23:59:59.999Z"]
        let outside = ["2026-03-01T23:59:59.999Z", "2026-03-11T00:00:00Z"]
        for time in inside { #expect(range.contains(try #require(Timestamp(parsing: time))), "\(time)") }
        for time in outside { #expect(!range.contains(try #require(Timestamp(parsing: time))), "\(time)") }
        #expect(DateRange().contains(Self.now))
    }

    @Test(arguments: [("--from", "lastweek"), ("--to", "soon")])
    func unreadableTextIsNamedWithItsOption(_ option: String, _ text: String) {
        #expect(throws: DateRange.Unreadable(option: option, text: text)) {
            try DateRange.between(from: option == "--from" ? text : nil, to: option == "--to" ? text : nil, now: Self.now)
        }
        let message = DateRange.Unreadable(option: option, text: text).description
        #expect(message.hasPrefix("'\(option) \(text)' is not a date; use YYYY-MM-DD, today, yesterday"))
    }
}
