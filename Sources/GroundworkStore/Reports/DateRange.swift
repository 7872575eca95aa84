/// A span of UTC days for `--from` and `--to`: a date (`2026-03-02`) or words relative to now
/// ("today", "yesterday", "this week", "last week", "this month", "last month", "3 days ago",
/// "2 weeks ago"). Weeks start on Monday; every day is a UTC day, as reports show times in UTC.
///
/// Pure: the clock is handed in, so tests pin "today" down.
public struct DateRange: Sendable, Hashable {
    /// The first instant inside the range; nil: from the beginning.
    public var start: Timestamp?
    /// The first instant after the range; nil: to now and beyond.
    public var end: Timestamp?

    public init(start: Timestamp? = nil, end: Timestamp? = nil) {
        self.start = start
        self.end = end
    }

    /// Whether `time` falls inside the range.
    public func contains(_ time: Timestamp) -> Bool {
        if let start, time < start { return false }
        if let end, !(time < end) { return false }
        return true
    }

    /// The range `--from FROM --to TO` names: from the first day of FROM to the last day of TO,
    /// both included ("--from 'last week'" starts on last week's Monday, "--to 'last week'" ends
    /// with its Sunday). Throws the option and the text when either is not a date.
    public static func between(from: String?, to: String?, now: Timestamp) throws(DateRange.Unreadable) -> DateRange {
        var range = DateRange()
        if let from {
            guard let days = DayWords.days(of: from, now: now) else { throw Unreadable(option: "--from", text: from) }
            range.start = days.start
        }
        if let to {
            guard let days = DayWords.days(of: to, now: now) else { throw Unreadable(option: "--to", text: to) }
            range.end = days.end
        }
        return range
    }

    /// An option's text that names no day.
    public struct Unreadable: Error, Sendable, Hashable, CustomStringConvertible {
        public var option: String
        public var text: String

        /// One line naming the option and what it accepts.
        public var description: String {
            "'\(option) \(text)' is not a date; use YYYY-MM-DD, today, yesterday, this week, last week, this month, last month or N days ago"
        }
    }
}

/// Reading one day or span of days from a date or words.
public enum DayWords {
    static let dayMilliseconds: Int64 = 86_400_000

    /// The span of whole UTC days `text` names (start included, end excluded); nil when it names none.
    public static func days(of text: String, now: Timestamp) -> (start: Timestamp, end: Timestamp)? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let phrase = words.joined(separator: " ")
        let today = day(of: now)
        func span(_ first: Int64, _ count: Int64) -> (start: Timestamp, end: Timestamp) {
            (Timestamp(millisecondsSince1970: first * dayMilliseconds), Timestamp(millisecondsSince1970: (first + count) * dayMilliseconds))
        }
        // Monday of this week: 1970-01-01 was a Thursday (day 0), so Monday is 3 days after it.
        let weekday = ((today - 4) % 7 + 7) % 7
        let monday = today - weekday
        switch phrase {
        case "today", "now": return span(today, 1)
        case "yesterday": return span(today - 1, 1)
        case "this week": return span(monday, 7)
        case "last week": return span(monday - 7, 7)
        case "this month", "last month":
            let c = now.components
            let (year, month) = phrase == "this month" ? (c.year, c.month) : (c.month == 1 ? (c.year - 1, 12) : (c.year, c.month - 1))
            guard let first = dayNumber(year: year, month: month, day: 1) else { return nil }
            let (nextYear, nextMonth) = month == 12 ? (year + 1, 1) : (year, month + 1)
            guard let next = dayNumber(year: nextYear, month: nextMonth, day: 1) else { return nil }
            return span(first, next - first)
        default:
            break
        }
        if words.count == 3, words[2] == "ago", let count = Int(words[0]), count >= 0, count <= 100_000 {
            switch words[1] {
            case "day", "days": return span(today - Int64(count), 1)
            case "week", "weeks": return span(today - 7 * Int64(count), 1)
            default: return nil
            }
        }
        if words.count == 1, let date = Timestamp(parsing: words[0] + "T00:00:00Z"), words[0].utf8.count == 10 {
            // The parser accepts day 31 of any month; a date that does not exist is refused.
            let c = date.components
            guard words[0] == "\(pad4(c.year))-\(pad2(c.month))-\(pad2(c.day))" else { return nil }
            return span(day(of: date), 1)
        }
        return nil
    }

    /// Days since 1970-01-01 (UTC) of the day holding `time`.
    static func day(of time: Timestamp) -> Int64 {
        let ms = time.millisecondsSince1970
        return ms >= 0 ? ms / dayMilliseconds : (ms - dayMilliseconds + 1) / dayMilliseconds
    }

    /// Days since 1970-01-01 of a calendar date; nil when it is out of range.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int64? {
        guard (1...9999).contains(year) else { return nil }
        let text = "\(pad4(year))-\(pad2(month))-\(pad2(day))T00:00:00Z"
        return Timestamp(parsing: text).map { self.day(of: $0) }
    }

    private static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    private static func pad4(_ v: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
