/// Measurements (nanoseconds or any count), summarised by nearest-rank percentiles.
struct Samples {
    private(set) var values: [UInt64] = []
    private var sorted = true

    var count: Int { values.count }

    mutating func append(_ value: UInt64) {
        if let last = values.last, value < last { sorted = false }
        values.append(value)
    }

    /// The nearest-rank percentile `p` (0...100); 0 when empty.
    mutating func percentile(_ p: Double) -> UInt64 {
        guard !values.isEmpty else { return 0 }
        if !sorted {
            values.sort()
            sorted = true
        }
        let rank = Int((p / 100 * Double(values.count)).rounded(.up))
        return values[min(max(rank, 1), values.count) - 1]
    }

    /// The median (50th percentile).
    mutating func median() -> UInt64 { percentile(50) }
}

/// The median of a few doubles (per-run rates), averaging the middle pair.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
