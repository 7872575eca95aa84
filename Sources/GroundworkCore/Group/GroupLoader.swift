/// Builds `GroupExercise`s from files with `kind: group-exercise`, reporting every problem as
/// `path:line:column: error: message`.
public enum GroupLoader {
    static let kindName = "group-exercise"
    static let topKeys = ["kind", "id", "title", "description", "credit", "anonymous", "participants", "steps"]
    static let kinds = ["say", "discuss", "ask", "vote", "show", "tally", "spread"]
    static let keysByKind: [String: [String]] = [
        "say": ["id", "title", "say"],
        "discuss": ["id", "title", "discuss", "timebox"],
        "ask": ["id", "title", "ask", "input", "to", "private", "timebox", "record"],
        "vote": ["id", "title", "vote", "say", "timebox"],
        "show": ["id", "title", "show", "say"],
        "tally": ["id", "title", "tally", "say"],
        "spread": ["id", "title", "spread", "say"],
    ]

    /// True when `file` declares `kind: group-exercise` at its top.
    public static func isGroupExercise(_ file: SourceFile) -> Bool {
        // Most files are not: a quick search first, then the line itself.
        file.text.contains(kindName) && ScriptHeader.value(of: "kind", in: file.text) == kindName
    }

    /// Loads every group exercise in `files`; only files without errors are returned. `library`
    /// supplies the prompt templates they may name.
    public static func load(_ files: [SourceFile], library: ScriptLibrary) -> (exercises: [String: GroupExercise], diagnostics: [Diagnostic]) {
        var exercises: [String: GroupExercise] = [:]
        var firstPath: [String: String] = [:]
        var all: [Diagnostic] = []
        for file in files {
            var diagnostics: [Diagnostic] = []
            guard let root = YAMLParser.parse(file, diagnostics: &diagnostics) else {
                all += diagnostics
                continue
            }
            var loader = Loader(file: file, library: library)
            let exercise = loader.exercise(root)
            if let exercise, let other = firstPath[exercise.id] {
                loader.reader.error(exercise.location, "duplicate group exercise id '\(exercise.id)'; also in \(other)")
            }
            diagnostics += loader.reader.diagnostics
            if let exercise, !diagnostics.contains(where: { $0.severity == .error }) {
                exercises[exercise.id] = exercise
                firstPath[exercise.id] = file.path
            }
            all += diagnostics
        }
        return (exercises, all)
    }

    /// Loads one file's exercise from text (for tests and `groundwork lint`).
    public static func load(_ file: SourceFile, library: ScriptLibrary) -> (GroupExercise?, [Diagnostic]) {
        let (exercises, diagnostics) = load([file], library: library)
        return (exercises.values.first, diagnostics)
    }

    private struct Loader {
        let file: SourceFile
        let library: ScriptLibrary
        var reader: YAMLReader

        init(file: SourceFile, library: ScriptLibrary) {
            self.file = file
            self.library = library
            self.reader = YAMLReader(file: file)
        }

        mutating func exercise(_ root: YAMLNode) -> GroupExercise? {
            guard root.mappingPairs != nil else {
                error(root.location, "expected a mapping at the top of the file, found \(root.kindName)")
                return nil
            }
            checkKeys(root, allowed: GroupLoader.topKeys)
            if let kind = root["kind"], kind.scalar != GroupLoader.kindName {
                error(kind.location, "expected 'kind: \(GroupLoader.kindName)'")
            }
            var exercise = GroupExercise(id: "", title: "", steps: [], contentHash: SHA256.hex(file.text.utf8), location: root.location)
            if let node = required(root, "id"), let id = string(node, for: "id") {
                exercise.id = id
                exercise.location = node.location
                if !GroupLoader.isIdentifier(id) { error(node.location, "exercise id '\(id)' may only hold a-z, 0-9 and '-'") }
            }
            if let node = required(root, "title"), let title = string(node, for: "title") { exercise.title = title }
            if let node = root["description"], let value = string(node, for: "description") { exercise.description = value }
            if let node = root["credit"], let value = string(node, for: "credit") { exercise.credit = value }
            if let node = root["anonymous"] {
                if let flag = node.bool { exercise.anonymous = flag } else { error(node.location, "expected true or false for 'anonymous', found \(YAMLReader.describe(node))") }
            }
            if let node = root["participants"] {
                if node.mappingPairs != nil {
                    checkKeys(node, allowed: ["min", "max"])
                    if let n = node["min"], let v = int(n, for: "min", minimum: 1) { exercise.minParticipants = v }
                    if let n = node["max"], let v = int(n, for: "max", minimum: 1) { exercise.maxParticipants = v }
                    if exercise.minParticipants > exercise.maxParticipants {
                        error(node.location, "participants min \(exercise.minParticipants) is more than max \(exercise.maxParticipants)")
                    }
                } else {
                    error(node.location, "expected a mapping for 'participants', found \(YAMLReader.describe(node))")
                }
            }
            if let node = required(root, "steps") {
                guard let items = node.sequenceItems else {
                    error(node.location, "expected a list for 'steps', found \(YAMLReader.describe(node))")
                    return exercise
                }
                if items.isEmpty { error(node.location, "'steps' is empty; an exercise needs at least one step") }
                for item in items {
                    if let step = step(item, earlier: exercise.steps) { exercise.steps.append(step) }
                }
            }
            return exercise
        }

