/// The trend line of the career summary, built by the caller from earlier check-ins' scores.
///
/// The command line reads `exposure.score` from the person's completed career check-ins (oldest
/// first) and starts the flow with `variables: ["trend": .string(ExposureTrend.text(earlier:))]`;
/// the summary then shows "Your earlier check-ins: ▂▄▆ (30, 45, 60); today: 52."
public enum ExposureTrend {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A sparkline on the fixed 0–100 scale (so a flat line at 80 looks high), one block per score.
    public static func sparkline(_ scores: [Double]) -> String {
        String(scores.map { score in
            let clamped = min(100, max(0, score.isFinite ? score : 0))
            return blocks[min(blocks.count - 1, Int(clamped / 100 * Double(blocks.count - 1) + 0.5))]
        })
    }

    /// "▂▄▆ (30, 45, 60)" for the last `limit` earlier scores; empty when there are none.
    public static func text(earlier scores: [Double], limit: Int = 12) -> String {
        let recent = Array(scores.suffix(max(0, limit)))
        guard !recent.isEmpty else { return "" }
        return sparkline(recent) + " (" + recent.map { Value.number($0.rounded()).text }.joined(separator: ", ") + ")"
    }
}
