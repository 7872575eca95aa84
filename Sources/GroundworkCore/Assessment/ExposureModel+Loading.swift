extension ExposureModel {
    /// Loads the `assessment:` block of a flow file on its own (for tests and tools).
    /// Returns nil with no diagnostics when the file has no such block.
    public static func load(flowFile file: SourceFile) -> (ExposureModel?, [Diagnostic]) {
        var reader = YAMLReader(file: file)
        guard let root = YAMLParser.parse(file, diagnostics: &reader.diagnostics) else { return (nil, reader.diagnostics) }
        guard let block = root["assessment"] else { return (nil, reader.diagnostics) }
        let model = load(block, reader: &reader)
        return (model, reader.diagnostics)
    }

    /// Builds the model from an `assessment:` mapping, reporting every problem through `reader`.
    static func load(_ node: YAMLNode, reader: inout YAMLReader) -> ExposureModel? {
        var r = AssessmentReader(reader: reader)
        defer { reader = r.reader }
        guard r.keys(node, allowed: ["model", "inputs", "labels", "score", "share_note", "spread", "bands",
                                     "drivers", "pressures", "ground"], required: ["labels", "bands", "spread", "share_note"])
        else { return nil }
        let before = r.errorCount
        if let model = node["model"], r.string(model, "model") != "exposure" {
            r.error(model, "unknown assessment model '\(model.scalar ?? "")'; the only one is 'exposure'")
        }

        var inputs = Inputs()
        if let n = node["inputs"], r.keys(n, allowed: ["task_names", "task_shares", "task_labels", "years"], required: []) {
            if let v = n["task_names"] { inputs.taskNames = r.string(v, "task_names") ?? inputs.taskNames }
            if let v = n["task_shares"] { inputs.taskShares = r.string(v, "task_shares") ?? inputs.taskShares }
            if let v = n["task_labels"] { inputs.taskLabels = r.string(v, "task_labels") ?? inputs.taskLabels }
            if let v = n["years"] { inputs.years = r.string(v, "years") ?? inputs.years }
        }

        var labels: [String: LabelWeights] = [:]
        if let n = node["labels"], let pairs = r.mapping(n, "labels") {
            for (key, value) in pairs {
                guard let name = key.scalar?.lowercased(),
                      r.keys(value, allowed: ["alpha", "beta", "zeta", "gradient", "plain", "reason"],
                             required: ["alpha", "beta", "zeta", "gradient", "plain", "reason"]) else { continue }
                labels[name] = LabelWeights(
                    alpha: r.number(value["alpha"], "alpha") ?? 0, beta: r.number(value["beta"], "beta") ?? 0,
                    zeta: r.number(value["zeta"], "zeta") ?? 0, gradient: r.number(value["gradient"], "gradient") ?? 0,
                    plain: r.string(value["plain"], "plain") ?? "", reason: r.reason(value) ?? "")
            }
            let written = Set(pairs.compactMap { $0.key.scalar?.lowercased() })
            for needed in ["e0", "e1", "e2"] where !written.contains(needed) {
                r.error(n, "labels: missing '\(needed)'")
            }
        }

        var scale = 100.0
        if let n = node["score"], r.keys(n, allowed: ["scale", "reason"], required: ["scale", "reason"]) {
            scale = r.number(n["scale"], "scale") ?? scale
            _ = r.reason(n)
        }

        var shareNote = ""
        if let n = node["share_note"], r.keys(n, allowed: ["text", "reason"], required: ["text", "reason"]) {
            shareNote = r.string(n["text"], "text") ?? ""
            _ = r.reason(n)
        }

        var spread = Spread(wideAt: 0.35, wide: "", narrow: "", reason: "")
        if let n = node["spread"], r.keys(n, allowed: ["wide_at", "wide", "narrow", "reason"],
                                          required: ["wide_at", "wide", "narrow", "reason"]) {
            spread = Spread(wideAt: r.number(n["wide_at"], "wide_at") ?? 0.35, wide: r.string(n["wide"], "wide") ?? "",
                            narrow: r.string(n["narrow"], "narrow") ?? "", reason: r.reason(n) ?? "")
        }

        var bands: [Rule] = []
        if let n = node["bands"], let items = r.list(n, "bands") {
            for (i, item) in items.enumerated() {
                let isLast = i == items.count - 1
                guard let rule = r.rule(item, conditionRequired: !isLast) else { continue }
                if isLast, rule.condition != nil {
                    r.error(item, "the last band must have no 'when', so every week gets a band")
                }
                bands.append(rule)
            }
            if items.isEmpty { r.error(n, "bands: at least one band is needed") }
        }

        var topTasks = 3
        var driverFactors: [Rule] = []
        if let n = node["drivers"], r.keys(n, allowed: ["top_tasks", "factors", "reason"], required: ["reason"]) {
            if let t = n["top_tasks"] { topTasks = Int(r.number(t, "top_tasks") ?? 3) }
            _ = r.reason(n)
            if let f = n["factors"], let items = r.list(f, "factors") {
                driverFactors = items.compactMap { r.rule($0, conditionRequired: true) }
            }
        }

        var pressures: [Rule] = []
        if let n = node["pressures"], let items = r.list(n, "pressures") {
            pressures = items.compactMap { r.rule($0, conditionRequired: true) }
        }

        var ground: [GroundDimension] = []
        if let n = node["ground"], let items = r.list(n, "ground") {
            for item in items {
                guard r.keys(item, allowed: ["name", "factor", "held_at", "text", "reason"],
                             required: ["name", "factor", "held_at", "text", "reason"]) else { continue }
                ground.append(GroundDimension(
                    name: r.string(item["name"], "name") ?? "", factor: r.string(item["factor"], "factor") ?? "",
                    heldAt: r.number(item["held_at"], "held_at") ?? 0, text: r.string(item["text"], "text") ?? "",
                    reason: r.reason(item) ?? ""))
            }
        }

        // Bands may repeat a name (gradient 3 has two ways in); rules and ground may not.
        for list in [pressures.map(\.name), driverFactors.map(\.name), ground.map(\.name)] {
            var seen = Set<String>()
            for name in list where !seen.insert(name).inserted {
                r.error(node, "duplicate name '\(name)' in the assessment")
            }
        }
        guard r.errorCount == before else { return nil }
        return ExposureModel(inputs: inputs, labels: labels, scoreScale: scale, shareNote: shareNote, spread: spread,
                             bands: bands, driverTaskCount: topTasks, driverFactors: driverFactors,
                             pressures: pressures, ground: ground, location: node.location)
    }

    /// Variables the model sets when it runs, for the validator's undefined-variable check.
    /// `ground.<name>` for each ground dimension and `tasks.share_<label>` come on top.
    public static let producedNames: [String] = [
        "exposure.score", "exposure.band", "exposure.band_text", "exposure.alpha", "exposure.beta", "exposure.zeta",
        "exposure.mean", "exposure.sd", "exposure.mean_plus_sd", "exposure.mean_minus_sd", "exposure.spread_wide",
        "exposure.spread_note", "exposure.share_total", "exposure.normalised", "exposure.share_note",
        "exposure.drivers", "exposure.driver_tasks", "exposure.driver_factors", "exposure.top_task", "tasks.count", "tasks.name",
        "tasks.share", "tasks.label", "tasks.lines", "ground.list", "ground.lines", "ground.joined", "pressures", "pressure_lines",
    ]

    /// Every variable this model sets, including its ground dimensions.
    public var producedNames: [String] { Self.producedNames + ground.map { "ground.\($0.name)" } }
}

