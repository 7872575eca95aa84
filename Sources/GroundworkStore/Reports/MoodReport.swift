import GroundworkCore

/// `groundwork mood`: energy from the daily check-ins and mood marks from the journal, over time —
/// a sparkline for each and a bar per week, in block characters or, `plain`, in digits and `#`.
public enum MoodReport {
    /// One reading: when, and a value from 1 to 5.
    public struct Reading: Sendable, Hashable {
        public var time: Timestamp
        public var value: Double

        public init(time: Timestamp, value: Double) {
            self.time = time
            self.value = value
        }
    }

    /// Energy (daily check-ins) and mood (journal `mood: N` marks) from `records`, oldest first.
    public static func readings(_ records: [SessionRecord]) -> (energy: [Reading], mood: [Reading]) {
        var energy: [Reading] = [], mood: [Reading] = []
        for record in records.sorted(by: { $0.startedAt < $1.startedAt }) where record.status != .abandoned {
            if record.flowID == "daily-checkin", let value = record.state.variables["energy"]?.number {
                energy.append(Reading(time: record.startedAt, value: value))
            }
            for entry in record.state.answers.compactMap(JournalEntry.init(answer:)) {
                if let value = entry.mood { mood.append(Reading(time: record.startedAt, value: Double(value))) }
            }
        }
        return (energy, mood)
    }

    /// The view: a line per measure (chart, count, mean), then a bar per week (weeks from Monday, UTC).
    public static func text(energy: [Reading], mood: [Reading], plain: Bool = false) -> String {
        guard !energy.isEmpty || !mood.isEmpty else {
            return "No energy or mood yet: 'groundwork start daily-checkin' asks your energy; a journal line may carry 'mood: 3'.\n"
        }
        var out = "Energy and mood, oldest first (1 = low … 5 = high)\n"
        for (name, readings, source) in [("energy", energy, "check-in"), ("mood  ", mood, "journal mood")] where !readings.isEmpty {
            let values = readings.map(\.value)
            let chart = plain ? values.map { Value.number($0).text }.joined(separator: " ") : Sparkline.render(values, low: 1, high: 5)
            out += "  \(name)  \(chart)  (\(readings.count) \(source)\(readings.count == 1 ? "" : "s"), mean \(mean(values)))\n"
        }
        out += "\nBy week\n"
        let weeks = Set((energy + mood).map { weekStart($0.time) }).sorted()
        for week in weeks {
            var line = "  week of \(week)"
            for (name, readings) in [("energy", energy), ("mood", mood)] {
                let values = readings.filter { weekStart($0.time) == week }.map(\.value)
                guard !values.isEmpty else { continue }
                let filled = Int((values.reduce(0, +) / Double(values.count)).rounded())
                let bar = plain ? String(repeating: "#", count: filled) + String(repeating: ".", count: 5 - filled)
                                : String(repeating: "█", count: filled) + String(repeating: "░", count: 5 - filled)
                line += "   \(name) \(bar) \(mean(values))"
            }
            out += line + "\n"
        }
        return out
    }

    static func mean(_ values: [Double]) -> String {
        Value.number((values.reduce(0, +) / Double(max(values.count, 1)) * 10).rounded() / 10).text
    }

    /// The Monday (UTC) of the week `time` falls in, as YYYY-MM-DD.
    static func weekStart(_ time: Timestamp) -> String {
        let day = time.millisecondsSince1970 / 86_400_000
        // 1970-01-01 was a Thursday: (day + 3) % 7 is the days since Monday.
        let monday = day - (day + 3) % 7
        return Timestamp(millisecondsSince1970: monday * 86_400_000).shortUTC.prefix(10).description
    }
}
