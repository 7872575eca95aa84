extension TaskClassifier {
    /// Builds a classifier from a rule file (see `dialogues/classifier/task-exposure.yaml`), appending
    /// every problem found to `diagnostics`; returns nil when any is an error.
    public static func load(_ file: SourceFile, diagnostics: inout [Diagnostic]) -> TaskClassifier? {
        guard let root = YAMLParser.parse(file, diagnostics: &diagnostics) else { return nil }
        return load(root, file: file, diagnostics: &diagnostics)
    }

    /// Builds a classifier from an already parsed rule file.
    static func load(_ root: YAMLNode, file: SourceFile, diagnostics: inout [Diagnostic]) -> TaskClassifier? {
        var loader = Loader(file: file)
        let classifier = loader.build(root)
        diagnostics.append(contentsOf: loader.reader.diagnostics)
        return loader.reader.hasErrors ? nil : classifier
    }
}

/// Reads the rule file's YAML into a `TaskClassifier`, collecting diagnostics as it goes.
private struct Loader {
    let file: SourceFile
    var reader: YAMLReader

    init(file: SourceFile) {
        self.file = file
        self.reader = YAMLReader(file: file)
    }

    mutating func error(_ node: YAMLNode, _ message: String) { reader.error(node, message) }

    mutating func build(_ root: YAMLNode) -> TaskClassifier? {
        guard let pairs = root.mappingPairs else {
            error(root, "a classifier file must be a mapping, found \(root.kindName)")
            return nil
        }
        let known: Set = ["id", "kind", "description", "ignore", "lead_ins", "vocabulary", "base", "families", "phrases", "rules"]
        for (key, _) in pairs where !known.contains(key.scalar ?? "") {
            error(key, "unknown key '\(key.scalar ?? "")' (expected one of \(known.sorted().joined(separator: ", ")))")
        }
        if let kind = root["kind"], kind.scalar != "task-classifier" {
            error(kind, "kind must be 'task-classifier', found '\(kind.scalar ?? kind.kindName)'")
        }
        let ignored = readIgnored(root["ignore"])
        let (basePoints, baseReasons) = readBase(root["base"], in: root)
        let families = readFamilies(root["families"], ignored: ignored)
        let phrases = readPhrases(root["phrases"], ignored: ignored)
        let leadIns = readLeadIns(root["lead_ins"], ignored: ignored)
        let vocabulary = readVocabulary(root["vocabulary"], ignored: ignored)
        guard let rulesNode = root["rules"] else {
            error(root, "missing 'rules'")
            return nil
        }
        guard let items = rulesNode.sequenceItems else {
            error(rulesNode, "'rules' must be a list, found \(rulesNode.kindName)")
            return nil
        }
        var classifier = TaskClassifier(phrases: phrases, rules: [], families: families, phraseIndex: [:], openingIndex: [:],
                                        maxWords: 1, ignored: ignored, basePoints: basePoints, baseReasons: baseReasons)
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let (rule, words, opening) = readRule(item, families: families, ignored: ignored) else { continue }
            if let first = seen[rule.id] {
                error(item, "duplicate rule '\(rule.id)' (first at line \(first.line))")
                continue
            }
            seen[rule.id] = item.location
            let index = classifier.rules.count
            classifier.rules.append(rule)
            let key = words.joined(separator: " ")
            if opening {
                classifier.openingIndex[key, default: []].append(index)
            } else {
                classifier.phraseIndex[key, default: []].append(index)
            }
            classifier.maxWords = max(classifier.maxWords, words.count)
        }
        classifier.leadIns = leadIns
        classifier.vocabulary = vocabulary
        classifier.indexPhrasesAndFamilies()
        return classifier
    }

    /// Everyday names for things, by the plain word the phrases use: `vocabulary: {crm: [salesforce, zendesk]}`.
    /// A name listed under two words is an error: which one it reads as would depend on file order.
    mutating func readVocabulary(_ node: YAMLNode?, ignored: Set<String>) -> [String: String] {
        guard let node else { return [:] }
        guard let pairs = node.mappingPairs else {
            error(node, "'vocabulary' must be a mapping of a word to the names read as it, found \(node.kindName)")
            return [:]
        }
        var vocabulary: [String: String] = [:]
        for (key, value) in pairs {
            let plain = TaskClassifier.tokenize(key.scalar ?? "", ignoring: ignored)
            guard plain.count == 1, let word = plain.first else {
                error(key, "a vocabulary entry must be one word, found '\(key.scalar ?? key.kindName)'")
                continue
            }
            guard let items = value.sequenceItems else {
                error(value, "vocabulary '\(word)' must be a list of names, found \(value.kindName)")
                continue
            }
            for item in items {
                let name = TaskClassifier.tokenize(item.scalar ?? "", ignoring: ignored)
                guard name.count == 1, let token = name.first else {
                    error(item, "vocabulary '\(word)': each name must be one word, found '\(item.scalar ?? item.kindName)'")
                    continue
                }
                if let earlier = vocabulary[token], earlier != word {
                    error(item, "'\(token)' is already read as '\(earlier)'")
                    continue
                }
                vocabulary[token] = word
            }
        }
        return vocabulary
    }

    /// Openings of sentence-style answers: `lead_ins: [spend* most my week*, mostly, lot]`.
    mutating func readLeadIns(_ node: YAMLNode?, ignored: Set<String>) -> [[TaskClassifier.PhraseWord]] {
        guard let node else { return [] }
        guard let items = node.sequenceItems else {
            error(node, "'lead_ins' must be a list of words, found \(node.kindName)")
            return []
        }
        var leadIns: [[TaskClassifier.PhraseWord]] = []
        for item in items {
            guard let words = pattern(item, ignored: ignored) else { continue }
            leadIns.append(words)
        }
        return leadIns
    }

    mutating func readIgnored(_ node: YAMLNode?) -> Set<String> {
        guard let node else { return [] }
        guard let items = node.sequenceItems else {
            error(node, "'ignore' must be a list of words, found \(node.kindName)")
            return []
        }
        var words: Set<String> = []
        for item in items {
            guard let word = item.scalar, !word.isEmpty else {
                error(item, "'ignore' entries must be words, found \(item.kindName)")
                continue
            }
            words.insert(word.lowercased())
        }
        return words
    }

    mutating func readBase(_ node: YAMLNode?, in root: YAMLNode) -> ([Int], [String]) {
        var points = [0, 0, 0]
        var reasons = ["", "", ""]
        guard let node else {
            error(root, "missing 'base' (points and a reason for each of E0, E1, E2)")
            return (points, reasons)
        }
        guard let pairs = node.mappingPairs else {
            error(node, "'base' must be a mapping of E0, E1, E2, found \(node.kindName)")
            return (points, reasons)
        }
        var found: Set<ExposureLabel> = []
        for (key, value) in pairs {
            guard let label = label(key) else { continue }
            found.insert(label)
            guard value.mappingPairs != nil else {
                error(value, "base '\(label.rawValue)' must be a mapping with points and reason, found \(value.kindName)")
                continue
            }
            checkKeys(value, allowed: ["points", "reason"], what: "base '\(label.rawValue)'")
            points[label.index] = integer(value["points"], in: value, name: "points") ?? 0
            reasons[label.index] = text(value["reason"], in: value, name: "reason") ?? ""
        }
        for label in ExposureLabel.allCases where !found.contains(label) {
            error(node, "'base' has no entry for '\(label.rawValue)'")
        }
        return (points, reasons)
    }

    mutating func readFamilies(_ node: YAMLNode?, ignored: Set<String>) -> [TaskClassifier.Family] {
        guard let node else { return [] }
        guard let pairs = node.mappingPairs else {
            error(node, "'families' must be a mapping of family ids, found \(node.kindName)")
            return []
        }
        var families: [TaskClassifier.Family] = []
        for (key, value) in pairs {
            guard let id = key.scalar, !id.isEmpty else {
                error(key, "a family id must be a word, found \(key.kindName)")
                continue
            }
            guard value.mappingPairs != nil else {
                error(value, "family '\(id)' must be a mapping with label and reason, found \(value.kindName)")
                continue
            }
            checkKeys(value, allowed: ["label", "reason", "words"], what: "family '\(id)'")
            guard let labelNode = value["label"] else {
                error(value, "family '\(id)' has no label")
                continue
            }
            guard let label = label(labelNode), let reason = text(value["reason"], in: value, name: "reason") else { continue }
            var words: [TaskClassifier.PhraseWord] = []
            if let wordsNode = value["words"] {
                guard let items = wordsNode.sequenceItems else {
                    error(wordsNode, "family '\(id)' words must be a list, found \(wordsNode.kindName)")
                    continue
                }
                for item in items {
                    guard let pattern = pattern(item, ignored: ignored) else { continue }
                    words.append(contentsOf: pattern)
                }
            }
            families.append(TaskClassifier.Family(id: id, label: label, reason: reason, words: words))
        }
        return families
    }

    /// The hand-written layer: `- {match: "translat*" or [..], label: E1, reason: "..."}`, tried in order.
    mutating func readPhrases(_ node: YAMLNode?, ignored: Set<String>) -> [TaskClassifier.Phrase] {
        guard let node else { return [] }
        guard let items = node.sequenceItems else {
            error(node, "'phrases' must be a list, found \(node.kindName)")
            return []
        }
        var phrases: [TaskClassifier.Phrase] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard item.mappingPairs != nil else {
                error(item, "a phrase must be a mapping with match, label and reason, found \(item.kindName)")
                continue
            }
            checkKeys(item, allowed: ["match", "label", "reason", "anywhere", "within"], what: "a phrase")
            guard let matchNode = item["match"] else {
                error(item, "a phrase needs 'match' (words, or a list of alternatives)")
                continue
            }
            let written: [YAMLNode] = matchNode.sequenceItems ?? [matchNode]
            guard !written.isEmpty else {
                error(matchNode, "'match' needs at least one pattern")
                continue
            }
            var patterns: [(text: String, words: [TaskClassifier.PhraseWord])] = []
            for alternative in written {
                guard let words = pattern(alternative, ignored: ignored), let text = alternative.scalar else { continue }
                patterns.append((text, words))
            }
            guard patterns.count == written.count else { continue }
            guard let labelNode = item["label"] else {
                error(item, "a phrase needs a label")
                continue
            }
            guard let label = label(labelNode), let reason = text(item["reason"], in: item, name: "reason") else { continue }
            // A pattern listed twice would never fire the second time: almost certainly a slip.
            var clash = false
            for (text, _) in patterns {
                if let first = seen[text] {
                    error(item, "pattern '\(text)' is already listed at line \(first.line)")
                    clash = true
                }
                seen[text] = item.location
            }
            guard !clash else { continue }
            var anywhere = false
            if let flag = item["anywhere"] {
                guard let value = flag.scalar, value == "true" || value == "false" else {
                    error(flag, "'anywhere' must be true or false, found '\(flag.scalar ?? flag.kindName)'")
                    continue
                }
                anywhere = value == "true"
            }
            var within: Int?
            if let limit = item["within"] {
                guard let number = integer(limit, in: item, name: "within"), number > 0 else {
                    if limit.number.map({ $0 <= 0 }) ?? false { error(limit, "'within' must be a number of words above 0") }
                    continue
                }
                within = number
            }
            phrases.append(TaskClassifier.Phrase(patterns: patterns, label: label, reason: reason, anywhere: anywhere, within: within))
        }
        return phrases
    }

    /// Words of a hand-written pattern: each a word (lowercased, stemmed like task words) or a
    /// prefix written with a final `*`.
    mutating func pattern(_ node: YAMLNode, ignored: Set<String>) -> [TaskClassifier.PhraseWord]? {
        guard let written = node.scalar, !written.isEmpty else {
            error(node, "a pattern must be words, found \(node.kindName)")
            return nil
        }
        var words: [TaskClassifier.PhraseWord] = []
        for piece in written.split(separator: " ") {
            if piece.hasSuffix("*") {
                let prefix = TaskClassifier.tokenize(String(piece.dropLast()), ignoring: [])
                guard prefix.count == 1, let stem = prefix.first, piece.dropLast().lowercased().hasPrefix(stem) else {
                    error(node, "'\(piece)' must be one word of letters or digits before its '*'")
                    return nil
                }
                words.append(.prefix(piece.dropLast().lowercased()))
            } else {
                words.append(contentsOf: TaskClassifier.tokenize(String(piece), ignoring: ignored).map { .word($0) })
            }
        }
        guard !words.isEmpty else {
            error(node, "'\(written)' has no words left once ignored words are dropped")
            return nil
        }
        return words
    }

    mutating func readRule(_ node: YAMLNode, families: [TaskClassifier.Family],
                           ignored: Set<String>) -> (TaskClassifier.Rule, [String], Bool)? {
        guard node.mappingPairs != nil else {
            error(node, "a rule must be a mapping with phrase or starts, points and family, found \(node.kindName)")
            return nil
        }
        checkKeys(node, allowed: ["phrase", "starts", "points", "family"], what: "a rule")
        let phrase = node["phrase"], starts = node["starts"]
        guard (phrase == nil) != (starts == nil), let wordsNode = phrase ?? starts else {
            error(node, "a rule needs exactly one of 'phrase' (words anywhere) or 'starts' (words the task begins with)")
            return nil
        }
        guard let written = wordsNode.scalar, !written.isEmpty else {
            error(wordsNode, "a rule's words must be text, found \(wordsNode.kindName)")
            return nil
        }
        let words = TaskClassifier.tokenize(written, ignoring: ignored)
        guard !words.isEmpty else {
            error(wordsNode, "'\(written)' has no words left once ignored words are dropped")
            return nil
        }
        guard let pointsNode = node["points"] else {
            error(node, "rule '\(written)' has no points")
            return nil
        }
        guard let pointPairs = pointsNode.mappingPairs, !pointPairs.isEmpty else {
            error(pointsNode, "points must be a mapping such as {E1: 120}, found \(pointsNode.kindName)")
            return nil
        }
        var points = [0, 0, 0]
        for (key, value) in pointPairs {
            guard let label = label(key), let amount = integer(value, in: pointsNode, name: "points") else { return nil }
            points[label.index] = amount
        }
        var family: Int?
        if let familyNode = node["family"] {
            guard let id = familyNode.scalar, let index = families.firstIndex(where: { $0.id == id }) else {
                error(familyNode, "unknown family '\(familyNode.scalar ?? familyNode.kindName)'")
                return nil
            }
            let explained = families[index]
            guard points[explained.label.index] > 0 else {
                error(familyNode, "rule '\(written)' gives no points to \(explained.label.rawValue), the label its family '\(id)' explains")
                return nil
            }
            // A family's reason speaks for its words; a rule may cite it only through one of them.
            guard explained.words.isEmpty || words.contains(where: { word in explained.words.contains { $0.matches(word) } }) else {
                error(familyNode, "rule '\(written)' has none of the words of its family '\(id)'")
                return nil
            }
            family = index
        }
        let kind = starts == nil ? "phrase" : "starts"
        let rule = TaskClassifier.Rule(id: "\(kind):\(words.joined(separator: " "))", text: written,
                                       words: words, opening: starts != nil, points: points, family: family)
        return (rule, words, starts != nil)
    }

    // MARK: - Small readers

    mutating func label(_ node: YAMLNode) -> ExposureLabel? {
        if let text = node.scalar, let label = ExposureLabel(rawValue: text.uppercased()) { return label }
        error(node, "unknown label '\(node.scalar ?? node.kindName)' (expected E0, E1 or E2)")
        return nil
    }

    mutating func integer(_ node: YAMLNode?, in parent: YAMLNode, name: String) -> Int? {
        guard let node else {
            error(parent, "missing '\(name)'")
            return nil
        }
        return reader.wholeNumber(node, else: "\(name) must be a whole number, found '\(node.scalar ?? node.kindName)'")
    }

    mutating func text(_ node: YAMLNode?, in parent: YAMLNode, name: String) -> String? {
        guard let node else {
            error(parent, "missing '\(name)'")
            return nil
        }
        guard let text = node.scalar, !text.isEmpty else {
            error(node, "\(name) must be text, found \(node.kindName)")
            return nil
        }
        return text
    }

    mutating func checkKeys(_ node: YAMLNode, allowed: Set<String>, what: String) {
        reader.checkKeys(node.mappingPairs ?? [], allowed: allowed) {
            "unknown key '\($0)' in \(what) (expected one of \(allowed.sorted().joined(separator: ", ")))"
        }
    }
}
