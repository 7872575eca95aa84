import GroundworkCore

/// Replies per second of the listening rule set over generated journal lines, with the real rule
/// set grown to 40, 400 and 4,000 keywords by generated keywords that rarely match.
struct ReflectionBench {
    var folder: ScriptFolder
    /// Timed passes over all lines per rule set (after one warm-up pass); the median is reported.
    var runs: Int
    var lineCount = 20_000
    var sizes = [40, 400, 4_000]
    var seed: UInt64 = 2026

    static let target = 200_000.0
    static let maxSlowdown = 1.5

    func run() -> [Row] {
        let figure = "reflection: replies/s, \(sizes[0]) keywords"
        guard let source = folder.script(withID: "listening") else {
            return [.skipped(figure, because: "no rule set 'listening' in the dialogues", target: "≥ 200,000/s")]
        }
        let (real, errors) = folder.load(scripts: [source])
        guard real.ruleSets["listening"] != nil else {
            return [.skipped(figure, because: "'listening' did not load: \(errors.first ?? "no rule set registered")", target: "≥ 200,000/s")]
        }
        guard let realCount = JournalCorpus.keywordCount(source.text) else {
            return [.skipped(figure, because: "\(source.path) has no block-style 'keywords:' list", target: "≥ 200,000/s")]
        }
        let words = JournalCorpus.words(count: max(0, sizes.max() ?? 0) - min(realCount, sizes.max() ?? 0),
                                        seed: seed, avoiding: JournalCorpus.vocabulary(of: source.text))
        let lines = JournalCorpus.lines(count: lineCount, seed: seed, rareWords: words)

        var rows: [Row] = []
        var rates: [Int: Double] = [:]
        for size in sizes {
            let extra = max(0, size - realCount)
            guard let text = JournalCorpus.ruleSet(source.text, adding: Array(words.prefix(extra))) else {
                rows.append(.skipped("reflection: \(size) keywords", because: "\(source.path) has no block-style 'keywords:' list"))
                continue
            }
            let file = SourceFile(path: source.path, text: text)
            let (loaded, loadTime) = MonotonicClock.measure { folder.load(scripts: [file]) }
            guard let ruleSet = loaded.library.ruleSets["listening"] else {
                rows.append(.skipped("reflection: \(size) keywords", because: "generated rule set did not load: \(loaded.errors.first ?? "?")"))
                continue
            }
            let (rate, checksum, fallbacks) = measure(ruleSet, lines: lines)
            rates[size] = rate
            let keywords = realCount + extra
            note("reflection: \(keywords) keywords (\(realCount) real): \(Formatting.fixed(rate, 0)) replies/s, "
                + "\(fallbacks) of \(lines.count) fallback replies, checksum \(checksum), loaded in \(Formatting.millis(loadTime))")
            let label = "reflection: replies/s, \(Formatting.grouped(Int64(keywords))) keywords"
            if size == sizes[0] {
                rows.append(Row(figure: label, value: Formatting.fixed(rate, 0), target: "≥ 200,000/s",
                                verdict: rate >= Self.target ? .met : .missed))
            } else if let base = rates[sizes[0]] {
                let slowdown = base / rate
                let isLargest = size == sizes.last
                rows.append(Row(figure: label, value: "\(Formatting.fixed(rate, 0)) (\(Formatting.fixed(slowdown, 2))× slower)",
                                target: isLargest ? "≤ 1.5× slower than \(max(sizes[0], realCount))" : "",
                                verdict: isLargest ? (slowdown <= Self.maxSlowdown ? .met : .missed) : .info))
            } else {
                rows.append(Row(figure: label, value: Formatting.fixed(rate, 0), target: "", verdict: .info))
            }
        }
        return rows
    }

    /// Median replies per second over `runs` passes, each with fresh memory, plus a checksum of the
    /// replies (so the work cannot be optimised away, and runs can be compared) and the fallback count.
    private func measure(_ ruleSet: RuleSet, lines: [String]) -> (rate: Double, checksum: Int, fallbacks: Int) {
        var rates: [Double] = []
        var checksum = 0
        var fallbacks = 0
        for pass in 0...runs {
            var memory = ListenerMemory()
            var sum = 0
            var fallbackCount = 0
            let start = MonotonicClock.now()
            for line in lines {
                let reply = ruleSet.respond(to: line, memory: &memory)
                sum &+= reply.text.utf8.count
                if reply.isFallback { fallbackCount += 1 }
            }
            let elapsed = MonotonicClock.now() - start
            if pass > 0 { rates.append(Double(lines.count) / (Double(elapsed) / 1e9)) }
            checksum = sum
            fallbacks = fallbackCount
        }
        return (median(rates), checksum, fallbacks)
    }
}
