extension SafetyNet {
    /// True when the file's top-level mapping says `kind: safety-net`.
    static func isSafetyNet(_ root: YAMLNode) -> Bool { root["kind"]?.scalar == "safety-net" }

    /// Loads and checks a `kind: safety-net` file; nil when it has errors (each one a diagnostic).
    static func load(_ root: YAMLNode, file: SourceFile, diagnostics: inout [Diagnostic]) -> SafetyNet? {
        var loader = SafetyNetLoader(file: file)
        let net = loader.load(root)
        diagnostics += loader.diagnostics
        return loader.diagnostics.contains { $0.severity == .error } ? nil : net
    }
}

/// Checks a safety-net file and compiles its phrases into word ids and concept indexes.
struct SafetyNetLoader {
    static let rootKeys = ["kind", "id", "description", "fuzzy", "not_typos", "substitutions", "barriers",
                           "ordinary_after", "first_person", "fillers", "concepts", "guards", "default_unless", "rules", "check_answers"]
    static let conceptKeys = ["label", "phrases"]
    static let guardKeys = ["label", "phrases", "scope", "effect", "spares"]
    static let ruleKeys = ["id", "tier", "category", "screen", "match", "near", "within", "not_near", "unless"]
    static let categories = ["suicide", "self-harm", "harm-others", "abuse"]
    static let screens = ["wish-to-be-dead", "active-thoughts", "method", "intent", "plan", "preparatory",
                          "past-behaviour", "self-harm", "abuse", "harm-to-others"]
    /// Longest gap a phrase may name (`*8`).
    static let maxGap = 8

    let file: SourceFile
    private var reader: YAMLReader
    var diagnostics: [Diagnostic] { reader.diagnostics }
    private var vocabulary: [String: Int32] = [:]
    private var substitutions: [String: [String]] = [:]
    private var conceptIndex: [String: Int] = [:]
    private var guardIndex: [String: Int] = [:]

    init(file: SourceFile) {
        self.file = file
        self.reader = YAMLReader(file: file)
    }

    private mutating func error(_ node: YAMLNode, _ message: String) { reader.error(node, message) }

    private mutating func warning(_ node: YAMLNode, _ message: String) { reader.warning(node, message) }

    private mutating func checkKeys(_ node: YAMLNode, allowed: [String], in place: String) {
        reader.checkKeys(node.mappingPairs ?? [], allowed: allowed) { Spelling.suggest("unknown key '\($0)' in \(place)", for: $0, among: allowed) }
    }

    private mutating func string(_ node: YAMLNode, _ what: String) -> String? {
        reader.text(node, else: "\(what) must be a string, found \(node.isNull ? "nothing" : node.kindName)")
    }

    private mutating func strings(_ node: YAMLNode, _ what: String) -> [(String, YAMLNode)] {
        if node.scalar != nil, !node.isNull { return string(node, what).map { [($0, node)] } ?? [] }
        guard let items = node.sequenceItems else {
            error(node, "\(what) must be a list of strings, found \(node.kindName)")
            return []
        }
        return items.compactMap { item in string(item, what).map { ($0, item) } }
    }

    private mutating func intern(_ word: String) -> Int32 {
        if let id = vocabulary[word] { return id }
        let id = Int32(vocabulary.count)
        vocabulary[word] = id
        return id
    }

