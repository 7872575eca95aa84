import GroundworkCore

/// The one-line result of a session shown by `history`, in words: "exposure 62 (gradient 3)" for a
/// career check-in, the intention or next step for other completed flows, progress for unfinished
/// ones; led by the follow-up of an earlier commitment when the session answered one.
public enum Headline {
    public static func text(for header: SessionHeader) -> String {
        [followUp(header), result(header)].compactMap { $0 }.joined(separator: " · ")
    }

    /// "followed up “call my sister”: done"; nil unless the session answered a follow-up.
    public static func followUp(_ header: SessionHeader) -> String? {
        guard let followUp = header.followUp, let answer = followUp.answer else { return nil }
        return "followed up “\(FollowThrough.short(followUp.commitment.quoted, limit: 32))”: \(answer.rawValue)"
    }

    /// The session's own result, without the follow-up.

    public static func result(_ header: SessionHeader) -> String {
        if let exposure = header.scores["exposure.score"]?.number {
            var text = "exposure \(Value.number(exposure.rounded()).text)"
            switch header.scores["exposure.band"] {
            case .number(let band)?: text += " (gradient \(Value.number(band).text))"
            case .string(let band)? where !band.isEmpty: text += " (\(band))"
            default: break
            }
            return text
        }
        switch header.status {
        case .completed:
            if let intention = header.intention, !intention.isEmpty { return "intention: “\(FollowThrough.short(intention, limit: 40))”" }
            if let step = header.nextStepText, !step.isEmpty { return "next step: \(FollowThrough.short(step))" }
            if let step = header.nextStepID { return "next step: \(Headline.words(step))" }
            return "completed"
        case .active:
            return header.answerCount == 1 ? "in progress, 1 answer" : "in progress, \(header.answerCount) answers"
        case .abandoned:
            return "left after \(header.answerCount) answer\(header.answerCount == 1 ? "" : "s")"
        }
    }

    /// An id in words for reports, when its text is missing: "an-hour-of-presence" → "an hour of
    /// presence". Reports show what a person would say, never an internal id.
    public static func words(_ id: String) -> String {
        id.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).joined(separator: " ")
    }

    /// The flow's title, or its id in words with a capital when the file recorded none ("Career checkin").
    public static func flowWords(title: String, id: String) -> String {
        guard title.isEmpty else { return title }
        let words = Headline.words(id)
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
