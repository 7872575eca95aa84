import GroundworkCore

/// The safety net's cost per line with the bundled lexicons: every line of the safety corpus and
/// of a generated journal, each timed alone; the p99 is reported against its 20 µs budget.
struct SafetyBench {
    var folder: ScriptFolder
    var corpus: [String]
    var lineCount = 20_000
    var seed: UInt64 = 2026

    static let budget: UInt64 = 20_000

    func run() -> [Row] {
        let figure = "safety net: p99 per line"
        let (loaded, errors) = folder.load(scripts: folder.scripts.filter { $0.path.hasSuffix("/rules/safety.yaml") })
        guard let net = loaded.safetyNet else {
            return [.skipped(figure, because: "no safety net loaded: \(errors.first ?? "rules/safety.yaml missing")", target: "< 20 µs")]
        }
        let lines = corpus + JournalCorpus.lines(count: lineCount, seed: seed, rareWords: [])
        var samples: [UInt64] = []
        samples.reserveCapacity(lines.count * 3)
        var fired = 0
        for _ in 0..<3 {
            for line in lines {
                let (found, time) = MonotonicClock.measure { net.assess(line) }
                if found.tier != .none { fired += 1 }
                samples.append(time)
            }
        }
        samples.sort()
        let p50 = samples[samples.count / 2]
        let p99 = samples[min(samples.count - 1, samples.count * 99 / 100)]
        note("safety net: \(lines.count) lines × 3 (\(corpus.count) from the corpus), p50 \(Formatting.micros(p50)), "
            + "p99 \(Formatting.micros(p99)), max \(Formatting.micros(samples.last ?? 0)), \(fired / 3) lines fired")
        return [Row(figure: figure, value: Formatting.micros(p99), target: "< 20 µs", verdict: p99 < Self.budget ? .met : .missed),
                Row(figure: "safety net: p50 per line", value: Formatting.micros(p50), target: "", verdict: .info)]
    }
}
