import GroundworkCore

/// What the coach follows up between sessions, derived from the person's own session headers
/// (there is no second store: `forget`, encryption and export cover it with the sessions).
///
/// A completed session's commitment is its intention when the flow recorded one, else its next
/// step. It is closed once a later session answered it "done", "partly" or "let it go", or "not yet"
/// twice; skipping leaves it open. The commitment offered to a new session is the newest open one
/// made on an earlier calendar day, at most `maxAgeDays` ago.
public enum FollowThrough {
    /// Commitments older than this many days are no longer asked about.
    public static let maxAgeDays = 30

    /// The commitment `header`'s session ended with (no age yet); nil unless it completed with one.
    public static func commitment(of header: SessionHeader) -> Commitment? {
        guard header.status == .completed else { return nil }
        let title = Headline.flowWords(title: header.flowTitle, id: header.flowID)
        if let intention = header.intention, !intention.isEmpty {
            return Commitment(sessionID: header.id, kind: .intention, text: intention, flowTitle: title, ageDays: 0)
        }
        guard let text = header.nextStepText, !text.isEmpty else { return nil }
        return Commitment(sessionID: header.id, kind: .nextStep, text: text, stepID: header.nextStepID, flowTitle: title, ageDays: 0)
    }

    /// The answers each commitment has had, by the id of the session that made it, oldest first.
    public static func answers(in headers: [SessionHeader]) -> [String: [FollowUpAnswer]] {
        var answers: [String: [FollowUpAnswer]] = [:]
        for header in headers.sorted(by: { $0.startedAt < $1.startedAt }) {
            guard let followUp = header.followUp, let answer = followUp.answer else { continue }
            answers[followUp.commitment.sessionID, default: []].append(answer)
        }
        return answers
    }

    /// Whether these answers close a commitment: any but "not yet", or "not yet" twice.
    public static func isClosed(_ answers: [FollowUpAnswer]) -> Bool {
        answers.contains(where: \.closes) || answers.filter { $0 == .notYet }.count >= 2
    }

    /// The newest open commitment made 1 to `maxAgeDays` calendar days ago, with its age;
    /// `ageInDays` gives the calendar days between a time and now (the caller's clock and time zone).
    public static func openCommitment(in headers: [SessionHeader], ageInDays: (Timestamp) -> Int) -> Commitment? {
        let answers = answers(in: headers)
        for header in headers.sorted(by: { ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }) {
            guard var commitment = commitment(of: header) else { continue }
            let age = ageInDays(header.updatedAt)
            guard age >= 1 else { continue }  // made today: it has had no time yet
            guard age <= maxAgeDays else { return nil }  // the rest are older still
            if isClosed(answers[header.id] ?? []) { continue }
            commitment.ageDays = age
            return commitment
        }
        return nil
    }

    /// The record of the answered follow-ups in `headers`, newest first, leaving room for one more.
    public static func record(in headers: [SessionHeader]) -> FollowThroughRecord {
        let answered = headers.sorted { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }.compactMap { $0.followUp?.answer }
        return FollowThroughRecord(earlier: answered)
    }

    /// `text` cut at a word to at most `limit` characters, with "…" when cut, for one-line reports.
    public static func short(_ text: String, limit: Int = 48) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingWhitespace()
        guard flat.count > limit else { return flat }
        var cut = String(flat.prefix(limit))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 { cut = String(cut[..<space]) }
        while let last = cut.last, ",.;:".contains(last) { cut.removeLast() }
        return cut + "…"
    }
}
