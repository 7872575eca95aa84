import GroundworkCore

/// `groundwork summary`: one session's result as text, Markdown or JSON.
public enum SummaryReport {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable { case text, md, json }

    /// Keys of the JSON report that scores must not replace.
    static let reservedKeys: Set<String> = ["flow", "title", "session", "date", "status", "nextStep", "summary", "previous",
                                            "intention", "followUp"]

    public static func render(_ record: SessionRecord, previous: SessionRecord? = nil, format: Format) -> String {
        switch format {
        case .text: return text(record, previous: previous)
        case .md: return ReportEscaping.markdown(markdown(record, previous: previous))
        case .json: return json(record, previous: previous)
        }
    }

    static func title(_ record: SessionRecord) -> String {
        Headline.flowWords(title: record.flowTitle, id: record.flowID)
    }

    /// "Last time (2026-08-01 10:00 UTC): exposure 55 (gradient 2)."
    static func comparison(_ record: SessionRecord, previous: SessionRecord?) -> String? {
        guard let previous else { return nil }
        let then = Headline.result(SessionHeader(record: previous, fileName: ""))
        var line = "Last time (\(previous.startedAt.shortUTC) UTC): \(then)."
        if let now = record.scores["exposure.score"]?.number, let before = previous.scores["exposure.score"]?.number {
            let change = (now - before).rounded()
            if change > 0 { line += " Exposure is up \(Value.number(change).text)." }
            else if change < 0 { line += " Exposure is down \(Value.number(-change).text)." }
            else { line += " Exposure is unchanged." }
        }
        return line
    }

    static func text(_ record: SessionRecord, previous: SessionRecord?) -> String {
        var out = "\(title(record)) — \(record.startedAt.shortUTC) UTC (\(record.status.rawValue))\n\n"
        guard let summary = record.summary else {
            out += unfinished(record)
            return out
        }
        if !summary.text.isEmpty { out += summary.text.trimmingTrailingNewlines() + "\n\n" }
        if let comparison = comparison(record, previous: previous) { out += comparison + "\n\n" }
        if let step = summary.nextStepText ?? summary.nextStepID.map(Headline.words) { out += "Next step: \(step)\n" }
        return out
    }

    static func markdown(_ record: SessionRecord, previous: SessionRecord?) -> String {
        var out = "# \(title(record))\n\n*\(record.startedAt.shortUTC) UTC · \(record.status.rawValue) · session \(record.id)*\n\n"
        guard let summary = record.summary else {
            out += unfinished(record)
            return out
        }
        if !summary.text.isEmpty { out += summary.text.trimmingTrailingNewlines() + "\n\n" }
        if let comparison = comparison(record, previous: previous) { out += comparison + "\n\n" }
        if !summary.scores.isEmpty {
            out += "## Scores\n\n"
            for (name, value) in summary.scores.sorted(by: { $0.key < $1.key }) { out += "- \(name): \(value.text)\n" }
            out += "\n"
        }
        if let step = summary.nextStepText ?? summary.nextStepID.map(Headline.words) {
            out += "## Next step\n\n\(step)\n"
        }
        return out
    }

    /// Every score (dotted names nested), plus `flow`, `date`, `status`, `nextStep`, the summary text,
    /// and the previous check-in's scores when given.
    static func json(_ record: SessionRecord, previous: SessionRecord?) -> String {
        var pairs: [(String, JSONTree)] = [
            ("flow", .string(record.flowID)),
            ("title", .string(record.flowTitle)),
            ("session", .string(record.id)),
            ("date", .string(record.startedAt.description)),
            ("status", .string(record.status.rawValue)),
        ]
        for (key, value) in JSONTree.nesting(record.scores) {
            pairs.append((reservedKeys.contains(key) ? "score." + key : key, value))
        }
        let summary = record.summary
        if let id = summary?.nextStepID {
            pairs.append(("nextStep", .object([("id", .string(id)), ("text", summary?.nextStepText.map(JSONTree.string) ?? .null)])))
        } else {
            pairs.append(("nextStep", .null))
        }
        pairs.append(("summary", summary.map { .string($0.text) } ?? .null))
        if let intention = summary?.intention { pairs.append(("intention", .string(intention))) }
        if let followUp = record.state.followUp { pairs.append(("followUp", followUpTree(followUp))) }
        if let previous {
            pairs.append(("previous", .object([("session", .string(previous.id)), ("date", .string(previous.startedAt.description)),
                                                ("scores", .object(JSONTree.nesting(previous.scores)))])))
        }
        return JSONTree.object(pairs).rendered() + "\n"
    }

    /// `{"session", "kind", "text", "answer"}`: the commitment followed up and how it went (null when skipped).
    static func followUpTree(_ followUp: FollowUp) -> JSONTree {
        .object([("session", .string(followUp.commitment.sessionID)), ("kind", .string(followUp.commitment.kind.rawValue)),
                 ("text", .string(followUp.commitment.text)), ("answer", followUp.answer.map { .string($0.rawValue) } ?? .null)])
    }

    static func unfinished(_ record: SessionRecord) -> String {
        var out = "Not finished"
        if let node = record.currentNode { out += " (waiting at '\(node)')" }
        out += "; 'groundwork resume' continues it.\n"
        if !record.answers.isEmpty {
            out += "\nAnswers so far:\n"
            for answer in record.answers { out += "- \(answer.question): \(answer.raw)\n" }
        }
        return out
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" || s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