    /// A phrase word as input words: lower case, apostrophes dropped, split at other marks.
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var word = String.UnicodeScalarView()
        func flush() {
            if !word.isEmpty { out.append(String(word)) }
            word = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if scalar == "'" || scalar == "\u{2019}" { continue }
            // ASCII without a String per letter: the bundled net has thousands of phrases.
            if scalar.isASCII {
                let value = UInt8(truncatingIfNeeded: scalar.value)
                switch value {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(Unicode.Scalar(value + 32))
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(scalar)
                default: flush()
                }
            } else if scalar.properties.isAlphabetic {
                word.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    // MARK: Load

    mutating func load(_ root: YAMLNode) -> SafetyNet? {
        checkKeys(root, allowed: Self.rootKeys, in: "safety net")
        var id = "safety"
        if let node = root["id"], let value = string(node, "'id'") { id = value }
        if let node = root["description"] { _ = string(node, "'description'") }
        var fuzzyMinimum = 6
        if let node = root["fuzzy"] {
            if let n = node.number, n >= 4, n <= 20, n == n.rounded() { fuzzyMinimum = Int(n) } else {
                error(node, "'fuzzy' must be a whole number from 4 to 20 (the shortest word a typo is forgiven in)")
            }
        }
        if let node = root["substitutions"] {
            if let pairs = node.mappingPairs {
                for pair in pairs {
                    guard let from = pair.key.scalar, let to = string(pair.value, "a substitution") else { continue }
                    let key = Self.words(from)
                    guard key.count == 1 else { error(pair.key, "substitution '\(from)' must be one word"); continue }
                    substitutions[key[0]] = Self.words(to)
                }
            } else {
                error(node, "'substitutions' must be a mapping of word: replacement, found \(node.kindName)")
            }
        }

        // Concepts first by name, so phrases may name any concept wherever it is defined.
        let conceptPairs = root["concepts"]?.mappingPairs ?? []
        if let node = root["concepts"], node.mappingPairs == nil { error(node, "'concepts' must be a mapping of name: phrases, found \(node.kindName)") }
        if root["concepts"] == nil { error(root, "a safety net needs 'concepts'") }
        for (index, pair) in conceptPairs.enumerated() {
            let name = pair.key.scalar ?? ""
            if conceptIndex[name] != nil { error(pair.key, "duplicate concept '\(name)'") }
            conceptIndex[name] = index
        }
        let guardPairs = root["guards"]?.mappingPairs ?? []
        if let node = root["guards"], node.mappingPairs == nil { error(node, "'guards' must be a mapping of name: phrases, found \(node.kindName)") }
        for (index, pair) in guardPairs.enumerated() {
            let name = pair.key.scalar ?? ""
            if guardIndex[name] != nil { error(pair.key, "duplicate guard '\(name)'") }
            guardIndex[name] = index
        }

        var concepts: [SafetyNet.Concept] = []
        for pair in conceptPairs {
            let name = pair.key.scalar ?? ""
            let (label, phrases) = labelled(pair.value, what: "concept '\(name)'")
            concepts.append(SafetyNet.Concept(name: name, label: label ?? name, phrases: phrases))
        }
        var guards: [SafetyNet.Guard] = []
        for pair in guardPairs {
            let name = pair.key.scalar ?? ""
            var wholeLine = false
            var evenFirstPerson = false
            if let scope = pair.value["scope"] {
                switch scope.scalar {
                case "line": wholeLine = true
                case "any": (wholeLine, evenFirstPerson) = (true, true)
                case "overlap": wholeLine = false
                default: error(scope, "guard '\(name)': scope must be 'overlap', 'line' or 'any', found '\(scope.scalar ?? scope.kindName)'")
                }
            }
            var demotes = false
            if let effect = pair.value["effect"] {
                switch effect.scalar {
                case "cancel": demotes = false
                case "demote": demotes = true
                default: error(effect, "guard '\(name)': effect must be 'cancel' or 'demote', found '\(effect.scalar ?? effect.kindName)'")
                }
            }
            let (label, phrases) = labelled(pair.value, what: "guard '\(name)'", keys: Self.guardKeys)
            var guarded = SafetyNet.Guard(name: name, label: label ?? name, phrases: phrases, wholeLine: wholeLine,
                                          evenFirstPerson: evenFirstPerson, demotes: demotes)
            if let node = pair.value["spares"] {
                guarded.spares = strings(node, "a 'spares' phrase").compactMap { phrase($0.0, node: $0.1) }
            }
            guards.append(guarded)
        }
        checkCycles(concepts, pairs: conceptPairs)

        var defaultUnless: [(Int, Bool)] = []
        if let node = root["default_unless"] { defaultUnless = guardEntries(node) }

        var rules: [SafetyNet.Rule] = []
        var ruleIDs: Set<String> = []
        if let node = root["rules"] {
            if let items = node.sequenceItems {
                for item in items {
                    if let rule = self.rule(item, defaultUnless: defaultUnless, concepts: concepts) {
                        if !ruleIDs.insert(rule.id).inserted { error(item, "duplicate rule id '\(rule.id)'") }
                        rules.append(rule)
                    }
                }
            } else {
                error(node, "'rules' must be a list, found \(node.kindName)")
            }
        } else {
            error(root, "a safety net needs 'rules'")
        }
        // Crisis rules first, so a line stops at the first clear-risk match.
        rules = rules.filter { $0.tier == .crisis } + rules.filter { $0.tier != .crisis }

        let barriers = root["barriers"].map { wordSet($0, what: "barrier") } ?? WordMask()
        // A barrier word that is also an ordinary word is that word after these: "the shed", "i shed".
        var ordinaryWords: [Int32] = []
        var ordinaryAfter: [WordMask] = []
        if let node = root["ordinary_after"] {
            if let pairs = node.mappingPairs {
                for (key, value) in pairs {
                    guard let text = string(key, "an ordinary_after word") else { continue }
                    let parts = Self.words(text)
                    guard parts.count == 1, let id = vocabulary[parts[0]], barriers.contains(id) else {
                        error(key, "ordinary_after names '\(text)', which is not a barrier word")
                        continue
                    }
                    ordinaryWords.append(id)
                    ordinaryAfter.append(wordSet(value, what: "word before '\(text)'"))
                }
            } else {
                error(node, "'ordinary_after' must map a barrier word to the words after which it is an ordinary word, found \(node.kindName)")
            }
        }
        let firstPerson = root["first_person"].map { wordSet($0, what: "first-person word") } ?? WordMask()
        let fillers = root["fillers"].map { wordSet($0, what: "filler") } ?? WordMask()
        // A filler is passed over; a barrier (a negation, another person, "but") must never be.
        if let node = root["fillers"], let both = fillers.members.first(where: barriers.contains),
           let word = vocabulary.first(where: { $0.value == both })?.key {
            error(node, "filler '\(word)' is also a barrier; a phrase may not pass over it")
        }

        var clearNo: [SafetyNet.Phrase] = []
        var notClear: [SafetyNet.Phrase] = []
        if let node = root["check_answers"] {
            checkKeys(node, allowed: ["no", "not_clear"], in: "check_answers")
            if let no = node["no"] { clearNo = strings(no, "a clear 'no'").compactMap { phrase($0.0, node: $0.1) } }
            if let unclear = node["not_clear"] { notClear = strings(unclear, "a 'not clear' phrase").compactMap { phrase($0.0, node: $0.1) } }
        }
        if clearNo.isEmpty { error(root, "a safety net needs 'check_answers' with 'no' phrases (what ends a gentle check)") }

        var notTypos: Set<String> = []
        if let node = root["not_typos"] { notTypos = Set(strings(node, "a word").flatMap { Self.words($0.0) }) }
        var deletions: [String: Int32] = [:]
        for (word, id) in vocabulary where word.unicodeScalars.count >= fuzzyMinimum {
            let scalars = Array(word.unicodeScalars)
            for index in scalars.indices {
                var shorter = scalars
                shorter.remove(at: index)
                let key = String(String.UnicodeScalarView(shorter))
                if let other = deletions[key], other != id { deletions[key] = SafetyNet.unknownWord } else { deletions[key] = id }
            }
        }
        // A real word that is one edit from a lexicon word is never read as that word.
        for word in notTypos where vocabulary[word] == nil { vocabulary[word] = SafetyNet.unknownWord }

        // First and required words, so the matcher can skip phrases that cannot match here.
        var firsts = FirstWords(concepts: concepts)
        for c in concepts.indices { concepts[c].phrases = firsts.compile(concepts[c].phrases) }
        for r in rules.indices {
            rules[r].phrases = firsts.compile(rules[r].phrases)
            rules[r].near = rules[r].near.map { firsts.compile($0) }
            rules[r].notNear = firsts.compile(rules[r].notNear)
        }
        for g in guards.indices {
            guards[g].phrases = firsts.compile(guards[g].phrases)
            guards[g].spares = firsts.compile(guards[g].spares)
        }
        clearNo = firsts.compile(clearNo)
        notClear = firsts.compile(notClear)
        // The words a phrase cannot do without, rarest first: a line usually lacks the rarest, so
        // most phrases are ruled out by their first mask (and a list by the union of those).
        var uses: [Int32: Int] = [:]
        let all = concepts.flatMap(\.phrases) + rules.flatMap { $0.phrases + $0.near.flatMap { $0 } + $0.notNear }
            + guards.flatMap { $0.phrases + $0.spares } + clearNo + notClear
        for phrase in all {
            for mask in phrase.required {
                for word in mask.members { uses[word, default: 0] += 1 }
            }
        }
        func rarestFirst(_ phrases: [SafetyNet.Phrase]) -> [SafetyNet.Phrase] {
            phrases.map { phrase in
                var ordered = phrase
                let scored = phrase.required.map { mask in (mask, mask.members.reduce(0) { $0 + (uses[$1] ?? 0) }) }
                // A stable order: ties keep the phrase's own order, so the compiled net is the same each load.
                ordered.required = scored.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element.0)
                return ordered
            }
        }
        for c in concepts.indices { concepts[c].phrases = rarestFirst(concepts[c].phrases) }
        for r in rules.indices {
            rules[r].phrases = rarestFirst(rules[r].phrases)
            rules[r].near = rules[r].near.map(rarestFirst)
            rules[r].notNear = rarestFirst(rules[r].notNear)
        }
        for g in guards.indices {
            guards[g].phrases = rarestFirst(guards[g].phrases)
            guards[g].spares = rarestFirst(guards[g].spares)
        }

        var net = SafetyNet(id: id, vocabulary: vocabulary, substitutions: substitutions, concepts: concepts, rules: rules,
                         guards: guards, barriers: barriers, firstPerson: firstPerson, deletions: deletions, fuzzyMinimum: fuzzyMinimum,
                         clearNo: clearNo, notClear: notClear)
        net.fillers = fillers
        net.ordinaryWords = ordinaryWords
        net.possessive = vocabulary["my"].map(Int.init) ?? -1
        net.ordinaryAfter = ordinaryAfter
        var spellings = Array(repeating: "", count: vocabulary.values.reduce(0) { max($0, Int($1) + 1) })
        for (word, id) in vocabulary where id >= 0 { spellings[Int(id)] = word }
        net.spellings = spellings
        net.index()
        return net
    }

    /// A list of single words, as word ids.
    private mutating func wordSet(_ node: YAMLNode, what: String) -> WordMask {
        var out = WordMask()
        for (word, item) in strings(node, "a \(what)") {
            let parts = Self.words(word)
            guard parts.count == 1 else {
                error(item, "\(what) '\(word)' must be one word")
                continue
            }
            out.insert(intern(parts[0]))
        }
        return out
    }

    /// `[phrases…]`, one phrase, or `{label:, phrases:}`.
    private mutating func labelled(_ node: YAMLNode, what: String, keys: [String] = SafetyNetLoader.conceptKeys) -> (String?, [SafetyNet.Phrase]) {
        var label: String?
        var list = node
        if node.mappingPairs != nil {
            checkKeys(node, allowed: keys, in: what)
            if let l = node["label"] { label = string(l, "'label'") }
            guard let phrases = node["phrases"] else {
                error(node, "\(what) needs 'phrases'")
                return (label, [])
            }
            list = phrases
        }
        let phrases = strings(list, "a phrase of \(what)").compactMap { phrase($0.0, node: $0.1) }
        if phrases.isEmpty { error(node, "\(what) has no phrases") }
        return (label, phrases)
    }

    /// Guard names; a trailing `!` (`professional!`) makes a whole-line guard cancel first-person
    /// matches too.
    private mutating func guardList(_ node: YAMLNode) -> [Int] { guardEntries(node).map(\.0) }

    private mutating func guardEntries(_ node: YAMLNode) -> [(Int, Bool)] {
        strings(node, "a guard name").compactMap { written, item in
            let forced = written.hasSuffix("!")
            let name = forced ? String(written.dropLast()) : written
            guard let index = guardIndex[name] else {
                error(item, Spelling.suggest("unknown guard '\(name)'", for: name, among: guardIndex.keys.sorted()))
                return nil
            }
            return (index, forced)
        }
    }

    private mutating func rule(_ node: YAMLNode, defaultUnless: [(Int, Bool)], concepts: [SafetyNet.Concept]) -> SafetyNet.Rule? {
        guard node.mappingPairs != nil else {
            error(node, "a rule must be a mapping with 'id', 'tier', 'category' and 'match', found \(node.kindName)")
            return nil
        }
        checkKeys(node, allowed: Self.ruleKeys, in: "a rule")
        guard let idNode = node["id"], let id = string(idNode, "a rule's 'id'") else {
            if node["id"] == nil { error(node, "a rule needs an 'id'") }
            return nil
        }
        var tier = SafetyNet.Tier.crisis
        if let t = node["tier"] {
            switch t.scalar {
            case "crisis": tier = .crisis
            case "check": tier = .check
            default: error(t, "rule '\(id)': tier must be 'crisis' or 'check', found '\(t.scalar ?? t.kindName)'")
            }
        } else {
            error(node, "rule '\(id)' needs a 'tier' (crisis or check)")
        }
        var category = ""
        if let c = node["category"], let value = string(c, "'category'") {
            if Self.categories.contains(value) { category = value } else {
                error(c, Spelling.suggest("rule '\(id)': unknown category '\(value)' (expected \(Self.categories.joined(separator: ", ")))",
                                          for: value, among: Self.categories))
            }
        } else if node["category"] == nil {
            error(node, "rule '\(id)' needs a 'category'")
        }
        var screen = ""
        if let s = node["screen"], let value = string(s, "'screen'") {
            if Self.screens.contains(value) { screen = value } else {
                error(s, Spelling.suggest("rule '\(id)': unknown screen item '\(value)'", for: value, among: Self.screens))
            }
        } else if node["screen"] == nil {
            error(node, "rule '\(id)' needs a 'screen' (the C-SSRS item it stands for: \(Self.screens.joined(separator: ", ")))")
        }
        var phrases: [SafetyNet.Phrase] = []
        var near: [[SafetyNet.Phrase]] = []
        var within = 0
        var notNear: [SafetyNet.Phrase] = []
        switch (node["match"], node["near"]) {
        case (let match?, nil):
            phrases = strings(match, "a match of rule '\(id)'").compactMap { phrase($0.0, node: $0.1) }
            // A window is what 'not_near' looks in; a 'match' rule has none, so it would do nothing.
            if let forbidden = node["not_near"] {
                error(forbidden, "rule '\(id)': 'not_near' works only with 'near'; put the negation in the 'match' phrases or in a guard")
            }
            if let w = node["within"] { error(w, "rule '\(id)': 'within' works only with 'near'") }
        case (nil, let parts?):
            guard let items = parts.sequenceItems, items.count >= 2 else {
                error(parts, "rule '\(id)': 'near' must be a list of at least two parts (each a phrase or a list of phrases)")
                return nil
            }
            near = items.map { item in strings(item, "a part of rule '\(id)'").compactMap { phrase($0.0, node: $0.1) } }
            if let w = node["within"], let n = w.number, n >= 2, n <= 40, n == n.rounded() {
                within = Int(n)
            } else {
                error(node["within"] ?? node, "rule '\(id)': a 'near' rule needs 'within', a whole number of words from 2 to 40")
            }
            if let forbidden = node["not_near"] {
                notNear = strings(forbidden, "a 'not_near' phrase of rule '\(id)'").compactMap { phrase($0.0, node: $0.1) }
            }
        case (.some, .some):
            error(node, "rule '\(id)' has both 'match' and 'near'; give one")
            return nil
        case (nil, nil):
            error(node, "rule '\(id)' needs a 'match' (phrases) or a 'near' (parts that appear close together)")
            return nil
        }
        let entries = node["unless"].map { guardEntries($0) } ?? defaultUnless
        let unless = entries.map(\.0)
        // The concepts the rule names, outermost first, once per label, for the explanation.
        var shown: [Int] = []
        var labels: Set<String> = []
        func collect(_ element: SafetyNet.Element, into concepts: [SafetyNet.Concept]) {
            switch element {
            case .concept(let c):
                if labels.insert(concepts[c].label).inserted { shown.append(c) }
            case .anyOf(let choices), .sequence(let choices):
                for choice in choices { collect(choice, into: concepts) }
            case .optional(let inner):
                collect(inner, into: concepts)
            case .word, .gap, .end, .start, .any, .words:
                break
            }
        }
        for phrase in phrases + near.flatMap({ $0 }) {
            for element in phrase.elements { collect(element, into: concepts) }
        }
        return SafetyNet.Rule(id: id, tier: tier, category: category, screen: screen, phrases: phrases, unless: unless,
                              forced: Set(entries.filter(\.1).map(\.0)), shownConcepts: shown, near: near, within: within, notNear: notNear)
    }

    // MARK: Phrases

    /// `i * want to (die|@dead) @finality?`: words, `@concept`, `*` or `*N` (a gap of up to 3 or N
    /// words), `(a|b|@c)` alternatives, `_` (any one word), `,` (a comma), `^` and `$` (the start
    /// and end of the line, a sentence or a comma-separated part); `?` after an element makes it
    /// optional.
    private mutating func phrase(_ text: String, node: YAMLNode) -> SafetyNet.Phrase? {
        var elements: [SafetyNet.Element] = []
        guard let parts = Self.pieces(text) else {
            error(node, "'\(text)': a '(' without its ')'")
            return nil
        }
        for part in parts {
            var piece = Substring(part)
            var optional = false
            if piece.hasSuffix("?"), piece.count > 1 {
                optional = true
                piece = piece.dropLast()
            }
            let parsed: [SafetyNet.Element]
            if ["$", "^", "_", ","].contains(piece) {
                parsed = single(String(piece), phrase: text, node: node) ?? []
            } else if piece.hasPrefix("*") {
                let count = piece.dropFirst()
                if count.isEmpty {
                    parsed = [.gap(3)]
                } else if let n = Int(count), n >= 1, n <= Self.maxGap {
                    parsed = [.gap(n)]
                } else {
                    error(node, "'\(piece)' in '\(text)': a gap is '*' or '*N' with N from 1 to \(Self.maxGap)")
                    return nil
                }
            } else if piece.hasPrefix("("), piece.dropFirst().contains(Character("(")) || piece.dropLast().dropFirst().contains(Character(")")) {
                error(node, "'\(text)': alternatives cannot hold parentheses; write two phrases instead")
                return nil
            } else if piece.hasPrefix("("), piece.hasSuffix(")"), piece.count > 2 {
                var choices: [SafetyNet.Element] = []
                for choice in piece.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false) {
                    let words = choice.split(separator: " ").map(String.init)
                    var parts: [SafetyNet.Element] = []
                    for word in words {
                        guard let element = single(word, phrase: text, node: node) else { return nil }
                        parts += element
                    }
                    guard !parts.isEmpty else {
                        error(node, "an empty alternative in '\(text)'")
                        return nil
                    }
                    choices.append(parts.count == 1 ? parts[0] : .sequence(parts))
                }
                // Single words become one set lookup; the rest stay alternatives.
                let words = Set(choices.compactMap { choice -> Int32? in if case .word(let id) = choice { id } else { nil } })
                let others = choices.filter { if case .word = $0 { false } else { true } }
                if others.isEmpty {
                    parsed = [.words(WordMask(words))]
                } else {
                    parsed = [.anyOf((words.isEmpty ? [] : [.words(WordMask(words))]) + others)]
                }
            } else {
                guard let element = single(String(piece), phrase: text, node: node) else { return nil }
                parsed = element
            }
            if optional {
                guard parsed.count == 1 else {
                    error(node, "'\(piece)?' in '\(text)': only one word, concept or group can be optional")
                    return nil
                }
                elements.append(.optional(parsed[0]))
            } else {
                elements += parsed
            }
        }
        guard let first = elements.first else {
            error(node, "an empty phrase")
            return nil
        }
        if case .gap = first {
            error(node, "'\(text)': a phrase cannot start with a gap")
            return nil
        }
        return SafetyNet.Phrase(elements: elements)
    }

