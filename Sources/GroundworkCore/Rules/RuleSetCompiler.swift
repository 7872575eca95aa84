/// Checks a rule-set file and compiles it into `RuleSet` tables, collecting diagnostics.
struct RuleSetCompiler {
    static let rootKeys = ["id", "description", "opening", "clauses", "stack", "empty_parts", "recall", "substitutions", "reflections",
                           "synonyms", "feelings", "keywords", "fallback", "echo"]
    static let feelingsKeys = ["rank", "mixed", "families", "topic_replies"]
    static let familyKeys = ["words", "strong", "replies", "strong_replies", "rank", "topic_replies", "self_only"]
    static let keywordKeys = ["word", "rank", "group", "memory", "patterns", "none", "topic"]
    static let patternKeys = ["match", "replies"]
    static let replyKeys = ["goto", "next_keyword", "pre"]
    static let memoryKeys = ["match", "replies", "later", "choose"]

    let file: SourceFile
    private var reader: YAMLReader
    var diagnostics: [Diagnostic] { reader.diagnostics }
    private var vocabulary: [String: Int32] = [:]
    private var words: [String] = []
    private var substitutions: [String: [String]] = [:]
    private var synonyms: [String: [String]] = [:]
    private var id = ""

    /// A `goto` waiting for every keyword to be known.
    private struct PendingGoto {
        var keyword: Int
        var pattern: Int
        var response: Int
        var target: String
        var node: YAMLNode
        /// The rewrite of a `pre:` reply, which goes to its target with the rewritten words.
        var pre: Reassembly?
    }

    init(file: SourceFile) {
        self.file = file
        self.reader = YAMLReader(file: file)
    }

    var hasErrors: Bool { reader.hasErrors }

    // MARK: Diagnostics

    private mutating func error(_ location: SourceLocation, _ message: String) { reader.error(location, message) }

    private mutating func error(_ node: YAMLNode, _ message: String) { reader.error(node, message) }

    private mutating func error(_ node: YAMLNode, offset: Int, _ message: String) { reader.error(node, offset: offset, message) }

