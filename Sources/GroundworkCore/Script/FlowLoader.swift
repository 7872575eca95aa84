/// Builds a `Flow` from a parsed flow file, reporting every problem of shape and type it finds.
///
/// Cross-references (nodes, flows, rule sets, prompts, variables) are checked afterwards by
/// `FlowValidator` and `ScriptLibrary`, from the positions recorded in `LoadedFlow`.
struct FlowLoader {
    static let topKeys = ["id", "title", "description", "category", "start", "variables", "scores",
                          "summary", "next_steps", "next_steps_offer", "nodes", "assessment", "follow_up", "intention"]
    static let kindKeys = ["say", "ask", "set", "branch", "reflect", "loop", "call", "end", "classify", "match_occupation"]
    static let keysByKind: [String: [String]] = [
        "say": ["say", "next"],
        "ask": ["ask", "input", "save", "next", "reask", "max_reasks", "on_give_up", "help", "skippable", "fill_from", "keep"],
        "set": ["set", "next"],
        "branch": ["branch"],
        "reflect": ["reflect", "next"],
        "loop": ["loop", "next"],
        "call": ["call", "next"],
        "end": ["end"],
        "classify": ["classify", "next"],
        "match_occupation": ["match_occupation", "next"],
    ]
    static let allNodeKeys = ["say", "ask", "set", "branch", "reflect", "loop", "call", "end", "classify", "match_occupation", "next", "input", "save",
                              "reask", "max_reasks", "on_give_up", "help", "skippable", "fill_from", "keep"]
    static let inputKinds = ["text", "choice", "multi", "scale", "number", "yesno"]
    static let variableTypes = ["number", "string", "text", "bool", "list"]

    private var reader: YAMLReader
    private var loaded: LoadedFlow

    private init(file: SourceFile, root: YAMLNode) {
        reader = YAMLReader(file: file)
        let placeholder = Flow(id: "", title: "", start: "", nodes: [:], nodeOrder: [], location: root.location)
        loaded = LoadedFlow(flow: placeholder, file: file, idLocation: root.location, hasID: false)
    }

    /// Loads the flow in `root` (a mapping holding `nodes:`), appending problems to `diagnostics`.
    static func load(_ root: YAMLNode, file: SourceFile, diagnostics: inout [Diagnostic]) -> LoadedFlow {
        var loader = FlowLoader(file: file, root: root)
        loader.loadFlow(root)
        diagnostics += loader.reader.diagnostics
        return loader.loaded
    }

    // MARK: - Flow

