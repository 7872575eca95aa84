import GroundworkCore

/// In-process cost of loading scripts: every bundled dialogue (what `lint` and `start` pay before
/// the first prompt) and the classifier's rule file, to explain the whole-process figures.
struct LoadBench {
    var folder: ScriptFolder
    var runs: Int

    func run() -> [Row] {
        var rows: [Row] = []
        let all = folder.scripts
        let (allTime, errors) = time(all)
        rows.append(Row(figure: "load + validate all \(all.count) scripts, \(folder.prompts.count) templates (in-process)",
                        value: Formatting.millis(allTime), target: "", verdict: .info))
        if folder.classifier != nil {
            rows.append(Row(figure: "  the same, classifier deferred to first use (as start does)",
                            value: Formatting.millis(time(all, deferringClassifier: true).median), target: "", verdict: .info))
        }
        let bytes = all.reduce(0) { $0 + $1.text.utf8.count } + folder.prompts.reduce(0) { $0 + $1.file.text.utf8.count }
        note("load: \(Formatting.grouped(Int64(bytes))) bytes of scripts and templates, \(errors.count) error(s)")
        for error in errors.prefix(3) { note("load: \(error)") }

        if let classifier = folder.classifier {
            var classifierTimes = Samples()
            var ruleCount = 0
            for pass in 0...runs {
                var diagnostics: [Diagnostic] = []
                let (loaded, elapsed) = MonotonicClock.measure { TaskClassifier.load(classifier, diagnostics: &diagnostics) }
                if pass > 0 { classifierTimes.append(elapsed) }
                ruleCount = loaded?.ruleCount ?? 0
            }
            rows.append(Row(figure: "load classifier rules, \(Formatting.grouped(Int64(classifier.text.utf8.count / 1024))) KB (in-process)",
                            value: Formatting.millis(classifierTimes.median()), target: "", verdict: .info))
            note("load: classifier \(ruleCount) rules")
        }
        return rows
    }

    /// Median time to load `scripts` with every template, and the errors of the last load.
    private func time(_ scripts: [SourceFile], deferringClassifier: Bool = false) -> (median: UInt64, errors: [String]) {
        var times = Samples()
        var errors: [String] = []
        for pass in 0...runs {
            let (result, elapsed) = MonotonicClock.measure { folder.load(scripts: scripts, deferringClassifier: deferringClassifier) }
            if pass > 0 { times.append(elapsed) }
            errors = result.errors
        }
        return (times.median(), errors)
    }
}