        mutating func step(_ node: YAMLNode, earlier: [GroupStep]) -> GroupStep? {
            guard node.mappingPairs != nil else {
                error(node.location, "expected a step (a mapping), found \(YAMLReader.describe(node))")
                return nil
            }
            let present = GroupLoader.kinds.filter { node[$0] != nil }
            // `say:` may introduce a vote, show, tally or spread step; otherwise a step has one kind.
            let main = present.filter { $0 != "say" }
            guard let kind = main.first ?? present.first else {
                error(node.location, "a step needs one of " + GroupLoader.kinds.map { "'\($0)'" }.joined(separator: ", "))
                return nil
            }
            if main.count > 1 {
                error(node[main[1]]?.location ?? node.location, "a step has one kind, found '\(main[0])' and '\(main[1])'")
                return nil
            }
            checkKeys(node, allowed: GroupLoader.keysByKind[kind] ?? [])
            guard let idNode = required(node, "id"), let id = string(idNode, for: "id") else { return nil }
            if !GroupLoader.isIdentifier(id) { error(idNode.location, "step id '\(id)' may only hold a-z, 0-9 and '-'") }
            if earlier.contains(where: { $0.id == id }) { error(idNode.location, "duplicate step id '\(id)'") }
            let title = node["title"].flatMap { string($0, for: "title") } ?? GroupLoader.title(fromID: id)
            var timebox: Double?
            if let n = node["timebox"] {
                let source = n.scalar ?? ""
                if let seconds = GroupDuration.parse(source) { timebox = seconds }
                else { error(n.location, "expected a duration such as '90s', '2m' or '1m30s' for 'timebox', found \(YAMLReader.describe(n))") }
            }
            let intro = node["say"].flatMap { textValue($0, for: "say") }
            let introText = kind == "say" ? nil : intro
            let stepKind: GroupStep.Kind
            switch kind {
            case "say":
                guard let intro else { return nil }
                stepKind = .say(intro)
            case "discuss":
                guard let body = node["discuss"].flatMap({ textValue($0, for: "discuss") }) else { return nil }
                stepKind = .discuss(body)
            case "ask":
                guard let prompt = node["ask"].flatMap({ textValue($0, for: "ask") }) else { return nil }
                var question = GroupQuestion(prompt: prompt)
                if let n = node["input"] {
                    guard let input = FlowLoader.inputKind(n, file: file, diagnostics: &reader.diagnostics) else { return nil }
                    question.input = input
                }
                if let n = node["to"] {
                    if let name = n.scalar, let audience = Audience(rawValue: name) { question.audience = audience }
                    else { error(n.location, Spelling.suggest("unknown audience \(YAMLReader.describe(n))", for: n.scalar ?? "", among: ["each", "pairs", "fours", "group"])) }
                }
                if let n = node["private"] {
                    if let flag = n.bool { question.isPrivate = flag } else { error(n.location, "expected true or false for 'private', found \(YAMLReader.describe(n))") }
                }
                if let n = node["record"] { question.record = record(n) ?? .contribution }
                stepKind = .ask(question)
            case "vote":
                guard let body = node["vote"], body.mappingPairs != nil else {
                    error(node["vote"]?.location ?? node.location, "expected a mapping such as {on: ideas, dots: 3} for 'vote'")
                    return nil
                }
                checkKeys(body, allowed: ["on", "dots", "choose", "record"])
                guard let onNode = required(body, "on"), let on = reference(onNode, earlier: earlier, needsText: true) else { return nil }
                var vote = GroupVote(prompt: intro, on: on, dots: 3)
                if let n = body["dots"], let v = int(n, for: "dots", minimum: 1) { vote.dots = v }
                if let n = body["choose"], let v = int(n, for: "choose", minimum: 0) { vote.choose = v }
                if let n = body["record"] { vote.record = record(n) ?? .contribution }
                stepKind = .vote(vote)
            case "show":
                guard let n = node["show"], let target = reference(n, earlier: earlier, needsText: false) else { return nil }
                stepKind = .show(step: target)
            case "tally":
                guard let n = node["tally"], let target = reference(n, earlier: earlier, needsText: false) else { return nil }
                stepKind = .tally(step: target)
            default:
                guard let body = node["spread"], body.mappingPairs != nil else {
                    error(node["spread"]?.location ?? node.location, "expected a mapping such as {values: exposure} for 'spread'")
                    return nil
                }
                checkKeys(body, allowed: ["values", "fact", "consent", "bands"])
                guard let valuesNode = required(body, "values"), let values = reference(valuesNode, earlier: earlier, needsText: false) else { return nil }
                var spread = GroupSpread(prompt: intro, values: values)
                if let n = body["fact"] { spread.fact = string(n, for: "fact") }
                if let n = body["consent"] { spread.consent = reference(n, earlier: earlier, needsText: false) }
                if let n = body["bands"] {
                    if let pairs = n.mappingPairs {
                        for (key, value) in pairs {
                            guard let name = key.scalar, let from = value.number else {
                                error(value.location, "expected 'band: lower bound' in 'bands', found \(YAMLReader.describe(value))")
                                continue
                            }
                            spread.bands.append((name, from))
                        }
                        spread.bands.sort { $0.from < $1.from }
                    } else {
                        error(n.location, "expected a mapping of band names to lower bounds for 'bands', found \(YAMLReader.describe(n))")
                    }
                }
                stepKind = .spread(spread)
            }
            var shownIntro: Text?
            switch stepKind {
            case .show, .tally: shownIntro = introText
            default: break
            }
            return GroupStep(id: id, title: title, kind: stepKind, timebox: timebox, intro: shownIntro, location: idNode.location)
        }