    private mutating func loadFlow(_ root: YAMLNode) {
        checkKeys(root, allowed: Self.topKeys)
        var flow = loaded.flow
        flow.contentHash = SHA256.hex(loaded.file.text.utf8)

        if let node = required(root, "id"), let id = string(node, for: "id") {
            loaded.idLocation = node.location
            loaded.hasID = true
            flow.id = id
            if id.isEmpty || !id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
                error(node.location, "flow id '\(id)' may only hold a-z, 0-9 and '-'")
            }
        }
        if let node = required(root, "title"), let title = string(node, for: "title") { flow.title = title }
        if let node = root["description"], let value = string(node, for: "description") { flow.description = value }
        if let node = root["category"], let value = string(node, for: "category") { flow.category = value }
        if let node = required(root, "start"), let start = nodeReference(node, for: "start") { flow.start = start }
        if let node = root["variables"] { flow.variables = variables(node) }
        if let node = root["scores"] { flow.scores = scores(node) }
        if let node = root["summary"] { flow.summary = textValue(node, for: "summary") }
        if let node = root["follow_up"], let value = bool(node, for: "follow_up") { flow.followsUp = value }
        if let node = root["intention"], let name = string(node, for: "intention") {
            // A use, not a definition: lint reports a variable the flow never gives a value.
            flow.intention = name
            loaded.uses.append(.init(name: name, location: node.location))
        }
        if let pair = root.mappingPairs?.first(where: { $0.key.scalar == "next_steps" }) {
            flow.nextSteps = nextSteps(pair.value, key: pair.key)
        }
        if let node = root["next_steps_offer"], let count = int(node, for: "next_steps_offer", minimum: 1) {
            if count > 5 { error(node.location, "'next_steps_offer' is at most 5, found \(count): more is a list, not a choice") }
            flow.nextStepsOffer = min(count, 5)
        }
        if let node = root["assessment"] {
            flow.assessment = ExposureModel.load(node, reader: &reader)
            for name in flow.assessment?.producedNames ?? ExposureModel.producedNames { loaded.defined.insert(name) }
        }
        if let node = required(root, "nodes"), let pairs = mapping(node, for: "nodes") {
            if pairs.isEmpty { error(node.location, "'nodes' is empty; a flow needs at least an end node") }
            for (key, value) in pairs {
                guard let id = key.scalar, !key.isNull else {
                    error(key.location, "expected a node id, found \(YAMLReader.describe(key))")
                    continue
                }
                loaded.nodeLocations[id] = key.location
                flow.nodeOrder.append(id)
                if let node = self.node(id: id, key: key, value) { flow.nodes[id] = node }
            }
        }
        flow.location = root.location
        loaded.flow = flow
    }

    private mutating func variables(_ node: YAMLNode) -> [VariableDeclaration] {
        guard let pairs = mapping(node, for: "variables") else { return [] }
        var result: [VariableDeclaration] = []
        for (key, value) in pairs {
            guard let name = variableName(key, for: "variables") else { continue }
            guard mapping(value, for: name) != nil else { continue }
            checkKeys(value, allowed: ["type", "default"])
            guard let typeNode = required(value, "type", at: key.location), let typeName = string(typeNode, for: "type") else { continue }
            let type: VariableDeclaration.VariableType
            switch typeName {
            case "number": type = .number
            case "string", "text": type = .string
            case "bool": type = .bool
            case "list": type = .list
            default:
                error(typeNode.location, Spelling.suggest("unknown type '\(typeName)'", for: typeName, among: Self.variableTypes))
                continue
            }
            var defaultValue: Value
            switch type {
            // A `previous.` variable without a default is empty on a first session, so that a
            // `keep:` offers nothing rather than a made-up "last time: 0".
            case _ where name.hasPrefix(Flow.previousPrefix): defaultValue = .null
            case .number: defaultValue = .number(0)
            case .string: defaultValue = .string("")
            case .bool: defaultValue = .bool(false)
            case .list: defaultValue = .list([])
            }
            if let given = value["default"] {
                if let converted = convertDefault(given, type: type) {
                    defaultValue = converted
                } else {
                    let article = type == .bool ? "true or false" : type == .number ? "a number" : type == .list ? "a list" : "text"
                    error(given.location, "default \(YAMLReader.describe(given)) for '\(name)' is not \(article)")
                }
            }
            result.append(VariableDeclaration(name: name, type: type, defaultValue: defaultValue, location: key.location))
        }
        return result
    }

    private func convertDefault(_ node: YAMLNode, type: VariableDeclaration.VariableType) -> Value? {
        switch type {
        case .number: return node.number.map(Value.number)
        case .bool: return node.bool.map(Value.bool)
        case .string:
            guard let s = node.scalar, !node.isNull else { return nil }
            return .string(s)
        case .list:
            guard let items = node.sequenceItems else { return nil }
            var values: [Value] = []
            for item in items {
                guard item.scalar != nil else { return nil }
                values.append(scalarValue(item))
            }
            return .list(values)
        }
    }

    private mutating func scores(_ node: YAMLNode) -> [Assignment] {
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        if let items = node.sequenceItems {
            for item in items {
                guard let itemPairs = item.mappingPairs, itemPairs.count == 1 else {
                    error(item.location, "each score is one 'name: expression' pair, found \(YAMLReader.describe(item))")
                    continue
                }
                pairs += itemPairs
            }
        } else if let mappingPairs = node.mappingPairs {
            pairs = mappingPairs
        } else {
            error(node.location, "expected a list for 'scores', found \(YAMLReader.describe(node))")
        }
        return assignments(pairs, for: "scores")
    }

    private mutating func assignments(_ pairs: [(key: YAMLNode, value: YAMLNode)], for key: String) -> [Assignment] {
        var result: [Assignment] = []
        for (nameNode, valueNode) in pairs {
            guard let name = variableName(nameNode, for: key) else { continue }
            if let expression = expression(valueNode, for: name) {
                result.append(Assignment(name: name, expression: expression, location: nameNode.location))
            }
        }
        return result
    }

    private mutating func nextSteps(_ node: YAMLNode, key: YAMLNode) -> [NextStepRule] {
        guard let items = list(node, for: "next_steps") else { return [] }
        var rules: [NextStepRule] = []
        var sawElse = false
        for (index, item) in items.enumerated() {
            guard mapping(item, for: "next_steps") != nil else { continue }
            checkKeys(item, allowed: ["if", "step", "else", "say", "prompt", "family"])
            var condition: Expression?
            var step: String?
            if let elseNode = item["else"] {
                if index != items.count - 1 { error(elseNode.location, "'else' must come last in next_steps") }
                else { sawElse = true }
                step = string(elseNode, for: "else")
                if let ifNode = item["if"] { error(ifNode.location, "a next step has 'if' or 'else', not both") }
            } else {
                if let ifNode = required(item, "if") { condition = expression(ifNode, for: "if") }
                if let stepNode = required(item, "step") { step = string(stepNode, for: "step") }
            }
            var message: Text?
            if let sayNode = item["say"] { message = textValue(sayNode, for: "say") }
            if let promptNode = item["prompt"] {
                if item["say"] != nil { error(promptNode.location, "a next step has 'say' or 'prompt', not both") }
                else if let name = string(promptNode, for: "prompt") {
                    loaded.promptReferences.append(.init(name: name, location: promptNode.location))
                    message = .prompt(name: name, location: promptNode.location)
                }
            }
            if item["say"] == nil, item["prompt"] == nil { error(item.location, "missing key 'say' (or 'prompt')") }
            if let step, let message {
                var rule = NextStepRule(condition: condition, step: step, text: message, location: item.location)
                if let familyNode = item["family"] { rule.family = string(familyNode, for: "family") }
                rules.append(rule)
            }
        }
        if !sawElse, !items.isEmpty { error(key.location, "next_steps needs a final 'else'") }
        return rules
    }

    // MARK: - Nodes

    private mutating func node(id: String, key: YAMLNode, _ value: YAMLNode) -> Node? {
        guard let pairs = value.mappingPairs else {
            error(value.location, "expected a mapping for node '\(id)', found \(YAMLReader.describe(value))")
            return nil
        }
        let kinds = pairs.compactMap { $0.key.scalar }.filter { Self.kindKeys.contains($0) }
        let kind = kinds.first
        let allowed = kind.flatMap { Self.keysByKind[$0] } ?? Self.allNodeKeys
        var unknown = false
        for (k, _) in pairs {
            guard let name = k.scalar else {
                error(k.location, "expected a key, found \(YAMLReader.describe(k))")
                unknown = true
                continue
            }
            if allowed.contains(name) { continue }
            if let kind, Self.allNodeKeys.contains(name) {
                if !Self.kindKeys.contains(name) { error(k.location, "'\(name)' does not belong in \(kind == "ask" || kind == "end" ? "an" : "a") \(kind) node") }
            } else {
                error(k.location, Spelling.suggest("unknown key '\(name)'", for: name, among: allowed))
                unknown = true
            }
        }
        guard let kind else {
            if !unknown { error(key.location, "node '\(id)' needs one of \(Self.kindKeys.joined(separator: ", "))") }
            return nil
        }
        if kinds.count > 1, let second = pairs.first(where: { $0.key.scalar == kinds[1] }) {
            error(second.key.location, "node '\(id)' cannot have both '\(kind)' and '\(kinds[1])'")
            return nil
        }
        guard let body = value[kind] else { return nil }
        var next: String?
        if let nextNode = value["next"], kind != "branch", kind != "end" {
            next = nodeReference(nextNode, for: "next")
        }
        let needsNext: Bool
        let nodeKind: Node.Kind?
        switch kind {
        case "say":
            needsNext = true
            nodeKind = textValue(body, for: "say").map(Node.Kind.say)
        case "ask":
            let question = self.question(value, body: body)
            if case .choice(let options)? = question?.input, !options.isEmpty, options.allSatisfy({ $0.next != nil }) {
                needsNext = false
            } else {
                needsNext = true
            }
            nodeKind = question.map(Node.Kind.ask)
        case "set":
            needsNext = true
            if let pairs = mapping(body, for: "set") { nodeKind = .set(assignments(pairs, for: "set")) } else { nodeKind = nil }
        case "branch":
            needsNext = false
            nodeKind = branch(body, key: pairs.first { $0.key.scalar == "branch" }?.key ?? key)
        case "reflect":
            needsNext = true
            nodeKind = reflect(body).map(Node.Kind.reflect)
        case "loop":
            needsNext = true
            nodeKind = loop(id: id, body).map(Node.Kind.loop)
        case "call":
            needsNext = true
            if let target = string(body, for: "call") {
                loaded.calls.append((node: id, target: .init(name: target, location: body.location)))
                nodeKind = .call(flow: target)
            } else {
                nodeKind = nil
            }
        case "classify", "match_occupation":
            needsNext = true
            nodeKind = lookup(kind, body).map(Node.Kind.lookup)
        default:
            needsNext = false
            nodeKind = body.isNull ? .end(nil) : textValue(body, for: "end").map { Node.Kind.end($0) }
        }
        if needsNext, value["next"] == nil { error(key.location, "missing key 'next'") }
        if kind == "ask", !needsNext, value["next"] == nil, value["on_give_up"] == nil {
            reader.warning(key, "node '\(id)' has no 'next' or 'on_give_up'; giving up or skipping ends the flow")
        }
        guard let nodeKind else { return nil }
        return Node(id: id, kind: nodeKind, next: next, location: key.location)
    }

    private mutating func question(_ node: YAMLNode, body: YAMLNode) -> Question? {
        let prompt = textValue(body, for: "ask")
        var input = InputKind.text(minLength: 0)
        if let inputNode = node["input"] {
            guard let parsed = self.input(inputNode) else { return nil }
            input = parsed
        }
        guard let prompt else { return nil }
        var question = Question(prompt: prompt, input: input)
        if let n = node["save"] { question.save = variableName(n, for: "save") }
        if let n = node["reask"] { question.reask = textValue(n, for: "reask") }
        if let n = node["help"] { question.help = textValue(n, for: "help") }
        if let n = node["max_reasks"], let count = int(n, for: "max_reasks", minimum: 0) { question.maxReasks = count }
        if let n = node["on_give_up"] { question.onGiveUp = nodeReference(n, for: "on_give_up") }
        if let n = node["skippable"], let flag = bool(n, for: "skippable") { question.skippable = flag }
        if let n = node["fill_from"] {
            question.fillFrom = expression(n, for: "fill_from")
            guard case .number(_, _, _, .some) = input else {
                error(n.location, "'fill_from' needs a number input with a unit ('unit: years' or 'unit: percent'), so only an answer given with its unit is taken")
                return question
            }
        }
        if let n = node["keep"] {
            question.keep = expression(n, for: "keep")
            if case .multi = input { error(n.location, "'keep' works with text, number, scale, yes/no and choice questions, not 'multi'") }
        }
        return question
    }

    private mutating func input(_ node: YAMLNode) -> InputKind? {
        if let name = node.scalar, !node.isNull {
            switch name {
            case "text": return .text(minLength: 0)
            case "yesno": return .yesno
            case "number": return .number(min: nil, max: nil, integer: false)
            case "choice", "multi": error(node.location, "input '\(name)' needs its options"); return nil
            case "scale": error(node.location, "input 'scale' needs 'max'"); return nil
            default:
                error(node.location, Spelling.suggest("unknown input '\(name)'", for: name, among: Self.inputKinds))
                return nil
            }
        }
        guard let pairs = node.mappingPairs, !pairs.isEmpty else {
            error(node.location, "expected an input kind for 'input', found \(YAMLReader.describe(node))")
            return nil
        }
        for (k, _) in pairs {
            let name = k.scalar ?? ""
            if !Self.inputKinds.contains(name) {
                error(k.location, Spelling.suggest("unknown input '\(name)'", for: name, among: Self.inputKinds))
                return nil
            }
        }
        if pairs.count > 1 {
            error(pairs[1].key.location, "an input has one kind, found '\(pairs[0].key.scalar ?? "")' and '\(pairs[1].key.scalar ?? "")'")
            return nil
        }
        let (key, params) = pairs[0]
        switch key.scalar ?? "" {
        case "text":
            if params.isNull { return .text(minLength: 0) }
            guard mapping(params, for: "text") != nil else { return nil }
            checkKeys(params, allowed: ["min_length"])
            let minLength = params["min_length"].flatMap { int($0, for: "min_length", minimum: 0) } ?? 0
            return .text(minLength: minLength)
        case "yesno":
            if !params.isNull { checkKeys(params, allowed: []) }
            return .yesno
        case "choice":
            guard let options = options(params, kind: "choice", key: key) else { return nil }
            return .choice(options)
        case "multi":
            guard let options = options(params, kind: "multi", key: key) else { return nil }
            var minimum = 1
            var maximum: Int?
            if params.mappingPairs != nil {
                if let n = params["min"], let v = int(n, for: "min", minimum: 0) { minimum = v }
                if let n = params["max"], let v = int(n, for: "max", minimum: 1) { maximum = v }
                if let maximum, minimum > maximum, let n = params["min"] {
                    error(n.location, "multi min \(minimum) is more than max \(maximum)")
                    return nil
                }
            }
            return .multi(options, min: minimum, max: maximum)
        case "scale":
            guard mapping(params, for: "scale") != nil else { return nil }
            checkKeys(params, allowed: ["min", "max", "labels"])
            let minimum = params["min"].flatMap { int($0, for: "min") } ?? 1
            guard let maxNode = required(params, "max", at: key.location), let maximum = int(maxNode, for: "max") else { return nil }
            if minimum >= maximum {
                error((params["min"] ?? maxNode).location, "scale min \(minimum) must be less than max \(maximum)")
                return nil
            }
            var labels = ("", "")
            if let labelsNode = params["labels"], let items = list(labelsNode, for: "labels") {
                if items.count != 2 {
                    error(labelsNode.location, "'labels' needs 2 items (low end, high end), found \(items.count)")
                } else if let low = string(items[0], for: "labels"), let high = string(items[1], for: "labels") {
                    labels = (low, high)
                }
            }
            return .scale(min: minimum, max: maximum, minLabel: labels.0, maxLabel: labels.1)
        default:
            if params.isNull { return .number(min: nil, max: nil, integer: false) }
            guard mapping(params, for: "number") != nil else { return nil }
            checkKeys(params, allowed: ["min", "max", "integer", "unit"])
            var unit: NumberUnit?
            if let n = params["unit"], let word = string(n, for: "unit") {
                unit = NumberUnit(rawValue: word)
                if unit == nil {
                    error(n.location, "unknown unit '\(word)' (use " + NumberUnit.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ") + ")")
                }
            }
            let minimum = params["min"].flatMap { double($0, for: "min") }
            let maximum = params["max"].flatMap { double($0, for: "max") }
            let integer = params["integer"].flatMap { bool($0, for: "integer") } ?? false
            if let minimum, let maximum, minimum > maximum, let n = params["min"] {
                error(n.location, "number min \(Value.number(minimum).text) is more than max \(Value.number(maximum).text)")
                return nil
            }
            return .number(min: minimum, max: maximum, integer: integer, unit: unit)
        }
    }

    private mutating func options(_ params: YAMLNode, kind: String, key: YAMLNode) -> [ChoiceOption]? {
        let itemsNode: YAMLNode
        if params.mappingPairs != nil {
            checkKeys(params, allowed: kind == "multi" ? ["options", "min", "max"] : ["options"])
            guard let n = required(params, "options", at: key.location) else { return nil }
            itemsNode = n
        } else {
            itemsNode = params
        }
        guard let items = list(itemsNode, for: kind) else { return nil }
        var options: [ChoiceOption] = []
        for item in items {
            if let label = item.scalar, !item.isNull {
                options.append(ChoiceOption(label: label))
                continue
            }
            guard mapping(item, for: "option") != nil else { continue }
            checkKeys(item, allowed: kind == "choice" ? ["label", "value", "next"] : ["label", "value"])
            guard let labelNode = required(item, "label"), let label = string(labelNode, for: "label") else { continue }
            var option = ChoiceOption(label: label)
            if let valueNode = item["value"] {
                if valueNode.scalar != nil { option.value = scalarValue(valueNode) }
                else { error(valueNode.location, "expected a single value for 'value', found \(YAMLReader.describe(valueNode))") }
            }
            if let nextNode = item["next"] { option.next = nodeReference(nextNode, for: "next") }
            options.append(option)
        }
        if items.count < 2 {
            error(key.location, "a \(kind) needs at least 2 options, found \(items.count)")
            return nil
        }
        return options
    }

    private mutating func branch(_ body: YAMLNode, key: YAMLNode) -> Node.Kind? {
        guard let items = list(body, for: "branch") else { return nil }
        var arms: [BranchArm] = []
        var otherwise: String?
        for (index, item) in items.enumerated() {
            guard mapping(item, for: "branch") != nil else { continue }
            if let elseNode = item["else"] {
                checkKeys(item, allowed: ["else"])
                if index != items.count - 1 { error(elseNode.location, "'else' must come last in a branch") }
                otherwise = nodeReference(elseNode, for: "else")
            } else {
                checkKeys(item, allowed: ["if", "goto"])
                let condition = required(item, "if").flatMap { expression($0, for: "if") }
                let target = required(item, "goto").flatMap { nodeReference($0, for: "goto") }
                if let condition, let target {
                    arms.append(BranchArm(condition: condition, target: target, location: item.location))
                }
            }
        }
        if items.last?["else"] == nil { error(key.location, "a branch needs a final 'else'") }
        return .branch(arms: arms, otherwise: otherwise)
    }

    private mutating func reflect(_ body: YAMLNode) -> Reflect? {
        if let name = body.scalar, !body.isNull {
            loaded.ruleSetReferences.append(.init(name: name, location: body.location))
            return Reflect(ruleSet: name)
        }
        guard mapping(body, for: "reflect") != nil else { return nil }
        checkKeys(body, allowed: ["rules", "on", "save", "wait", "answer", "acknowledge"])
        guard let rulesNode = required(body, "rules"), let name = string(rulesNode, for: "rules") else { return nil }
        loaded.ruleSetReferences.append(.init(name: name, location: rulesNode.location))
        var reflect = Reflect(ruleSet: name)
        if let n = body["on"] { reflect.source = expression(n, for: "on") }
        if let n = body["save"] { reflect.save = variableName(n, for: "save") }
        if let n = body["wait"], let word = string(n, for: "wait") {
            if let wait = Reflect.Wait(rawValue: word) {
                reflect.wait = wait
            } else {
                error(n.location, "unknown wait '\(word)' (use " + Reflect.Wait.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ") + ")")
            }
        }
        if let n = body["answer"] { reflect.answer = variableName(n, for: "answer") }
        if let n = body["acknowledge"] { reflect.acknowledge = textValue(n, for: "acknowledge") }
        return reflect
    }

    /// `classify: {text: expr, save: name}` or `match_occupation: {title: expr, save: name}`.
    private mutating func lookup(_ kind: String, _ body: YAMLNode) -> Lookup? {
        guard let service = Lookup.Service(rawValue: kind), mapping(body, for: kind) != nil else { return nil }
        let sourceKey = service == .classify ? "text" : "title"
        checkKeys(body, allowed: [sourceKey, "save"])
        let source = required(body, sourceKey).flatMap { expression($0, for: sourceKey) }
        let save = required(body, "save").flatMap { variableName($0, for: "save") }
        guard let source, let save else { return nil }
        let lookup = Lookup(service: service, source: source, save: save)
        for name in lookup.producedNames { loaded.defined.insert(name) }
        return lookup
    }

    private mutating func loop(id: String, _ body: YAMLNode) -> Loop? {
        guard mapping(body, for: "loop") != nil else { return nil }
        checkKeys(body, allowed: ["while", "do", "max", "counter", "item", "expect", "number"])
        let condition = required(body, "while").flatMap { expression($0, for: "while") }
        let doNode = required(body, "do")
        let target = doNode.flatMap { nodeReference($0, for: "do") }
        if let doNode { loaded.loopBodyLocations[id] = doNode.location }
        guard let condition, let target else { return nil }
        var loop = Loop(condition: condition, body: target)
        if let n = body["max"], let v = int(n, for: "max", minimum: 1) { loop.maxPasses = v }
        if let n = body["counter"] { loop.counter = variableName(n, for: "counter") }
        if let n = body["expect"], let v = int(n, for: "expect", minimum: 1) { loop.expectedPasses = v }
        if let n = body["item"] { loop.item = string(n, for: "item") }
        if let n = body["number"] { loop.number = expression(n, for: "number") }
        return loop
    }

    // MARK: - Values

    /// Inline text (a template) or `{prompt: name}`.
    private mutating func textValue(_ node: YAMLNode, for key: String) -> Text? {
        if let source = node.scalar, !node.isNull {
            let template: Template
            do {
                template = try Template(source, location: node.location)
            } catch {
                self.error(error.location, error.message)
                return nil
            }
            for name in template.referencedNames {
                let offset = Self.templateOffset(of: name, in: source) ?? 0
                loaded.uses.append(.init(name: name, location: reader.location(ofOffset: offset, in: node)))
            }
            for partial in Self.partials(in: source) {
                loaded.promptReferences.append(.init(name: partial.name, location: reader.location(ofOffset: partial.offset, in: node)))
            }
            if template.shape.partials.contains(where: { $0.insideParent != nil }) { loaded.inlineTemplates.append(template) }
            return .inline(template)
        }
        if node.mappingPairs != nil {
            checkKeys(node, allowed: ["prompt"])
            guard let nameNode = required(node, "prompt"), let name = string(nameNode, for: "prompt") else { return nil }
            loaded.promptReferences.append(.init(name: name, location: nameNode.location))
            return .prompt(name: name, location: nameNode.location)
        }
        error(node.location, "expected text or {prompt: name} for '\(key)', found \(YAMLReader.describe(node))")
        return nil
    }

    /// The partials a template includes (`{{> name}}`, `{{< parent}}`), with the Character offset of
    /// each name, read the way the Mustache parser reads them (changed delimiters included).
    static func partials(in source: String) -> [(name: String, offset: Int)] {
        TemplateShape(source, limit: Int.max).partials.filter { !$0.name.isEmpty }.map { ($0.name, $0.offset) }
    }

    /// Offset of `name` inside the first `{{...}}` tag that names it.
    static func templateOffset(of name: String, in source: String) -> Int? {
        let chars = Array(source)
        let target = Array(name)
        var i = 0
        while i + 1 < chars.count {
            guard chars[i] == "{", chars[i + 1] == "{" else { i += 1; continue }
            var j = i + 2
            while j + 1 < chars.count, !(chars[j] == "}" && chars[j + 1] == "}") {
                if chars[j...].starts(with: target) { return j }
                j += 1
            }
            i = j + 2
        }
        return nil
    }

    private mutating func expression(_ node: YAMLNode, for key: String) -> Expression? {
        guard let source = node.scalar, !node.isNull else {
            error(node.location, "expected an expression for '\(key)', found \(YAMLReader.describe(node))")
            return nil
        }
        switch Expression.parseResult(source) {
        case .failure(let problem):
            error(reader.location(ofOffset: problem.offset, in: node), problem.message)
            return nil
        case .success(let expression):
            for name in expression.variableNames {
                let offset = Expression.offset(ofName: name, in: source) ?? 0
                loaded.uses.append(.init(name: name, location: reader.location(ofOffset: offset, in: node)))
            }
            return expression
        }
    }

    private mutating func nodeReference(_ node: YAMLNode, for key: String) -> String? {
        guard let name = string(node, for: key) else { return nil }
        loaded.nodeReferences.append(.init(name: name, location: node.location))
        return name
    }

    /// A variable name (letters, digits, `_`, dots between parts) that the flow gives a value.
    private mutating func variableName(_ node: YAMLNode, for key: String) -> String? {
        guard let name = string(node, for: key) else { return nil }
        let valid = name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.first, first.isLetter || first == "_" else { return false }
            return part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        }
        if !valid {
            error(node.location, "'\(name)' is not a variable name (letters, digits and '_', parts joined by '.')")
            return nil
        }
        loaded.defined.insert(name)
        return name
    }

    private mutating func string(_ node: YAMLNode, for key: String) -> String? {
        reader.text(node, else: "expected text for '\(key)', found \(YAMLReader.describe(node))")
    }

    private mutating func int(_ node: YAMLNode, for key: String, minimum: Int? = nil) -> Int? {
        guard let n = reader.wholeNumber(node, else: "expected a whole number for '\(key)', found \(YAMLReader.describe(node))") else { return nil }
        if let minimum, n < minimum {
            error(node.location, "'\(key)' must be \(minimum) or more, found \(YAMLReader.describe(node))")
            return nil
        }
        return n
    }

    private mutating func double(_ node: YAMLNode, for key: String) -> Double? {
        if let n = node.number, n.isFinite { return n }
        error(node.location, "expected a number for '\(key)', found \(YAMLReader.describe(node))")
        return nil
    }

    private mutating func bool(_ node: YAMLNode, for key: String) -> Bool? {
        if let b = node.bool { return b }
        error(node.location, "expected true or false for '\(key)', found \(YAMLReader.describe(node))")
        return nil
    }

    private mutating func mapping(_ node: YAMLNode, for key: String) -> [(key: YAMLNode, value: YAMLNode)]? {
        reader.mapping(node, else: "expected a mapping for '\(key)', found \(YAMLReader.describe(node))")
    }

    private mutating func list(_ node: YAMLNode, for key: String) -> [YAMLNode]? {
        reader.list(node, else: "expected a list for '\(key)', found \(YAMLReader.describe(node))")
    }

    /// The value under `key`, or an error "missing key" at `location` (the mapping's own by default).
    private mutating func required(_ node: YAMLNode, _ key: String, at location: SourceLocation? = nil) -> YAMLNode? {
        if let value = node[key] { return value }
        if node.mappingPairs != nil { error(location ?? node.location, "missing key '\(key)'") }
        return nil
    }

    private mutating func checkKeys(_ node: YAMLNode, allowed: [String]) {
        reader.checkKeys(node.mappingPairs ?? [], allowed: allowed, notAKey: { "expected a key, found \(YAMLReader.describe($0))" }) {
            Spelling.suggest("unknown key '\($0)'", for: $0, among: allowed)
        }
    }

    private func scalarValue(_ node: YAMLNode) -> Value {
        if node.isNull { return .null }
        if let b = node.bool { return .bool(b) }
        if let n = node.number { return .number(n) }
        return .string(node.scalar ?? "")
    }

    private mutating func error(_ location: SourceLocation, _ message: String) {
        reader.error(location, message)
    }
}

// MARK: - Shared with other loaders in the module

extension FlowLoader {
    /// Parses an `input:` value the way flow files spell it (used by the group-exercise loader).
    static func inputKind(_ node: YAMLNode, file: SourceFile, diagnostics: inout [Diagnostic]) -> InputKind? {
        var loader = FlowLoader(file: file, root: node)
        let kind = loader.input(node)
        diagnostics += loader.reader.diagnostics
        return kind
    }

    /// Parses inline text or `{prompt: name}`; returns the text and the prompt names it uses.
    static func text(_ node: YAMLNode, for key: String, file: SourceFile,
                     diagnostics: inout [Diagnostic]) -> (text: Text, prompts: [(name: String, location: SourceLocation)])? {
        var loader = FlowLoader(file: file, root: node)
        let value = loader.textValue(node, for: key)
        diagnostics += loader.reader.diagnostics
        return value.map { ($0, loader.loaded.promptReferences.map { ($0.name, $0.location) }) }
    }
}
