import GroundworkCore

/// `groundwork history`: sessions newest first with their headline, and the exposure trend.
public enum HistoryReport {
    /// One point of the exposure trend.
    public struct Point: Sendable, Hashable {
        public var date: Timestamp
        public var score: Double
        public var sessionID: String
    }

    /// Completed sessions that carry an `exposure.score`, oldest first.
    public static func exposureTrend(_ headers: [SessionHeader]) -> [Point] {
        headers.compactMap { header -> Point? in
            guard header.status == .completed, let score = header.scores["exposure.score"]?.number else { return nil }
            return Point(date: header.startedAt, score: score, sessionID: header.id)
        }
        .sorted { $0.date < $1.date }
    }

    /// What a journal session's entries carry: their `#tags` and moods (1–5).
    public struct JournalNote: Sendable, Hashable {
        public var entries: Int
        public var tags: [String]
        public var moods: [Int]

        /// Reads the entries of `record` (free-text answers).
        public init(_ record: SessionRecord) {
            let written = record.answers.compactMap(JournalEntry.init(answer:))
            entries = written.count
            var seen: Set<String> = []
            tags = written.flatMap(\.tags).filter { seen.insert($0.lowercased()).inserted }
            moods = written.compactMap(\.mood)
        }

        /// "3 entries · #work #sleep · mood 2–4"
        public var text: String {
            var parts = [entries == 1 ? "1 entry" : "\(entries) entries"]
            if !tags.isEmpty { parts.append(tags.map { "#" + $0 }.joined(separator: " ")) }
            if let low = moods.min(), let high = moods.max() {
                parts.append(low == high ? "mood \(low)" : "mood \(low)–\(high)")
            }
            return parts.joined(separator: " · ")
        }
    }

    /// A table of sessions (in the order given) and, with two check-ins or more, a sparkline.
    /// `journals` adds entries, tags and moods to the result of the sessions it names (by id).
    public static func text(_ headers: [SessionHeader], journals: [String: JournalNote] = [:]) -> String {
        if headers.isEmpty { return "No sessions yet. 'groundwork start' begins one.\n" }
        let rows = headers.map { header -> [String] in
            var result = Headline.text(for: header)
            if let note = journals[header.id] {
                let followUp = Headline.followUp(header).map { $0 + " · " } ?? ""
                result = followUp + note.text + (header.status == .completed ? "" : " (\(Headline.result(header)))")
            }
            return [header.startedAt.shortUTC, header.id, Headline.flowWords(title: header.flowTitle, id: header.flowID),
                    header.status.rawValue, result]
        }
        let titles = ["DATE (UTC)", "SESSION", "FLOW", "STATUS", "RESULT"]
        var widths = titles.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }
        var out = line(titles) + "\n"
        for row in rows { out += line(row) + "\n" }
        let trend = exposureTrend(headers)
        if !trend.isEmpty {
            let values = trend.map { Value.number($0.score.rounded()).text }
            out += "\nExposure across career check-ins, oldest first (0–100):\n"
            out += "  " + Sparkline.render(trend.map(\.score)) + "  " + values.joined(separator: " → ") + "\n"
        }
        return out
    }

    /// The same as JSON: sessions with their scores nested, the trend, and unreadable files.
    public static func json(_ headers: [SessionHeader], unreadable: [UnreadableFile],
                            journals: [String: JournalNote] = [:]) -> String {
        let sessions = headers.map { header -> JSONTree in
            var pairs: [(String, JSONTree)] = [
                ("id", .string(header.id)),
                ("date", .string(header.startedAt.description)),
                ("updated", .string(header.updatedAt.description)),
                ("flow", .string(header.flowID)),
                ("title", .string(header.flowTitle)),
                ("status", .string(header.status.rawValue)),
                ("headline", .string(Headline.text(for: header))),
                ("answers", .number(Double(header.answerCount))),
                ("file", .string(header.fileName)),
            ]
            if !header.scores.isEmpty { pairs.append(("scores", .object(JSONTree.nesting(header.scores)))) }
            if let note = journals[header.id] {
                pairs.append(("journal", .object([("entries", .number(Double(note.entries))),
                                                  ("tags", .array(note.tags.map(JSONTree.string))),
                                                  ("moods", .array(note.moods.map { .number(Double($0)) }))])))
            }
            if let intention = header.intention { pairs.append(("intention", .string(intention))) }
            if let followUp = header.followUp { pairs.append(("followUp", SummaryReport.followUpTree(followUp))) }
            if let step = header.nextStepID {
                pairs.append(("nextStep", .object([("id", .string(step)), ("text", header.nextStepText.map(JSONTree.string) ?? .null)])))
            }
            return .object(pairs)
        }
        let trend = exposureTrend(headers).map {
            JSONTree.object([("date", .string($0.date.description)), ("session", .string($0.sessionID)), ("score", .number($0.score))])
        }
        let bad = unreadable.map { JSONTree.object([("path", .string($0.path)), ("reason", .string($0.reason))]) }
        return JSONTree.object([("sessions", .array(sessions)), ("exposureTrend", .array(trend)), ("unreadable", .array(bad))])
            .rendered() + "\n"
    }
}