        /// A reference to an earlier step that takes answers (ask, or vote when `needsText` is false).
        mutating func reference(_ node: YAMLNode, earlier: [GroupStep], needsText: Bool) -> String? {
            guard let name = string(node, for: "step") else { return nil }
            guard let target = earlier.first(where: { $0.id == name }) else {
                error(node.location, Spelling.suggest("unknown earlier step '\(name)'", for: name, among: earlier.map(\.id)))
                return nil
            }
            guard case .ask(let question) = target.kind else {
                error(node.location, "step '\(name)' asks nothing, so it has no answers to use")
                return nil
            }
            if needsText, case .text = question.input {} else if needsText {
                error(node.location, "step '\(name)' does not take free text, so there is nothing to vote on")
                return nil
            }
            return name
        }

        mutating func record(_ node: YAMLNode) -> ContributionKind? {
            if let name = node.scalar, let kind = ContributionKind(rawValue: name) { return kind }
            error(node.location, Spelling.suggest("unknown record kind \(YAMLReader.describe(node))", for: node.scalar ?? "",
                                                  among: ["contribution", "decision", "next-step"]))
            return nil
        }

        mutating func textValue(_ node: YAMLNode, for key: String) -> Text? {
            guard let (value, prompts) = FlowLoader.text(node, for: key, file: file, diagnostics: &reader.diagnostics) else { return nil }
            for prompt in prompts where library.prompts.templates[prompt.name] == nil {
                error(prompt.location, Spelling.suggest("unknown prompt template '\(prompt.name)'", for: prompt.name,
                                                        among: library.prompts.templates.keys.sorted()))
            }
            return value
        }

        mutating func string(_ node: YAMLNode, for key: String) -> String? {
            reader.text(node, else: "expected text for '\(key)', found \(YAMLReader.describe(node))")
        }

        mutating func int(_ node: YAMLNode, for key: String, minimum: Int) -> Int? {
            reader.wholeNumber(node, minimum: minimum,
                               else: "expected a whole number of at least \(minimum) for '\(key)', found \(YAMLReader.describe(node))")
        }

        mutating func required(_ node: YAMLNode, _ key: String) -> YAMLNode? {
            if let value = node[key] { return value }
            error(node.location, "missing key '\(key)'")
            return nil
        }

        mutating func checkKeys(_ node: YAMLNode, allowed: [String]) {
            reader.checkKeys(node.mappingPairs ?? [], allowed: allowed) { Spelling.suggest("unknown key '\($0)'", for: $0, among: allowed) }
        }

        mutating func error(_ location: SourceLocation, _ message: String) {
            reader.error(location, message)
        }
    }

    static func isIdentifier(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// "on-your-own" → "On your own".
    static func title(fromID id: String) -> String {
        let words = id.split(separator: "-").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
