/// A small chart of values in one line of block characters (▁▂▃▄▅▆▇█).
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One block per value on a fixed scale from `low` to `high` (values outside are clamped), so
    /// charts drawn at different times compare.
    public static func render(_ values: [Double], low: Double = 0, high: Double = 100) -> String {
        guard high > low else { return String(repeating: blocks[0], count: values.count) }
        return String(values.map { value -> Character in
            let clamped = min(max(value.isNaN ? low : value, low), high)
            let index = Int(((clamped - low) / (high - low) * Double(blocks.count - 1)).rounded())
            return blocks[min(max(index, 0), blocks.count - 1)]
        })
    }
}
