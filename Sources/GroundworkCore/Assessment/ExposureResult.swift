/// The outcome of `ExposureModel.evaluate`: measures, band, drivers, pressures and ground, plus the
/// flow variables and summary scores built from them.
public struct ExposureResult: Sendable, Hashable {
    /// One task after normalisation.
    public struct ScoredTask: Sendable, Hashable {
        public var name: String
        public var label: String
        /// Fraction of the week, 0…1; the weights of all tasks add up to 1.
        public var weight: Double
    }

    /// One dimension of the ground profile.
    public struct Ground: Sendable, Hashable {
        public var name: String
        public var value: Double
        public var held: Bool
        public var text: String
    }

    public var tasks: [ScoredTask]
    /// The sum of the shares as given.
    public var shareTotal: Double
    /// True when the shares did not add up to 100 and were scaled.
    public var normalised: Bool
    /// Said about the shares when they were scaled; empty otherwise.
    public var shareNote: String
    /// Time-weighted share of E1 time (Eloundou et al.'s alpha for this person's week).
    public var alpha: Double
    /// E1 + 0.5·E2 time, the headline measure.
    public var beta: Double
    /// E1 + E2 time.
    public var zeta: Double
    /// Time-weighted mean of the task gradient scores (equal to beta with the bundled weights).
    public var mean: Double
    /// Time-weighted population standard deviation of the task gradient scores.
    public var sd: Double
    /// `round(scale × beta)`, 0…100 with the bundled scale.
    public var score: Int
    public var band: ExposureModel.Rule
    public var spreadIsWide: Bool
    public var spreadNote: String
    /// Plain lines naming what pushes the score: the largest exposed tasks, then flagged factors.
    public var drivers: [String]
    public var driverTasks: [String]
    public var driverFactors: [String]
    public var pressures: [ExposureModel.Rule]
    public var ground: [Ground]
    /// Per-task bars: share of the week and the label in plain words.
    public var taskLines: [String]
}

extension ExposureResult {
    /// Rounds a measure for showing and storing; the model's rules read unrounded values.
    static func shown(_ x: Double) -> Value { .number((x * 1000).rounded() / 1000) }

    /// The variables the flow sees after the model ran (dotted names).
    public var variables: [String: Value] {
        var v: [String: Value] = [
            "exposure.score": .number(Double(score)),
            "exposure.band": .string(band.name),
            "exposure.band_text": .string(band.text),
            "exposure.alpha": Self.shown(alpha),
            "exposure.beta": Self.shown(beta),
            "exposure.zeta": Self.shown(zeta),
            "exposure.mean": Self.shown(mean),
            "exposure.sd": Self.shown(sd),
            "exposure.mean_plus_sd": Self.shown(mean + sd),
            "exposure.mean_minus_sd": Self.shown(mean - sd),
            "exposure.spread_wide": .bool(spreadIsWide),
            "exposure.spread_note": .string(spreadNote),
            "exposure.share_total": .number(shareTotal),
            "exposure.normalised": .bool(normalised),
            "exposure.share_note": .string(shareNote),
            "exposure.drivers": .list(drivers.map(Value.string)),
            "exposure.driver_tasks": .list(driverTasks.map(Value.string)),
            "exposure.driver_factors": .list(driverFactors.map(Value.string)),
            "exposure.top_task": .string(driverTasks.first ?? ""),
            "tasks.count": .number(Double(tasks.count)),
            "tasks.name": .list(tasks.map { .string($0.name) }),
            "tasks.share": .list(tasks.map { Self.percent($0.weight) }),
            "tasks.label": .list(tasks.map { .string($0.label.uppercased()) }),
            "tasks.lines": .list(taskLines.map(Value.string)),
            "ground.list": .list(ground.filter(\.held).map { .string($0.name) }),
            "ground.lines": .list(ground.filter(\.held).map { .string($0.text) }),
            "ground.joined": .string(Self.joined(ground.filter(\.held).map { $0.name.replacing("_", with: " ") })),
            "pressures": .list(pressures.map { .string($0.name) }),
            "pressure_lines": .list(pressures.map { .string($0.text) }),
        ]
        for g in ground { v["ground.\(g.name)"] = .number(g.value) }
        return v
    }

    /// The scores kept in the session summary (and printed by `summary --format json`).
    ///
    /// The held ground is a list under `ground`, so the profile's numbers go under
    /// `ground_profile.*` (a name cannot be both a list and a parent of dotted names in JSON).
    public var scores: [String: Value] {
        var s: [String: Value] = [:]
        let all = variables
        for key in ["exposure.score", "exposure.band", "exposure.alpha", "exposure.beta", "exposure.zeta",
                    "exposure.mean", "exposure.sd", "exposure.drivers", "tasks.name", "tasks.share",
                    "tasks.label", "pressures"] {
            s[key] = all[key]
        }
        s["ground"] = all["ground.list"]
        for g in ground { s["ground_profile.\(g.name)"] = .number(g.value) }
        return s
    }

    /// "a", "a and b", "a, b and c".
    static func joined(_ words: [String]) -> String {
        guard let last = words.last else { return "" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " and " + last
    }

    /// A weight as a whole percentage, for showing.
    static func percent(_ weight: Double) -> Value { .number((weight * 100).rounded()) }
}
