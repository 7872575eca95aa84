import Foundation
import GroundworkCore

/// `groundwork export`: all of a user's sessions, oldest first, as Markdown or JSON.
public enum ExportReport {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable { case md, json }

    private struct Document: Encodable {
        var user: String
        var exportedAt: Timestamp
        var sessions: [SessionRecord]
    }

    public static func render(_ records: [SessionRecord], user: String, format: Format, now: Timestamp = .now()) throws(StoreError) -> String {
        switch format {
        // The person's text is kept, with control characters escaped for the format.
        case .md: return ReportEscaping.markdown(markdown(records, user: user, now: now))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            do {
                let data = try encoder.encode(Document(user: user, exportedAt: now, sessions: records))
                return ReportEscaping.json(String(decoding: data, as: UTF8.self)) + "\n"
            } catch {
                throw .encodingFailed(String(describing: error))
            }
        }
    }

    static func markdown(_ records: [SessionRecord], user: String, now: Timestamp) -> String {
        var out = "# Groundwork sessions of \(user)\n\n"
        out += "Exported \(now.shortUTC) UTC · \(records.count) session\(records.count == 1 ? "" : "s")\n"
        for record in records {
            out += "\n## \(SummaryReport.title(record)) — \(record.startedAt.shortUTC) UTC (\(record.status.rawValue))\n\n"
            out += "Session \(record.id) · flow \(record.flowID)\n\n"
            if !record.transcript.isEmpty {
                out += "### Conversation\n\n"
                for entry in record.transcript {
                    let who = entry.speaker == .coach ? "Coach" : "You"
                    let body = entry.text.trimmingTrailingNewlines().replacingOccurrences(of: "\n", with: "  \n")
                    out += "**\(who):** \(body)\n\n"
                }
            }
            if let summary = record.summary {
                out += "### Summary\n\n"
                if !summary.text.isEmpty { out += summary.text.trimmingTrailingNewlines() + "\n\n" }
                if let step = summary.nextStepText ?? summary.nextStepID.map(Headline.words) { out += "**Next step:** \(step)\n\n" }
            }
            if !record.safetyEvents.isEmpty {
                out += "*The safety net was shown \(record.safetyEvents.count) time\(record.safetyEvents.count == 1 ? "" : "s") in this session.*\n\n"
            }
        }
        return out
    }
}
