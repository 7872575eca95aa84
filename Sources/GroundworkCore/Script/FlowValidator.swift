/// Checks one loaded flow as a whole: node references, reachability, ways to an end, loops that
/// come back, and variables that are read but never given a value.
enum FlowValidator {
    /// Names the engine gives every flow.
    static let engineNames: Set<String> = ["user", "flow.title", "progress.index", "progress.total", "progress.left"]
    /// Prefixes of names the engine gives every flow (`summary.text`, `next_step.id`, `followup.text`, …).
    static let enginePrefixes = ["summary.", "next_step.", "followup."]
    /// Prefixes that look like engine or score context: an unknown name with one is a warning, not an error.
    static let contextPrefixes = ["user.", "flow.", "progress.", "exposure.", "ground."]

    /// Appends the flow's problems to `diagnostics`. The graph checks (reachability, ends, loops)
    /// run only when the file `loadedCleanly`, so one missing key does not cascade into many errors.
    static func validate(_ loaded: LoadedFlow, loadedCleanly: Bool, diagnostics: inout [Diagnostic]) {
        let text = SourceText(loaded.file)
        func report(_ severity: Diagnostic.Severity, _ location: SourceLocation, _ message: String) {
            diagnostics.append(Diagnostic(severity, location, message, sourceLine: text.line(location.line)))
        }
        let flow = loaded.flow
        let ids = flow.nodeOrder

        var brokenNodes: Set<String> = []
        // Without any nodes (already reported) every reference would be unknown: say it once, not many times.
        for reference in loaded.nodeReferences where !ids.isEmpty && !loaded.nodeLocations.keys.contains(reference.name) {
            report(.error, reference.location, Spelling.suggest("unknown node '\(reference.name)'", for: reference.name, among: ids))
            brokenNodes.insert(reference.name)
        }

        // The graph checks need the whole graph: they are skipped while a node or reference is broken.
        let complete = loadedCleanly && brokenNodes.isEmpty && ids.allSatisfy { flow.nodes[$0] != nil }
        if complete, flow.nodes[flow.start] != nil {
            let reachable = reach(from: [flow.start], in: flow, through: nil)
            for id in ids where !reachable.contains(id) {
                report(.warning, loaded.nodeLocations[id] ?? flow.location, "node '\(id)' is never reached")
            }
            let ending = nodesReachingAnEnd(flow)
            for id in ids where reachable.contains(id) && !ending.contains(id) {
                report(.error, loaded.nodeLocations[id] ?? flow.location, "node '\(id)' has no way to an end")
            }
        }
        if complete {
            for id in ids {
                guard case .loop(let loop)? = flow.nodes[id]?.kind, flow.nodes[loop.body] != nil else { continue }
                if !reach(from: [loop.body], in: flow, through: id).contains(id) {
                    report(.error, loaded.loopBodyLocations[id] ?? flow.location,
                           "loop body '\(loop.body)' never comes back to loop '\(id)'")
                }
            }
        }

        for use in loaded.uses where !isDefined(use.name, in: loaded) {
            let looksLikeContext = contextPrefixes.contains { use.name.hasPrefix($0) }
            report(looksLikeContext ? .warning : .error, use.location,
                   Spelling.suggest("undefined variable '\(use.name)'", for: use.name, among: loaded.defined.sorted()))
        }
    }

    static func isDefined(_ name: String, in loaded: LoadedFlow) -> Bool {
        loaded.defined.contains(name) || engineNames.contains(name) || enginePrefixes.contains { name.hasPrefix($0) }
    }

    /// Nodes the flow may go to from `node` (unknown targets included; callers filter).
    static func successors(of node: Node) -> [String] {
        var result: [String] = []
        switch node.kind {
        case .ask(let question):
            if let onGiveUp = question.onGiveUp { result.append(onGiveUp) }
            if case .choice(let options) = question.input { result += options.compactMap(\.next) }
        case .branch(let arms, let otherwise):
            result += arms.map(\.target)
            if let otherwise { result.append(otherwise) }
        case .loop(let loop):
            result.append(loop.body)
        case .say, .set, .reflect, .call, .end, .lookup:
            break
        }
        if let next = node.next { result.append(next) }
        return result
    }

    /// Every node reachable from `starts`; when `stop` is given, paths end on reaching it.
    static func reach(from starts: [String], in flow: Flow, through stop: String?) -> Set<String> {
        var seen: Set<String> = []
        var stack = starts
        while let id = stack.popLast() {
            guard !seen.contains(id) else { continue }
            seen.insert(id)
            if id == stop { continue }
            if let node = flow.nodes[id] { stack += successors(of: node) }
        }
        return seen
    }

    /// Nodes from which some path leads to an `end` node.
    static func nodesReachingAnEnd(_ flow: Flow) -> Set<String> {
        var predecessors: [String: [String]] = [:]
        var ending: [String] = []
        for id in flow.nodeOrder {
            guard let node = flow.nodes[id] else { continue }
            if case .end = node.kind { ending.append(id) }
            for target in successors(of: node) { predecessors[target, default: []].append(id) }
        }
        var seen: Set<String> = []
        while let id = ending.popLast() {
            guard !seen.contains(id) else { continue }
            seen.insert(id)
            ending += predecessors[id] ?? []
        }
        return seen
    }
}