    /// Reports keys outside `allowed`.
    private mutating func checkKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)], allowed: [String], in place: String) {
        reader.checkKeys(pairs, allowed: allowed) { Spelling.suggest("unknown key '\($0)' in \(place)", for: $0, among: allowed) }
    }

    /// The node's string, or an error naming what was expected.
    private mutating func string(_ node: YAMLNode, _ what: String) -> String? {
        reader.text(node, else: "\(what) must be a string, found \(node.isNull ? "nothing" : node.kindName)")
    }

    private mutating func list(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        reader.list(node, else: "\(what) must be a list, found \(node.kindName)")
    }

    private mutating func mapping(_ node: YAMLNode, _ what: String) -> [(key: YAMLNode, value: YAMLNode)]? {
        reader.mapping(node, else: "\(what) must be a mapping, found \(node.kindName)")
    }

    private mutating func intern(_ word: String) -> Int32 {
        if let id = vocabulary[word] { return id }
        let id = Int32(words.count)
        vocabulary[word] = id
        words.append(word)
        return id
    }

    /// The word lowercased with straight apostrophes, when it is exactly one input word.
    private func singleWord(_ text: String) -> String? {
        let clauses = RuleText.clauses(of: text, lexicon: [:])
        guard clauses.count == 1, clauses[0].count == 1 else { return nil }
        let word = clauses[0][0].text.lowercased()
        return word == RuleText.normalised(text).lowercased() ? word : nil
    }

    /// What the input word becomes after substitutions.
    private func substituted(_ word: String) -> [String] { substitutions[word] ?? [word] }

    /// A word written in a keyword or alternatives: one word, after substitutions.
    private mutating func matchableWord(_ text: String, node: YAMLNode, offset: Int? = nil, what: String) -> String? {
        if RuleText.normalised(text).lowercased() == "but" {
            error(node, "\(what) 'but' never matches: 'but' splits the input into clauses")
            return nil
        }
        guard let word = singleWord(text) else {
            if let offset { error(node, offset: offset, "\(what) '\(text)' must be one word") } else { error(node, "\(what) '\(text)' must be one word") }
            return nil
        }
        let replaced = substituted(word)
        guard replaced.count == 1 else {
            let message = "\(what) '\(word)' is replaced by '\(replaced.joined(separator: " "))' before matching; use one of those words"
            if let offset { error(node, offset: offset, message) } else { error(node, message) }
            return nil
        }
        return replaced[0]
    }

    // MARK: Compile

    mutating func compile(_ root: YAMLNode) -> RuleSet? {
        guard let pairs = mapping(root, "a rule set") else { return nil }
        checkKeys(pairs, allowed: Self.rootKeys, in: "rule set")

        if let node = root["id"] {
            if let value = string(node, "'id'") {
                if value.isEmpty || !value.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
                    error(node, "rule set id '\(value)' may only use a-z, 0-9 and '-'")
                }
                id = value
            }
        } else {
            error(root, "rule set needs an 'id'")
        }
        if let node = root["description"] { _ = string(node, "'description'") }
        if let node = root["substitutions"] { loadSubstitutions(node) }
        if let node = root["synonyms"] { loadSynonyms(node) }
        var reflectionPairs: [(Int32, String)] = []
        if let node = root["reflections"] { reflectionPairs = loadReflections(node) }

        var keywords: [RuleSet.Keyword] = []
        var keywordWords: [[Int32]] = []
        var names: [String: Int] = [:]
        var pending: [PendingGoto] = []
        if let node = root["keywords"], let items = list(node, "'keywords'") {
            if items.isEmpty { error(node, "'keywords' is empty; a rule set needs at least one keyword") }
            var seen: [String: Int] = [:]
            for item in items {
                guard let compiled = loadKeyword(item, index: keywords.count, seen: &seen, pending: &pending) else { continue }
                for name in compiled.names where names[name] == nil { names[name] = keywords.count }
                keywords.append(compiled.keyword)
                keywordWords.append(compiled.ids)
            }
        }

        var fallback: [String] = []
        if let node = root["fallback"] {
            fallback = loadFallback(node)
        } else {
            error(root, "rule set needs a 'fallback' list (replies when nothing matches)")
        }

        // `echo:` — replies that say back a short clause of the line, with `{clause}` for it.
        var echo: [String] = []
        if let node = root["echo"], let items = list(node, "'echo'") {
            for item in items {
                guard let text = string(item, "an echo reply") else { continue }
                if !text.contains("{clause}") { error(item, "echo reply needs '{clause}' (the clause said back)") }
                echo.append(text)
            }
        }

        for goto in pending {
            let target = goto.target.hasPrefix("@") ? goto.target.lowercased() : (singleWord(goto.target).map { substituted($0).joined(separator: " ") } ?? goto.target)
            guard let index = names[target] else {
                error(goto.node, Spelling.suggest("goto to unknown keyword '\(goto.target)'", for: goto.target, among: names.keys.sorted()))
                continue
            }
            keywords[goto.keyword].patterns[goto.pattern].responses[goto.response] = goto.pre.map { .pre($0, index) } ?? .goto(index)
        }
        // Before the lexicon is built: feeling words get vocabulary ids like any rule's words.
        let feelings = root["feelings"].flatMap { loadFeelings($0) }
        if hasErrors { return nil }

        var lexicon: [String: LexiconEntry] = [:]
        for (word, id) in vocabulary { lexicon[word] = .word(id) }
        for (key, replacement) in substitutions {
            lexicon[key] = .replaced(replacement.map { RuleWord(text: $0, id: intern($0)) })
        }
        var byWord = [[Int]](repeating: [], count: words.count)
        for (k, ids) in keywordWords.enumerated() {
            for id in ids where !byWord[Int(id)].contains(k) { byWord[Int(id)].append(k) }
        }
        var reflections = [String?](repeating: nil, count: words.count)
        for (id, value) in reflectionPairs { reflections[Int(id)] = value }
        var choice = RuleSet.ClauseChoice.first
        if let node = root["clauses"], let value = string(node, "'clauses'") {
            if let known = RuleSet.ClauseChoice(rawValue: value) { choice = known } else {
                error(node, "'clauses' must be 'first' (the first clause with a keyword, as ELIZA) or 'best' (the clause with the strongest keyword), found '\(value)'")
            }
        }
        var ruleSet = RuleSet(id: id, location: root.location, keywords: keywords, lexicon: lexicon, keywordsByWord: byWord,
                              reflections: reflections, fallback: fallback, fallbackRotationKey: "\(id)/fallback", echo: echo, clauseChoice: choice,
                              feelings: feelings)
        loadOptions(root, into: &ruleSet)
        if hasErrors { return nil }
        return ruleSet
    }

    /// The ELIZA options of a rule set: `opening:`, `stack:`, `empty_parts:` and `recall:`.
    private mutating func loadOptions(_ root: YAMLNode, into ruleSet: inout RuleSet) {
        if let node = root["opening"], let text = string(node, "'opening'") {
            if text.allSatisfy(\.isWhitespace) { error(node, "'opening' is empty") } else { ruleSet.opening = text }
        }
        if let node = root["stack"], let value = string(node, "'stack'") {
            if let known = RuleSet.StackOrder(rawValue: value) { ruleSet.stackOrder = known } else {
                error(node, "'stack' must be 'sorted' (highest rank first) or 'eliza' (a lower-ranked keyword goes to the bottom), found '\(value)'")
            }
        }
        if let node = root["empty_parts"], let value = string(node, "'empty_parts'") {
            if let known = RuleSet.EmptyParts(rawValue: value) { ruleSet.emptyParts = known } else {
                error(node, "'empty_parts' must be 'pass' (use the next reply) or 'keep' (fill the part with nothing, as ELIZA), found '\(value)'")
            }
        }
        if let node = root["recall"] {
            if node.scalar == "always" {
                ruleSet.recallEvery = 1
            } else if let value = node.number, value == value.rounded(), value >= 1, value <= 100 {
                ruleSet.recallEvery = Int(value)
            } else {
                error(node, "'recall' must be 'always' or a whole number of lines from 1 to 100 (ELIZA: 4), found '\(node.scalar ?? node.kindName)'")
            }
        }
    }

    /// `feelings:` — families of feeling words with their replies, a rank and mixed replies.
    private mutating func loadFeelings(_ node: YAMLNode) -> RuleSet.Feelings? {
        guard let pairs = mapping(node, "'feelings'") else { return nil }
        checkKeys(pairs, allowed: Self.feelingsKeys, in: "feelings")
        var rank = 0
        if let n = node["rank"] {
            if let value = n.wholeNumber, abs(value) < 1_000 { rank = value } else {
                error(n, "feelings rank must be a whole number, found '\(n.scalar ?? n.kindName)'")
            }
        }
        let mixed = node["mixed"].map { feelingReplies($0, allowed: ["{first}", "{second}"], what: "a mixed-feelings reply") } ?? []
        var families: [RuleSet.Feelings.Family] = []
        var phrases: [String: [RuleSet.Feelings.Phrase]] = [:]
        var owner: [String: String] = [:]
        guard let familiesNode = node["families"], let familyPairs = mapping(familiesNode, "'families'") else {
            error(node, "feelings need 'families' (a family name with its words and replies)")
            return nil
        }
        for (key, value) in familyPairs {
            guard let name = string(key, "a feeling family's name"), let body = mapping(value, "feeling family '\(name)'") else { continue }
            checkKeys(body, allowed: Self.familyKeys, in: "feeling family '\(name)'")
            let family = families.count
            for (field, strong) in [("words", false), ("strong", true)] {
                guard let listNode = value[field], let items = list(listNode, "'\(field)'") else { continue }
                for item in items {
                    guard let text = string(item, "a feeling word") else { continue }
                    let words = text.lowercased().split(separator: " ").map(String.init)
                    guard let firstWord = words.first else {
                        error(item, "empty feeling word")
                        continue
                    }
                    let phrase = words.joined(separator: " ")
                    if let other = owner[phrase] {
                        error(item, "feeling '\(phrase)' is already in family '\(other)'")
                        continue
                    }
                    owner[phrase] = name
                    phrases[firstWord, default: []].append(.init(words: words, family: family, strong: strong))
                }
            }
            if value["words"] == nil && value["strong"] == nil { error(key, "feeling family '\(name)' needs 'words'") }
            let replies = value["replies"].map { feelingReplies($0, allowed: ["{feeling}"], what: "a feeling reply") } ?? []
            if replies.isEmpty { error(key, "feeling family '\(name)' needs 'replies'") }
            let strongReplies = value["strong_replies"].map { feelingReplies($0, allowed: ["{feeling}"], what: "a feeling reply") } ?? []
            var familyRank: Int?
            if let n = value["rank"] {
                if let number = n.wholeNumber, abs(number) < 1_000 { familyRank = number } else {
                    error(n, "feeling family rank must be a whole number, found '\(n.scalar ?? n.kindName)'")
                }
            }
            let topicReplies = value["topic_replies"].map {
                feelingReplies($0, allowed: ["{feeling}", "{topic}"], what: "a feeling reply with a topic")
            } ?? []
            var selfOnly = false
            if let n = value["self_only"] {
                if let flag = n.bool { selfOnly = flag } else { error(n, "'self_only' must be true or false, found '\(n.scalar ?? n.kindName)'") }
            }
            families.append(.init(name: name, replies: replies, strongReplies: strongReplies, rank: familyRank, topicReplies: topicReplies,
                                  selfOnly: selfOnly))
        }
        // Longer phrases first, so "worn out" is tried before "worn".
        for key in phrases.keys { phrases[key]?.sort { $0.words.count > $1.words.count } }
        let topicReplies = node["topic_replies"].map {
            feelingReplies($0, allowed: ["{feeling}", "{topic}"], what: "a feeling reply with a topic")
        } ?? []
        var feelings = RuleSet.Feelings(rank: rank, families: families, phrases: phrases, mixed: mixed, topicReplies: topicReplies)
        feelings.firstWordIDs = Set(phrases.keys.map { intern($0) })
        return feelings
    }

    /// Reply strings that use only the `allowed` placeholders.
    private mutating func feelingReplies(_ node: YAMLNode, allowed: [String], what: String) -> [String] {
        guard let items = list(node, "'replies'") else { return [] }
        var replies: [String] = []
        for item in items {
            guard let text = string(item, what) else { continue }
            var rest = Substring(text)
            var bad: String?
            while let open = rest.firstIndex(of: "{") {
                let close = rest[open...].firstIndex(of: "}") ?? rest.endIndex
                let token = String(rest[open..<(close == rest.endIndex ? close : rest.index(after: close))])
                if !allowed.contains(token) { bad = token; break }
                rest = close == rest.endIndex ? "" : rest[rest.index(after: close)...]
            }
            if let bad {
                error(item, offset: Self.offset(of: bad, in: text),
                      "unknown placeholder '\(bad)' in \(what); use " + allowed.map { "'\($0)'" }.joined(separator: " or "))
                continue
            }
            replies.append(text)
        }
        return replies
    }

    private mutating func loadSubstitutions(_ node: YAMLNode) {
        guard let pairs = mapping(node, "'substitutions'") else { return }
        for pair in pairs {
            guard let key = string(pair.key, "a substitution"), let value = string(pair.value, "substitution '\(key)'") else { continue }
            guard let word = singleWord(key) else {
                error(pair.key, "substitution '\(key)' must be one word")
                continue
            }
            let replacement = RuleText.clauses(of: value, lexicon: [:]).flatMap { $0.map { $0.text.lowercased() } }
            if replacement.isEmpty {
                error(pair.value, "substitution '\(key)' has an empty replacement")
                continue
            }
            substitutions[word] = replacement
        }
    }

    private mutating func loadSynonyms(_ node: YAMLNode) {
        guard let pairs = mapping(node, "'synonyms'") else { return }
        for pair in pairs {
            guard let name = string(pair.key, "a synonym group name") else { continue }
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }) else {
                error(pair.key, "synonym group name '\(name)' may only use letters, digits, '-' and '_'")
                continue
            }
            guard let items = list(pair.value, "synonym group '\(name)'") else { continue }
            if items.isEmpty { error(pair.value, "synonym group '\(name)' is empty") }
            var members: [String] = []
            for item in items {
                guard let text = string(item, "a synonym"),
                      let word = matchableWord(text, node: item, what: "synonym") else { continue }
                if !members.contains(word) { members.append(word) }
            }
            synonyms[name.lowercased()] = members
        }
    }

    private mutating func loadReflections(_ node: YAMLNode) -> [(Int32, String)] {
        guard let pairs = mapping(node, "'reflections'") else { return [] }
        var result: [(Int32, String)] = []
        for pair in pairs {
            guard let key = string(pair.key, "a reflection"), let value = string(pair.value, "reflection '\(key)'") else { continue }
            guard let word = singleWord(key) else {
                error(pair.key, "reflection '\(key)' must be one word")
                continue
            }
            if let replacement = substitutions[word] {
                error(pair.key, "reflection '\(word)' never applies: substitutions replace it by '\(replacement.joined(separator: " "))'")
                continue
            }
            result.append((intern(word), value))
        }
        return result
    }

    /// Replies without parts: the rule set's `fallback:`, or a keyword's `none:`.
    private mutating func loadFallback(_ node: YAMLNode, what: String = "'fallback'") -> [String] {
        guard let items = list(node, what) else { return [] }
        if items.isEmpty, what == "'fallback'" { error(node, "'fallback' is empty; give at least one reply") }
        var replies: [String] = []
        for item in items {
            guard let text = string(item, "a fallback reply") else { continue }
            if text.allSatisfy(\.isWhitespace) {
                error(item, "empty reply")
                continue
            }
            switch Reassembly.parse(text) {
            case .failure(let problem):
                error(item, offset: problem.offset, problem.message)
            case .success(let template):
                if let n = template.partsUsed.first {
                    let kind = what == "'fallback'" ? "fallback reply" : "'none' reply"
                    error(item, offset: Self.offset(ofPart: n, in: text), "\(kind) uses {\(n)} but nothing was matched; \(kind == "fallback reply" ? "fallback replies" : "'none' replies") have no parts")
                } else {
                    replies.append(RuleSet.capitalised(text))
                }
            }
        }
        return replies
    }

    /// Character offset of `{n}` in a reply, for exact columns.
    static func offset(ofPart n: Int, in text: String) -> Int {
        let needle = Array("{\(n)}")
        let chars = Array(text)
        guard chars.count >= needle.count else { return 0 }
        for i in 0...(chars.count - needle.count) where Array(chars[i..<(i + needle.count)]) == needle { return i }
        return 0
    }

    // MARK: Keywords

    private struct CompiledKeyword {
        var keyword: RuleSet.Keyword
        /// Names a `goto` may use: each word and `@group`.
        var names: [String]
        /// Word ids that put the keyword on the stack.
        var ids: [Int32]
    }

    private mutating func loadKeyword(_ node: YAMLNode, index: Int, seen: inout [String: Int],
                                      pending: inout [PendingGoto]) -> CompiledKeyword? {
        guard let pairs = mapping(node, "a keyword") else { return nil }
        checkKeys(pairs, allowed: Self.keywordKeys, in: "keyword")

        var names: [String] = []
        var ids: [Int32] = []
        if let wordNode = node["word"] {
            let items: [YAMLNode]
            if wordNode.sequenceItems != nil {
                items = list(wordNode, "'word'") ?? []
                if items.isEmpty { error(wordNode, "'word' is an empty list") }
            } else {
                items = [wordNode]
            }
            for item in items {
                guard let text = string(item, "a keyword word") else { continue }
                let key: String
                if text.hasPrefix("@") {
                    let group = String(text.dropFirst()).lowercased()
                    guard let members = synonyms[group] else {
                        error(item, Spelling.suggest("unknown synonym group '\(text)'", for: group, among: synonyms.keys.sorted()))
                        continue
                    }
                    key = "@" + group
                    ids += members.map { intern($0) }
                } else {
                    guard let word = matchableWord(text, node: item, what: "keyword") else { continue }
                    key = word
                    ids.append(intern(word))
                }
                if let line = seen[key] {
                    error(item, "keyword '\(key)' is already listed on line \(line)")
                    continue
                }
                seen[key] = item.location.line
                names.append(key)
            }
        } else {
            error(node, "keyword needs a 'word'")
        }
        let name = names.first ?? "?"

        var rank = 0
        if let rankNode = node["rank"] {
            if let value = rankNode.wholeNumber {
                rank = value
            } else if rankNode.number != nil {
                error(rankNode, "rank must be a whole number, found '\(rankNode.scalar ?? "")'")
            } else {
                error(rankNode, "rank must be a number, found \(rankNode.scalar.map { "'\($0)'" } ?? rankNode.kindName)")
            }
        }
        var group: String?
        if let groupNode = node["group"], let value = string(groupNode, "'group'") {
            if value.isEmpty { error(groupNode, "'group' is empty") } else { group = value }
        }

        var patterns: [RuleSet.RulePattern] = []
        if let patternsNode = node["patterns"] {
            if let items = list(patternsNode, "'patterns'") {
                if items.isEmpty { error(patternsNode, "keyword '\(name)' has no patterns") }
                for item in items {
                    if let rule = loadPattern(item, keyword: index, keywordName: name, number: patterns.count, pending: &pending) {
                        patterns.append(rule)
                    }
                }
            }
        } else {
            error(node, "keyword '\(name)' needs 'patterns'")
        }

        var memory: RuleSet.RuleMemory?
        if let memoryNode = node["memory"] {
            memory = loadMemory(memoryNode, firstPattern: patterns.first?.pattern, key: "\(id)/\(name)/memory")
        }
        var none: [String] = []
        if let noneNode = node["none"] {
            let replies = loadFallback(noneNode, what: "'none'")
            if replies.isEmpty, noneNode.sequenceItems?.isEmpty == true { error(noneNode, "'none' is empty; give at least one reply") }
            none = replies
        }
        var topic = false
        var topicWords: [Int32] = []
        if let topicNode = node["topic"] {
            if let value = topicNode.bool {
                topic = value
            } else if let items = topicNode.sequenceItems {
                // Some of the keyword's own words: `topic: [rent, bills]` beside "paid".
                topic = true
                for item in items {
                    guard let text = string(item, "a topic word"), let word = matchableWord(text, node: item, what: "topic word") else { continue }
                    let id = intern(word)
                    if ids.contains(id) { topicWords.append(id) } else { error(item, "topic word '\(word)' is not one of the keyword's words") }
                }
            } else {
                error(topicNode, "'topic' must be true, false or a list of the keyword's words, found '\(topicNode.scalar ?? topicNode.kindName)'")
            }
        }
        let keyword = RuleSet.Keyword(name: name, rank: rank, group: group, patterns: patterns, memory: memory, none: none, topic: topic,
                                      topicWords: topicWords)
        return CompiledKeyword(keyword: keyword, names: names, ids: ids)
    }

    /// Compiles a `match:` string; nil (with a diagnostic) when malformed.
    private mutating func compilePattern(_ node: YAMLNode) -> Pattern? {
        guard let text = string(node, "'match'") else { return nil }
        let syntax: [PatternSyntax]
        switch PatternSyntax.parse(text) {
        case .failure(let problem):
            error(node, offset: problem.offset, problem.message)
            return nil
        case .success(let parsed):
            syntax = parsed
        }
        var elements: [Pattern.Element] = []
        var failed = false
        for element in syntax {
            switch element {
            case .star: elements.append(.star)
            case .one: elements.append(.one)
            case .word(let word):
                for replaced in substituted(word) { elements.append(.word(intern(replaced))) }
            case .group(let name):
                guard let members = groupMembers(name, node: node, text: text) else { failed = true; continue }
                elements.append(.set(Set(members)))
            case .alternatives(let alternatives):
                var ids: [Int32] = []
                var hasGroup = false
                for alternative in alternatives {
                    switch alternative {
                    case .word(let word):
                        let replaced = substituted(word)
                        guard replaced.count == 1 else {
                            error(node, offset: Self.offset(of: word, in: text),
                                  "alternative '\(word)' is replaced by '\(replaced.joined(separator: " "))' before matching; use one of those words")
                            failed = true
                            continue
                        }
                        ids.append(intern(replaced[0]))
                    case .group(let name):
                        hasGroup = true
                        guard let members = groupMembers(name, node: node, text: text) else { failed = true; continue }
                        ids += members
                    }
                }
                elements.append(hasGroup || ids.count > 8 ? .set(Set(ids)) : .anyOf(ids))
            }
        }
        return failed ? nil : Pattern(elements: elements, source: text)
    }

    private mutating func groupMembers(_ name: String, node: YAMLNode, text: String) -> [Int32]? {
        guard let members = synonyms[name] else {
            error(node, offset: Self.offset(of: "@" + name, in: text),
                  Spelling.suggest("unknown synonym group '@\(name)'", for: name, among: synonyms.keys.sorted()))
            return nil
        }
        return members.map { intern($0) }
    }

    /// Character offset of `needle` in `text` (case-insensitive), 0 when absent.
    static func offset(of needle: String, in text: String) -> Int {
        let chars = Array(text.lowercased())
        let target = Array(needle.lowercased())
        guard !target.isEmpty, chars.count >= target.count else { return 0 }
        for i in 0...(chars.count - target.count) where Array(chars[i..<(i + target.count)]) == target { return i }
        return 0
    }

    private mutating func loadPattern(_ node: YAMLNode, keyword: Int, keywordName: String, number: Int,
                                      pending: inout [PendingGoto]) -> RuleSet.RulePattern? {
        guard let pairs = mapping(node, "a pattern") else { return nil }
        checkKeys(pairs, allowed: Self.patternKeys, in: "pattern")
        guard let matchNode = node["match"] else {
            error(node, "pattern needs 'match'")
            return nil
        }
        let pattern = compilePattern(matchNode)
        guard let repliesNode = node["replies"] else {
            error(node, "pattern needs 'replies'")
            return nil
        }
        guard let items = list(repliesNode, "'replies'") else { return nil }
        if items.isEmpty {
            error(repliesNode, "empty replies: give the pattern at least one reply")
            return nil
        }
        var responses: [RuleResponse] = []
        for item in items {
            if let pairs = item.mappingPairs {
                checkKeys(pairs, allowed: Self.replyKeys, in: "reply")
                let gotoNode = item["goto"]
                let nextNode = item["next_keyword"]
                var pre: Reassembly?
                if let preNode = item["pre"] {
                    if gotoNode == nil { error(preNode, "a 'pre' reply needs 'goto': the keyword whose rules read the rewritten line") }
                    if let text = string(preNode, "'pre'") { pre = loadTemplate(text, node: preNode, pattern: pattern) }
                }
                switch (gotoNode, nextNode) {
                case (let gotoNode?, nil):
                    if let target = string(gotoNode, "'goto'") {
                        pending.append(PendingGoto(keyword: keyword, pattern: number, response: responses.count, target: target, node: gotoNode,
                                                   pre: pre))
                    }
                    responses.append(.nextKeyword)  // replaced once every keyword is known
                case (nil, let nextNode?):
                    if nextNode.bool != true { error(nextNode, "'next_keyword' must be true") }
                    responses.append(.nextKeyword)
                case (_?, _?):
                    error(item, "a reply has either 'goto' or 'next_keyword', not both")
                case (nil, nil):
                    if pairs.allSatisfy({ Self.replyKeys.contains($0.key.scalar ?? "") }), item["pre"] == nil {
                        error(item, "a reply mapping needs 'goto' or 'next_keyword'")
                    }
                }
                continue
            }
            guard let text = string(item, "a reply") else { continue }
            if let template = loadTemplate(text, node: item, pattern: pattern) { responses.append(.text(template)) }
        }
        guard let pattern else { return nil }
        return RuleSet.RulePattern(pattern: pattern, responses: responses, rotationKey: "\(id)/\(keywordName)/\(number)")
    }

    /// Parses a reply template and checks its parts against the pattern (when the pattern compiled).
    private mutating func loadTemplate(_ text: String, node: YAMLNode, pattern: Pattern?) -> Reassembly? {
        if text.allSatisfy(\.isWhitespace) {
            error(node, "empty reply")
            return nil
        }
        switch Reassembly.parse(text) {
        case .failure(let problem):
            error(node, offset: problem.offset, problem.message)
            return nil
        case .success(let template):
            guard let pattern else { return template }
            let available = pattern.parts.count
            if let n = template.partsUsed.first(where: { $0 > available }) {
                let has = available == 1 ? "1 part" : "\(available) parts"
                error(node, offset: Self.offset(ofPart: n, in: text), "reply uses {\(n)} but pattern '\(pattern.source)' has \(has)")
                return nil
            }
            return template
        }
    }

    private mutating func loadMemory(_ node: YAMLNode, firstPattern: Pattern?, key: String) -> RuleSet.RuleMemory? {
        let pattern: Pattern?
        let items: [YAMLNode]
        var laterItems: [YAMLNode] = []
        if let pairs = node.mappingPairs {
            checkKeys(pairs, allowed: Self.memoryKeys, in: "memory")
            if let laterNode = node["later"] { laterItems = list(laterNode, "'later'") ?? [] }
            guard let matchNode = node["match"], let repliesNode = node["replies"] else {
                error(node, "'memory' as a mapping needs 'match' and 'replies'")
                return nil
            }
            pattern = compilePattern(matchNode)
            items = list(repliesNode, "'replies'") ?? []
            if items.isEmpty, repliesNode.sequenceItems != nil { error(repliesNode, "empty replies: give the memory at least one remark") }
        } else {
            guard let list = list(node, "'memory'") else { return nil }
            if list.isEmpty { error(node, "empty replies: give the memory at least one remark") }
            pattern = firstPattern
            items = list
        }
        var remarks: [Reassembly] = []
        for item in items {
            guard let text = string(item, "a memory remark") else { continue }
            if let template = loadTemplate(text, node: item, pattern: pattern) { remarks.append(template) }
        }
        var later: [Reassembly] = []
        for item in laterItems {
            guard let text = string(item, "a later remark") else { continue }
            // `{when}` is the age of the remark, filled in the session that brings it back.
            if let template = loadTemplate(text.replacing("{when}", with: RuleSet.whenMarker), node: item, pattern: pattern) {
                later.append(template)
            }
        }
        var choice = RuleSet.RuleMemory.Choice.rotation
        if let chooseNode = node["choose"], let value = string(chooseNode, "'choose'") {
            if let known = RuleSet.RuleMemory.Choice(rawValue: value) { choice = known } else {
                error(chooseNode, "'choose' must be 'rotation' (remarks in turn) or 'hash' (by the line's last word, as ELIZA), found '\(value)'")
            }
        }
        guard let pattern, !remarks.isEmpty else { return nil }
        return RuleSet.RuleMemory(pattern: pattern, remarks: remarks, rotationKey: key, later: later, choice: choice)
    }
}

extension RuleSet {
    /// Builds a rule set from a parsed YAML file, appending problems to `diagnostics`.
    static func load(_ root: YAMLNode, file: SourceFile, diagnostics: inout [Diagnostic]) -> RuleSet? {
        var compiler = RuleSetCompiler(file: file)
        let ruleSet = compiler.compile(root)
        diagnostics += compiler.diagnostics
        return compiler.hasErrors ? nil : ruleSet
    }

    /// Parses and builds one rule-set file (for tools and tests).
    static func load(_ file: SourceFile, diagnostics: inout [Diagnostic]) -> RuleSet? {
        guard let root = YAMLParser.parse(file, diagnostics: &diagnostics) else { return nil }
        return load(root, file: file, diagnostics: &diagnostics)
    }
}
