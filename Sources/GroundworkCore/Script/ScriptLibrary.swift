/// All loaded, validated scripts: flows, rule sets and prompt templates.
public struct ScriptLibrary: Sendable {
    public var flows: [String: Flow]
    public var ruleSets: [String: RuleSet]
    public var prompts: PromptLibrary
    /// The task classifier (a file with `kind: task-classifier`), when one was loaded. With
    /// `deferringClassifier`, its file is parsed the first time this is read.
    public var classifier: TaskClassifier? {
        get { classifierSlot.value }
        set { classifierSlot = ClassifierSlot(loaded: newValue) }
    }
    var classifierSlot = ClassifierSlot(loaded: nil)
    /// Published occupation exposure for `match_occupation` nodes; set by the caller from
    /// `--reference FILE` (or GROUNDWORK_REFERENCE), nil without one.
    public var reference: OccupationReference? = nil
    /// Group exercises (files with `kind: group-exercise`), by id.
    public var groupExercises: [String: GroupExercise] = [:]
    /// The safety net (the file with `kind: safety-net`), used by every mode before anything else.
    /// A library read from the script cache makes it the first time it is read (`deferSafetyNet`).
    public var safetyNet: SafetyNet? {
        get { safetyNetSlot.value }
        set { safetyNetSlot = DeferredValue(newValue) }
    }
    var safetyNetSlot = DeferredValue<SafetyNet>(nil)

    /// Makes the safety net with `make` the first time it is read, not now (the script cache's
    /// stored net is most of its file, and no first question needs it).
    public mutating func deferSafetyNet(_ make: @escaping @Sendable () -> SafetyNet?) {
        safetyNetSlot = DeferredValue(deferred: make)
    }

    /// True while a deferred safety net has not been made yet.
    public var safetyNetIsDeferred: Bool { safetyNetSlot.isDeferred }

    public init(flows: [String: Flow] = [:], ruleSets: [String: RuleSet] = [:], prompts: PromptLibrary = PromptLibrary(),
                classifier: TaskClassifier? = nil) {
        self.flows = flows
        self.ruleSets = ruleSets
        self.prompts = prompts
        self.classifierSlot = ClassifierSlot(loaded: classifier)
    }

    /// Loads and validates scripts (`.yaml`) and templates (`.mustache`, named by their path under
    /// the prompts folder without extension). Returns the library and every diagnostic; callers must
    /// not run a library when any diagnostic is an error.
    ///
    /// Only flows and rule sets whose files have no errors are registered, and a flow is left out
    /// when a flow or rule set it uses was.
    ///
    /// `deferringClassifier` leaves the task classifier's file (a top-level `kind: task-classifier`
    /// line) unparsed until a `classify` node first needs it: it is most of the bundled scripts, and
    /// no first question needs it. Its problems are then not reported here (lint loads it eagerly);
    /// a classifier file with errors reads as no classifier.
    public static func load(scripts: [SourceFile], prompts: [(name: String, file: SourceFile)],
                            deferringClassifier: Bool = false) -> (ScriptLibrary, [Diagnostic]) {
        load(scripts: scripts, prompts: prompts, deferringClassifier: deferringClassifier, parsed: [:])
    }