/// Reads the `assessment:` block, collecting diagnostics.
struct AssessmentReader {
    var reader: YAMLReader

    var errorCount: Int { reader.diagnostics.count { $0.severity == .error } }

    mutating func error(_ node: YAMLNode, _ message: String) { reader.error(node, message) }

    /// Checks that `node` is a mapping with only `allowed` keys and every `required` one.
    mutating func keys(_ node: YAMLNode, allowed: Set<String>, required: [String]) -> Bool {
        guard let pairs = node.mappingPairs else {
            error(node, "expected a mapping, found \(node.kindName)")
            return false
        }
        let before = errorCount
        reader.checkKeys(pairs, allowed: allowed) { "unknown key '\($0)'; expected one of \(allowed.sorted().joined(separator: ", "))" }
        var ok = errorCount == before
        for name in required where node[name] == nil {
            error(node, "missing '\(name)'")
            ok = false
        }
        return ok
    }

    mutating func mapping(_ node: YAMLNode, _ what: String) -> [(key: YAMLNode, value: YAMLNode)]? {
        reader.mapping(node, else: "'\(what)' must be a mapping, found \(node.kindName)")
    }

    mutating func list(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        reader.list(node, else: "'\(what)' must be a list, found \(node.kindName)")
    }

    mutating func number(_ node: YAMLNode?, _ what: String) -> Double? {
        guard let node else { return nil }
        guard let n = node.number else {
            error(node, "'\(what)' must be a number, found '\(node.scalar ?? node.kindName)'")
            return nil
        }
        return n
    }

