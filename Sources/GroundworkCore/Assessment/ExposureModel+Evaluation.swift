extension ExposureModel {
    /// Scores a person's week.
    ///
    /// - Parameters:
    ///   - tasks: the tasks with their shares (any non-negative amounts; normalised here) and labels.
    ///   - factors: answers to the role questions, by variable name; rules read them by name.
    ///   - years: years in the role (nil when not answered).
    public func evaluate(tasks: [ExposureTask], factors: [String: Value], years: Double?) -> ExposureResult {
        // Shares: negative amounts count as nothing; all-zero shares count every task equally.
        let amounts = tasks.map { max(0, $0.share.isFinite ? $0.share : 0) }
        let total = amounts.reduce(0, +)
        let weights: [Double]
        if total > 0 {
            weights = amounts.map { $0 / total }
        } else {
            weights = tasks.map { _ in 1 / Double(tasks.count) }
        }
        let normalised = !tasks.isEmpty && abs(total - 100) > 0.5
        let shareNote = normalised ? shareNote.replacing("{total}", with: Value.number(total).text) : ""

        let scored = zip(tasks, weights).map {
            ExposureResult.ScoredTask(name: $0.name, label: $0.label.lowercased(), weight: $1)
        }
        // A label missing from the table counts as no exposure; the loader makes sure e0–e2 exist.
        let none = LabelWeights(alpha: 0, beta: 0, zeta: 0, gradient: 0, plain: "", reason: "")
        func weightsOf(_ t: ExposureResult.ScoredTask) -> LabelWeights { labels[t.label] ?? none }

        let alpha = scored.reduce(0) { $0 + $1.weight * weightsOf($1).alpha }
        let beta = scored.reduce(0) { $0 + $1.weight * weightsOf($1).beta }
        let zeta = scored.reduce(0) { $0 + $1.weight * weightsOf($1).zeta }
        // Time-weighted, like the score: the person's week, not a count of task names, decides.
        let mean = scored.reduce(0) { $0 + $1.weight * weightsOf($1).gradient }
        var variance = 0.0
        for task in scored {
            let d = weightsOf(task).gradient - mean
            variance += task.weight * d * d
        }
        let sd = variance > 0 ? variance.squareRoot() : 0
        let score = Int((Self.stable(scoreScale * beta)).rounded())

        // Rules see measures cleaned of floating-point noise, so 0.4 computed as 0.39999… is 0.4.
        var outputs: [String: Value] = [
            "exposure.alpha": .number(Self.stable(alpha)),
            "exposure.beta": .number(Self.stable(beta)),
            "exposure.zeta": .number(Self.stable(zeta)),
            "exposure.mean": .number(Self.stable(mean)),
            "exposure.sd": .number(Self.stable(sd)),
            "exposure.mean_plus_sd": .number(Self.stable(mean + sd)),
            "exposure.mean_minus_sd": .number(Self.stable(mean - sd)),
            "exposure.score": .number(Double(score)),
            "tasks.count": .number(Double(tasks.count)),
        ]
        for (label, _) in labels {
            let share = scored.filter { $0.label == label }.reduce(0) { $0 + $1.weight }
            outputs["tasks.share_\(label)"] = .number(Self.stable(share))
        }
        if let years { outputs["years"] = .number(years) }
        let lookup: (String) -> Value = { outputs[$0] ?? factors[$0] ?? .null }

        let band = bands.first { $0.condition?.holds(lookup) ?? true }
            ?? Rule(name: "unbanded", condition: nil, text: "", reason: "")
        let wide = Self.stable(sd) >= spread.wideAt

        var contributions: [(index: Int, task: ExposureResult.ScoredTask, part: Double)] = []
        for (index, task) in scored.enumerated() {
            let part = task.weight * weightsOf(task).beta
            if part > 0 { contributions.append((index, task, part)) }
        }
        contributions.sort { $0.part != $1.part ? $0.part > $1.part : $0.index < $1.index }
        let exposed = contributions.prefix(max(0, driverTaskCount))
        let flaggedFactors = driverFactors.filter { $0.condition?.holds(lookup) ?? false }
        let taskDrivers = exposed.map { "\($0.task.name): \(ExposureResult.percent($0.task.weight).text)% of your week; \(weightsOf($0.task).plain)" }

        let groundProfile = ground.map { g -> ExposureResult.Ground in
            let raw = factors[g.factor] ?? .null
            let value = raw.number ?? (raw == .bool(true) ? g.heldAt : 0)
            return ExposureResult.Ground(name: g.name, value: value, held: value >= g.heldAt, text: g.text)
        }

        return ExposureResult(
            tasks: scored, shareTotal: total, normalised: normalised, shareNote: shareNote,
            alpha: alpha, beta: beta, zeta: zeta, mean: mean, sd: sd, score: score,
            band: band, spreadIsWide: wide, spreadNote: wide ? spread.wide : spread.narrow,
            drivers: taskDrivers + flaggedFactors.map(\.text),
            driverTasks: exposed.map(\.task.name), driverFactors: flaggedFactors.map(\.name),
            pressures: pressures.filter { $0.condition?.holds(lookup) ?? false },
            ground: groundProfile,
            taskLines: scored.map { Self.bar($0, plain: weightsOf($0).plain) })
    }

    /// Reads the tasks, years and factors from a session's variables (names from `inputs`).
    public func evaluate(variables: [String: Value]) -> ExposureResult {
        let names = variables[inputs.taskNames]?.list ?? []
        let shares = variables[inputs.taskShares]?.list ?? []
        let labels = variables[inputs.taskLabels]?.list ?? []
        var tasks: [ExposureTask] = []
        for (i, name) in names.enumerated() {
            let share = i < shares.count ? (shares[i].number ?? 0) : 0
            let label = i < labels.count ? (labels[i].string ?? "e0") : "e0"
            tasks.append(ExposureTask(name: name.text, share: share, label: label))
        }
        return evaluate(tasks: tasks, factors: variables, years: variables[inputs.years]?.number)
    }

    /// The band for a given mean and spread of task scores (the band rules read only these).
    func band(mean: Double, sd: Double) -> Rule {
        let values: [String: Value] = [
            "exposure.mean": .number(Self.stable(mean)), "exposure.sd": .number(Self.stable(sd)),
            "exposure.mean_plus_sd": .number(Self.stable(mean + sd)),
            "exposure.mean_minus_sd": .number(Self.stable(mean - sd)),
        ]
        return bands.first { $0.condition?.holds { values[$0] ?? .null } ?? true }
            ?? Rule(name: "unbanded", condition: nil, text: "", reason: "")
    }

    /// Removes floating-point noise below a billionth.
    static func stable(_ x: Double) -> Double { (x * 1e9).rounded() / 1e9 }

    /// A 20-cell bar of the task's share with its percentage, name and plain label.
    static func bar(_ task: ExposureResult.ScoredTask, plain: String) -> String {
        let cells = 20
        let filled = min(cells, max(0, Int((task.weight * Double(cells)).rounded())))
        let pct = ExposureResult.percent(task.weight).text
        let padded = String(repeating: " ", count: max(0, 3 - pct.count)) + pct
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
        return plain.isEmpty ? "\(bar) \(padded)%  \(task.name)" : "\(bar) \(padded)%  \(task.name): \(plain)"
    }
}