    /// As above; `parsed` holds files already parsed (by path), with the diagnostics the parse gave.
    static func load(scripts: [SourceFile], prompts: [(name: String, file: SourceFile)], deferringClassifier: Bool,
                     parsed: [String: (root: YAMLNode?, diagnostics: [Diagnostic])]) -> (ScriptLibrary, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var library = ScriptLibrary()

        for (name, file) in prompts {
            do {
                let template = try Template(file.text, location: SourceLocation(path: file.path, line: 1, column: 1))
                try library.prompts.add(template, named: name)
            } catch {
                diagnostics.append(Diagnostic(.error, error.location, error.message))
            }
        }
        // Partials: unknown ones, cycles and nesting too deep are errors, and the templates with them
        // are taken out, so a flow that shows one does not run (see the flows' check below).
        let templateNames = library.prompts.templates.keys.sorted()
        let promptFiles = Dictionary(prompts.map { ($0.name, $0.file) }, uniquingKeysWith: { first, _ in first })
        for problem in library.prompts.checkPartials() {
            guard let file = promptFiles[problem.template] else { continue }
            var location = SourceLocation(path: file.path, line: 1, column: 1)
            if let partial = problem.partial { location = Template.location(of: partial.offset, in: file.text, from: location) }
            let message: String
            switch problem.kind {
            case .unknown(let name):
                message = Spelling.suggest("unknown prompt template '\(name)'", for: name, among: templateNames)
            case .cycle(let names):
                message = "partial cycle: " + names.map { "'\($0)'" }.joined(separator: " → ") + "; a template cannot include itself"
            case .tooDeep(let depth):
                message = "sections and partials nest \(depth) deep through '\(problem.template)'; at most \(Template.maxDepth)"
            case .includesBroken(let name):
                message = "includes '\(name)', which has errors (reported for it)"
            }
            diagnostics.append(error(file, location, message))
        }

        var loadedFiles: [(flow: LoadedFlow, clean: Bool)] = []
        var loadedRuleSets: [(id: String?, idLocation: SourceLocation, file: SourceFile, ruleSet: RuleSet?)] = []
        var classifierFound = false
        var groupFiles: [SourceFile] = []
        for file in scripts {
            if deferringClassifier, !classifierFound, ClassifierSlot.declaresClassifier(file) {
                library.classifierSlot = ClassifierSlot(deferred: file)
                classifierFound = true
                continue
            }
            if GroupLoader.isGroupExercise(file) {
                groupFiles.append(file)
                continue
            }
            let parsedRoot: YAMLNode?
            if let cached = parsed[file.path] {
                diagnostics += cached.diagnostics
                parsedRoot = cached.root
            } else {
                parsedRoot = YAMLParser.parse(file, diagnostics: &diagnostics)
            }
            guard let root = parsedRoot else { continue }
            guard root.mappingPairs != nil else {
                diagnostics.append(Diagnostic(.error, root.location, "expected a mapping at the top of the file, found \(root.kindName)",
                                              sourceLine: SourceText(file).line(root.location.line)))
                continue
            }
            if root["kind"]?.scalar == "task-classifier" {
                if classifierFound {
                    diagnostics.append(error(file, root.location, "a second task classifier; only one may be loaded"))
                } else {
                    library.classifier = TaskClassifier.load(root, file: file, diagnostics: &diagnostics)
                    classifierFound = true
                }
                continue
            }
            if SafetyNet.isSafetyNet(root) {
                if library.safetyNet != nil {
                    diagnostics.append(error(file, root.location, "a second safety net; only one may be loaded"))
                } else {
                    library.safetyNet = SafetyNet.load(root, file: file, diagnostics: &diagnostics)
                }
                continue
            }
            switch (root["nodes"] != nil, root["keywords"] != nil) {
            case (true, false):
                let before = diagnostics.count
                let loaded = FlowLoader.load(root, file: file, diagnostics: &diagnostics)
                loadedFiles.append((loaded, !diagnostics[before...].contains { $0.severity == .error }))
            case (false, true):
                let ruleSet = RuleSet.load(root, file: file, diagnostics: &diagnostics)
                let idNode = root["id"]
                loadedRuleSets.append((idNode?.scalar, idNode?.location ?? root.location, file, ruleSet))
            case (true, true):
                diagnostics.append(Diagnostic(.error, root.location, "a file holds a flow ('nodes') or a rule set ('keywords'), not both",
                                              sourceLine: SourceText(file).line(root.location.line)))
            case (false, false):
                diagnostics.append(Diagnostic(.error, root.location, "expected 'nodes' (a flow), 'keywords' (a rule set), 'kind: task-classifier' or 'kind: safety-net'",
                                              sourceLine: SourceText(file).line(root.location.line)))
            }
        }

        for (loaded, clean) in loadedFiles { FlowValidator.validate(loaded, loadedCleanly: clean, diagnostics: &diagnostics) }
        let loadedFlows = loadedFiles.map(\.flow)

        // Duplicate ids: the first file keeps the id, each later one is an error naming the first.
        var firstFlow: [String: String] = [:]
        var duplicateFlowFiles: Set<Int> = []
        for (index, loaded) in loadedFlows.enumerated() where loaded.hasID {
            if let other = firstFlow[loaded.flow.id] {
                diagnostics.append(error(loaded.file, loaded.idLocation, "duplicate flow id '\(loaded.flow.id)'; also in \(other)"))
                duplicateFlowFiles.insert(index)
            } else {
                firstFlow[loaded.flow.id] = loaded.file.path
            }
        }
        var firstRuleSet: [String: String] = [:]
        for entry in loadedRuleSets {
            guard let id = entry.id else { continue }
            if let other = firstRuleSet[id] {
                diagnostics.append(error(entry.file, entry.idLocation, "duplicate rule set id '\(id)'; also in \(other)"))
            } else {
                firstRuleSet[id] = entry.idLocation.path
            }
        }

        // References across files.
        let promptNames = library.prompts.templates.keys.sorted()
        for loaded in loadedFlows {
            for call in loaded.calls where firstFlow[call.target.name] == nil {
                diagnostics.append(error(loaded.file, call.target.location,
                                         Spelling.suggest("unknown flow '\(call.target.name)'", for: call.target.name, among: firstFlow.keys.sorted())))
            }
            for reference in loaded.ruleSetReferences where firstRuleSet[reference.name] == nil {
                diagnostics.append(error(loaded.file, reference.location,
                                         Spelling.suggest("unknown rule set '\(reference.name)'", for: reference.name, among: firstRuleSet.keys.sorted())))
            }
            for reference in loaded.promptReferences where library.prompts.templates[reference.name] == nil {
                // A template whose file is there but has errors is not "unknown": its errors are listed for it.
                let message = promptFiles[reference.name] != nil
                    ? "prompt template '\(reference.name)' has errors (listed for its file); the flow cannot run until they are fixed"
                    : Spelling.suggest("unknown prompt template '\(reference.name)'", for: reference.name, among: promptNames)
                diagnostics.append(error(loaded.file, reference.location, message))
            }
            for template in loaded.inlineTemplates {
                guard let partial = library.prompts.selfInclusion(in: template), let parent = partial.insideParent else { continue }
                let location = Template.location(of: partial.offset, in: template.source, from: template.location)
                diagnostics.append(error(loaded.file, location,
                                         "'{{> \(partial.name)}}' inside a block of '{{< \(parent)}}' includes '\(parent)' again, which never ends; include it outside the block"))
            }
        }
        diagnostics += callCycles(loadedFlows.enumerated().filter { !duplicateFlowFiles.contains($0.offset) }.map(\.element))

        // Register what is clean, then drop flows that use something left out, until nothing changes.
        let failedPaths = Set(diagnostics.filter { $0.severity == .error }.map(\.location.path))
        for entry in loadedRuleSets {
            if let ruleSet = entry.ruleSet, !failedPaths.contains(entry.idLocation.path), library.ruleSets[ruleSet.id] == nil {
                library.ruleSets[ruleSet.id] = ruleSet
            }
        }
        var candidates: [String: LoadedFlow] = [:]
        for (index, loaded) in loadedFlows.enumerated() where !duplicateFlowFiles.contains(index) && !failedPaths.contains(loaded.file.path) {
            candidates[loaded.flow.id] = loaded
        }
        var changed = true
        while changed {
            changed = false
            for (id, loaded) in candidates {
                let callsOK = loaded.calls.allSatisfy { candidates[$0.target.name] != nil }
                let rulesOK = loaded.ruleSetReferences.allSatisfy { library.ruleSets[$0.name] != nil }
                // A template taken out for its errors (a bad partial) keeps the flow that shows it out.
                let promptsOK = loaded.promptReferences.allSatisfy { library.prompts.templates[$0.name] != nil }
                if !callsOK || !rulesOK || !promptsOK {
                    candidates[id] = nil
                    changed = true
                }
            }
        }
        library.flows = candidates.mapValues(\.flow)
        if !groupFiles.isEmpty {
            let (exercises, groupDiagnostics) = GroupLoader.load(groupFiles, library: library)
            library.groupExercises = exercises
            diagnostics += groupDiagnostics
        }

        let order = Dictionary(scripts.enumerated().map { ($0.element.path, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let sorted = diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element.location, b.element.location)
            let (ox, oy) = (order[x.path] ?? -1, order[y.path] ?? -1)
            if ox != oy { return ox < oy }
            if x.path != y.path { return x.path < y.path }
            if x.line != y.line { return x.line < y.line }
            if x.column != y.column { return x.column < y.column }
            return a.offset < b.offset
        }.map(\.element)
        return (library, sorted)
    }

    /// One error per `call` that closes a cycle (a → b → a), at that call.
    private static func callCycles(_ flows: [LoadedFlow]) -> [Diagnostic] {
        let byID = Dictionary(flows.map { ($0.flow.id, $0) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Bool] = [:] // false: on the current path, true: finished
        var path: [String] = []
        var found: [Diagnostic] = []
        func visit(_ id: String) {
            guard let loaded = byID[id] else { return }
            state[id] = false
            path.append(id)
            for call in loaded.calls {
                let target = call.target.name
                switch state[target] {
                case false?:
                    let start = path.lastIndex(of: target) ?? 0
                    let cycle = (path[start...] + [target]).map { "'\($0)'" }.joined(separator: " → ")
                    found.append(error(loaded.file, call.target.location, "call cycle: \(cycle)"))
                case nil:
                    visit(target)
                case true?:
                    break
                }
            }
            path.removeLast()
            state[id] = true
        }
        for loaded in flows where state[loaded.flow.id] == nil { visit(loaded.flow.id) }
        return found
    }

    private static func error(_ file: SourceFile, _ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, location, message, sourceLine: SourceText(file).line(location.line))
    }
}
