import GroundworkCore

/// What the person's last seven days held, for the weekly review to draw on: read from their own
/// sessions (nothing is kept beside them), handed to the flow as start variables.
public enum WeekInReview {
    /// The days a week looks back over.
    public static let days = 7

    /// `week.line` (one sentence, empty when the week holds no session), `week.checkins` (daily
    /// check-ins completed) and `week.sessions`, from `records` (the last seven days' sessions).
    /// `themeNames` are the listening rules' groups and feelings; any other theme is a person
    /// named ("dad"), said as "your dad".
    public static func variables(records: [SessionRecord], themeNames: Set<String>) -> [String: Value] {
        let sessions = records.filter { $0.status != .abandoned }
        let checkIns = sessions.filter { $0.flowID == "daily-checkin" && $0.status == .completed }
        let energies = checkIns.compactMap { $0.state.variables["energy"]?.number }
        var counts: [String: Int] = [:]
        var order: [String] = []
        for record in sessions.sorted(by: { $0.startedAt < $1.startedAt }) {
            for case .string(let theme) in record.state.variables["reflect.themes"]?.list ?? [] {
                if counts[theme] == nil { order.append(theme) }
                counts[theme, default: 0] += 1
            }
        }
        let recurring = order.filter { (counts[$0] ?? 0) >= 2 }
            .sorted { (counts[$0] ?? 0) > (counts[$1] ?? 0) }.prefix(3)
        var parts: [String] = []
        if !checkIns.isEmpty {
            var part = "\(checkIns.count) check-in\(checkIns.count == 1 ? "" : "s")"
            if !energies.isEmpty {
                let mean = energies.reduce(0, +) / Double(energies.count)
                part += ", energy \(Value.number((mean * 10).rounded() / 10).text) of 5 on average"
            }
            parts.append(part)
        }
        if !recurring.isEmpty {
            let named = recurring.map { theme in
                "\(themeNames.contains(theme) ? theme : "your " + theme) (\(counts[theme] ?? 0) times)"
            }
            parts.append("you came back to " + Self.list(named))
        }
        let line = parts.isEmpty ? "" : "This week: " + parts.joined(separator: "; ") + "."
        return ["week.line": .string(line), "week.checkins": .number(Double(checkIns.count)),
                "week.sessions": .number(Double(sessions.count))]
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}