    /// The phrase split at spaces outside parentheses; nil when parentheses do not balance.
    static func pieces(_ text: String) -> [String]? {
        var out: [String] = []
        var current = ""
        var depth = 0
        for ch in text {
            switch ch {
            case "(":
                depth += 1
                current.append(ch)
            case ")":
                depth -= 1
                if depth < 0 { return nil }
                current.append(ch)
            case " " where depth == 0:
                if !current.isEmpty { out.append(current) }
                current = ""
            default:
                current.append(ch)
            }
        }
        guard depth == 0 else { return nil }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// A word (possibly several input words, as "self-harm", after substitutions) or `@concept`.
    private mutating func single(_ text: String, phrase: String, node: YAMLNode) -> [SafetyNet.Element]? {
        switch text {
        case "$": return [.end]
        case "^": return [.start]
        case "_": return [.any]
        case ",": return [.word(SafetyNet.comma)]
        default: break
        }
        if text.hasPrefix("@") {
            let name = String(text.dropFirst())
            guard let index = conceptIndex[name] else {
                error(node, Spelling.suggest("unknown concept '\(name)' in '\(phrase)'", for: name, among: conceptIndex.keys.sorted()))
                return nil
            }
            return [.concept(index)]
        }
        let words = Self.words(text)
        guard !words.isEmpty else {
            error(node, "'\(text)' in '\(phrase)' has no letters")
            return nil
        }
        // Phrases are read as input is: a substituted word stands for its replacement.
        return words.flatMap { substitutions[$0] ?? [$0] }.map { .word(intern($0)) }
    }

    /// A concept that reaches itself through its phrases would never finish matching.
    private mutating func checkCycles(_ concepts: [SafetyNet.Concept], pairs: [(key: YAMLNode, value: YAMLNode)]) {
        func references(_ element: SafetyNet.Element) -> [Int] {
            switch element {
            case .concept(let c): return [c]
            case .anyOf(let choices), .sequence(let choices): return choices.flatMap(references)
            case .optional(let inner): return references(inner)
            case .word, .gap, .end, .start, .any, .words: return []
            }
        }
        let edges = concepts.map { concept in Set(concept.phrases.flatMap { $0.elements.flatMap(references) }) }
        var state = Array(repeating: 0, count: concepts.count) // 0 new, 1 on the path, 2 done
        func visit(_ c: Int, path: [Int]) -> [Int]? {
            if state[c] == 1 { return path + [c] }
            if state[c] == 2 { return nil }
            state[c] = 1
            for next in edges[c].sorted() {
                if let cycle = visit(next, path: path + [c]) { return cycle }
            }
            state[c] = 2
            return nil
        }
        for c in concepts.indices where state[c] == 0 {
            if let cycle = visit(c, path: []) {
                let names = cycle.map { concepts[$0].name }
                error(pairs[cycle[cycle.count - 1]].key, "concept '\(names.last ?? "")' refers to itself: \(names.joined(separator: " → "))")
                return
            }
        }
    }
}

/// The words a phrase's match can begin with (nil: any word), and whether it can match nothing.
struct FirstWords {
    let concepts: [SafetyNet.Concept]
    private var memo: [Int: (words: Set<Int32>?, empty: Bool)] = [:]

