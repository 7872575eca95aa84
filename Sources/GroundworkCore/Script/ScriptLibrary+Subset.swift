extension ScriptLibrary {
    /// Prompts the engine itself renders, each optional (it has built-in texts): the safety net's
    /// and the follow-up's.
    public static let enginePrompts = ["safety/message", "safety/check", "follow-up/ask", "follow-up/reply", "follow-up/summary"]

    /// Loads only what running the flow `flowID` needs: its file, the flows it calls (and theirs),
    /// the rule sets they reflect on, `safety`, the task classifier file, and the prompt templates
    /// they name with the partials those include (plus the engine's own, `enginePrompts`). Files are found by their
    /// top-level `id:` line, read from the text without parsing; the chosen ones are then loaded and
    /// validated exactly as `load(scripts:prompts:deferringClassifier:)` does, so a flow whose
    /// dependency has an error is still left out.
    ///
    /// Falls back to loading everything when something needed cannot be found that way or the flow
    /// does not come out runnable, so problems are reported exactly as a full load reports them.
    /// Errors in files the flow does not use are not reported (`lint` loads everything).
    public static func load(scripts: [SourceFile], prompts: [(name: String, file: SourceFile)], only flowID: String,
                            deferringClassifier: Bool = false) -> (ScriptLibrary, [Diagnostic]) {
        func full() -> (ScriptLibrary, [Diagnostic]) {
            load(scripts: scripts, prompts: prompts, deferringClassifier: deferringClassifier)
        }
        var byID: [String: [Int]] = [:]
        for (index, file) in scripts.enumerated() {
            if let id = ScriptHeader.value(of: "id", in: file.text) { byID[id, default: []].append(index) }
        }

        var chosen: Set<Int> = []
        var parsed: [String: (root: YAMLNode?, diagnostics: [Diagnostic])] = [:]
        var ruleSetNames: Set<String> = ["safety"]
        var promptNames: [String] = ScriptLibrary.enginePrompts
        var pendingFlows = [flowID]
        var seenFlows: Set<String> = []
        while let id = pendingFlows.popLast() {
            guard seenFlows.insert(id).inserted else { continue }
            guard let indices = byID[id] else { return full() }
            for index in indices where chosen.insert(index).inserted {
                let file = scripts[index]
                var diagnostics: [Diagnostic] = []
                let root = YAMLParser.parse(file, diagnostics: &diagnostics)
                parsed[file.path] = (root, diagnostics)
                guard let root, root.mappingPairs != nil, root["nodes"] != nil, root["keywords"] == nil else { continue }
                // Only the references are wanted here; the full checks run in the load below.
                var scratch: [Diagnostic] = []
                let loaded = FlowLoader.load(root, file: file, diagnostics: &scratch)
                pendingFlows += loaded.calls.map(\.target.name)
                ruleSetNames.formUnion(loaded.ruleSetReferences.map(\.name))
                promptNames += loaded.promptReferences.map(\.name)
            }
        }
        for name in ruleSetNames {
            guard let indices = byID[name] else { return full() }
            chosen.formUnion(indices)
        }
        if let classifier = scripts.indices.first(where: { !chosen.contains($0) && ClassifierSlot.declaresClassifier(scripts[$0]) }) {
            chosen.insert(classifier)
        }

        let promptIndex = Dictionary(prompts.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var chosenPrompts: Set<Int> = []
        while let name = promptNames.popLast() {
            guard let index = promptIndex[name] else {
                if ScriptLibrary.enginePrompts.contains(name) { continue } // optional: the engine has built-in texts
                return full()
            }
            guard chosenPrompts.insert(index).inserted else { continue }
            promptNames += FlowLoader.partials(in: prompts[index].file.text).map(\.name)
        }

        let result = load(scripts: chosen.sorted().map { scripts[$0] }, prompts: chosenPrompts.sorted().map { prompts[$0] },
                          deferringClassifier: deferringClassifier, parsed: parsed)
        return result.0.flows[flowID] == nil ? full() : result
    }
}