    mutating func string(_ node: YAMLNode?, _ what: String) -> String? {
        guard let node else { return nil }
        return reader.text(node, else: "'\(what)' must be text, found \(node.kindName)")
    }

    /// The `reason:` beside a weight or rule: required and not empty.
    mutating func reason(_ node: YAMLNode) -> String? {
        guard let n = node["reason"] else {
            error(node, "missing 'reason'")
            return nil
        }
        guard let s = string(n, "reason"), !s.allSatisfy(\.isWhitespace) else {
            error(n, "'reason' must not be empty")
            return nil
        }
        return s
    }

    /// `{name, when, text, reason}`.
    mutating func rule(_ node: YAMLNode, conditionRequired: Bool) -> ExposureModel.Rule? {
        guard keys(node, allowed: ["name", "when", "text", "reason"], required: ["name", "text", "reason"]) else { return nil }
        var condition: AssessmentCondition?
        if let w = node["when"] {
            condition = self.condition(w)
            if condition == nil { return nil }
        } else if conditionRequired {
            error(node, "missing 'when'")
            return nil
        }
        guard let name = string(node["name"], "name"), let text = string(node["text"], "text"),
              let reason = reason(node) else { return nil }
        return ExposureModel.Rule(name: name, condition: condition, text: text, reason: reason)
    }

    /// A `when:` mapping: every key must hold; `any:` takes a list of mappings of which one must hold.
    mutating func condition(_ node: YAMLNode) -> AssessmentCondition? {
        guard let pairs = node.mappingPairs, !pairs.isEmpty else {
            error(node, "'when' must be a mapping of names to comparisons, found \(node.kindName)")
            return nil
        }
        var parts: [AssessmentCondition] = []
        for (key, value) in pairs {
            guard let name = key.scalar, !name.isEmpty else {
                error(key, "a condition's key must be a name")
                return nil
            }
            if name == "any" || name == "all" {
                guard let items = list(value, name) else { return nil }
                var inner: [AssessmentCondition] = []
                for item in items {
                    guard let c = condition(item) else { return nil }
                    inner.append(c)
                }
                parts.append(name == "any" ? .any(inner) : .all(inner))
                continue
            }
            if let cmp = value.mappingPairs {
                for (op, bound) in cmp {
                    let opName = op.scalar ?? ""
                    guard let x = number(bound, opName) else { return nil }
                    switch opName {
                    case "min": parts.append(.compare(name: name, .atLeast(x)))
                    case "max": parts.append(.compare(name: name, .atMost(x)))
                    case "below": parts.append(.compare(name: name, .below(x)))
                    case "above": parts.append(.compare(name: name, .above(x)))
                    default:
                        error(op, "unknown comparison '\(opName)'; expected min, max, below or above")
                        return nil
                    }
                }
            } else if let b = value.bool {
                parts.append(.compare(name: name, .equals(.bool(b))))
            } else if let n = value.number {
                parts.append(.compare(name: name, .equals(.number(n))))
            } else if let s = value.scalar, !value.isNull {
                parts.append(.compare(name: name, .equals(.string(s))))
            } else {
                error(value, "'\(name)': expected a comparison such as {min: 3} or a value")
                return nil
            }
        }
        return parts.count == 1 ? parts[0] : .all(parts)
    }
}