    init(concepts: [SafetyNet.Concept]) {
        self.concepts = concepts
    }

    /// The phrases with their `first` and `required` words filled in.
    mutating func compile(_ phrases: [SafetyNet.Phrase]) -> [SafetyNet.Phrase] {
        phrases.map { phrase in
            var compiled = phrase
            compiled.first = first(phrase.elements).map { WordMask($0) }
            compiled.required = required(phrase.elements).map { WordMask($0) }
            return compiled
        }
    }

    /// For each element the phrase cannot match without, the words that element can start with.
    mutating func required(_ elements: [SafetyNet.Element]) -> [Set<Int32>] {
        var out: [Set<Int32>] = []
        for element in elements {
            let (words, empty) = of(element)
            // A comma is not a word a mask can hold: it never rules a phrase out.
            if !empty, let words, !words.isEmpty, words.allSatisfy({ $0 >= 0 }) { out.append(words) }
        }
        return out
    }

    /// What a phrase records: a phrase that can match nothing can match at any position.
    mutating func first(_ elements: [SafetyNet.Element]) -> Set<Int32>? {
        let (words, empty) = of(elements)
        return empty ? nil : words
    }

    mutating func of(_ elements: [SafetyNet.Element]) -> (words: Set<Int32>?, empty: Bool) {
        var words: Set<Int32> = []
        for element in elements {
            let (first, empty) = of(element)
            guard let first else { return (nil, false) }
            words.formUnion(first)
            if !empty { return (words, false) }
        }
        return (words, true)
    }

    mutating func of(_ element: SafetyNet.Element) -> (words: Set<Int32>?, empty: Bool) {
        switch element {
        case .word(let id):
            return ([id], false)
        case .concept(let c):
            if let known = memo[c] { return known }
            memo[c] = (nil, true) // a cycle (refused by the loader) reads as "anywhere"
            var words: Set<Int32>? = []
            var empty = false
            for phrase in concepts[c].phrases {
                let (first, phraseEmpty) = of(phrase.elements)
                if let first, words != nil { words?.formUnion(first) } else { words = nil }
                empty = empty || phraseEmpty
            }
            memo[c] = (words, empty)
            return (words, empty)
        case .anyOf(let choices):
            var words: Set<Int32>? = []
            var empty = false
            for choice in choices {
                let (first, choiceEmpty) = of(choice)
                if let first, words != nil { words?.formUnion(first) } else { words = nil }
                empty = empty || choiceEmpty
            }
            return (words, empty)
        case .sequence(let parts):
            return of(parts)
        case .optional(let inner):
            return (of(inner).words, true)
        case .start, .end:
            return ([], true)
        case .gap, .any:
            return (nil, false)
        case .words(let mask):
            return (Set(mask.members), false)
        }
    }
}
