import GroundworkCore

/// The one-line result of a session shown by `history`: "exposure 62 (gradient 3)" for a career
/// check-in, the next step for other completed flows, progress for unfinished ones.
public enum Headline {
    public static func text(for header: SessionHeader) -> String {
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
            if let step = header.nextStepID { return "next step: \(step)" }
            return "completed"
        case .active:
            return header.answerCount == 1 ? "in progress, 1 answer" : "in progress, \(header.answerCount) answers"
        case .abandoned:
            return "left after \(header.answerCount) answer\(header.answerCount == 1 ? "" : "s")"
        }
    }
}
