/// A compiled reflective-listening rule set (see docs/format.md): keyword-indexed tables built once.
public struct RuleSet: Sendable, Codable {
    public var id: String
    public var location: SourceLocation

    /// Keywords in file order.
    var keywords: [Keyword]
    /// Every word any rule mentions (lowercased) → its id, or its substitution.
    var lexicon: [String: LexiconEntry]
    /// Keyword indices by word id: the table that keeps a line's cost independent of the rule count.
    var keywordsByWord: [[Int]]
    /// Reflection of each word id (`my` → `your`), nil when the word is kept.
    var reflections: [String?]
    /// Replies when nothing matches and nothing is remembered, used in turn.
    var fallback: [String]
    var fallbackRotationKey: String
    /// Replies that say back a short clause of a line no keyword answered (`echo:`, with
    /// `{clause}`), before a remembered remark or the fallback: the line's own words are its focus.
    var echo: [String] = []
    /// Which clause of a line is answered: the first that holds a keyword (ELIZA), or the one
    /// whose strongest keyword ranks highest (`clauses: best`), so "I smiled in the meeting but I
    /// felt sick" is answered about the feeling, not the meeting.
    var clauseChoice: ClauseChoice = .first
    /// Feelings answered before topics (`feelings:`), nil when the rule set names none.
    var feelings: Feelings?
    /// The line a conversation with this rule set opens with (`opening:`, ELIZA's first line), if any.
    public var opening: String?
    /// How the keywords of a clause are stacked (`stack:`).
    var stackOrder: StackOrder = .sorted
    /// What a reply does when one of its parts matched no words (`empty_parts:`).
    var emptyParts: EmptyParts = .pass
    /// A stored remark is brought back only on every n-th line (`recall:`); 1 is every line.
    var recallEvery = 1

    /// Where the count of lines answered is kept in `ListenerMemory.rotation`.
    var linesKey: String { "\(id)/lines" }

    /// How `keywordStack` orders a clause's keywords.
    enum StackOrder: String, Sendable, Codable {
        /// Highest rank first; equal ranks in the order they appear.
        case sorted
        /// As ELIZA: a keyword ranked above the top one goes on top, any other to the bottom.
        case eliza
    }

    /// What happens to a reply whose part is empty.
    enum EmptyParts: String, Sendable, Codable {
        /// The reply is passed over in this turn and the next one is used.
        case pass
        /// The reply is used with nothing in the part's place, as ELIZA did.
        case keep
    }

    /// How `respond` picks the clause it answers.
    enum ClauseChoice: String, Sendable, Codable { case first, best }

    /// Most remarks kept for later; the oldest are dropped first.
    static let maxRemarks = 20
    /// Most `goto` hops for one reply, so redirect cycles end.
    static let maxRedirects = 8

    /// One keyword with its rules.
    struct Keyword: Sendable, Codable {
        /// How `/why` and `RuleReply.keyword` name it: its first word, or `@group`.
        var name: String
        var rank: Int
        var group: String?
        var patterns: [RulePattern]
        var memory: RuleMemory?
        /// Replies when none of the keyword's patterns match (`none:`), used in turn; empty means
        /// the next keyword in the clause answers.
        var none: [String] = []
        /// Whether the keyword's words name a person or a thing (`topic: true`) that a feeling
        /// reply can name beside the feeling: "your manager, and it's left you furious".
        var topic = false
        /// The words of the keyword that are topics (`topic: [rent, bills]`), ids; empty means all
        /// of them: a keyword may hold verbs ("paid") beside its nouns.
        var topicWords: [Int32] = []
    }

    /// A decomposition pattern with its replies.
    struct RulePattern: Sendable, Codable {
        var pattern: Pattern
        var responses: [RuleResponse]
        /// Key of this pattern's turn in `ListenerMemory.rotation`.
        var rotationKey: String
    }

    /// How a keyword stores remarks: a pattern (the keyword's first unless given) and templates.
    struct RuleMemory: Sendable, Codable {
        var pattern: Pattern
        var remarks: [Reassembly]
        var rotationKey: String
        /// How a later session says the remark (`later:`), with `{when}` kept for the age.
        var later: [Reassembly] = []
        /// How the remark template is picked (`choose:`).
        var choice: Choice = .rotation

        /// How a memory picks its remark template.
        enum Choice: String, Sendable, Codable {
            /// In turn, one after another.
            case rotation
            /// By a hash of the line's last word, as ELIZA did.
            case hash
        }
    }

    /// Stands for `{when}` inside a compiled `later:` template (a character no one types).
    static let whenMarker = "\u{E000}"

    /// Number of keywords, for tools and tests.
    public var keywordCount: Int { keywords.count }

    /// The distinct `group:` themes of the keywords, sorted.
    public var groups: [String] { Set(keywords.compactMap(\.group)).sorted() }

    /// Every theme a reply can record: the keyword groups and the feeling families, sorted; any
    /// other theme is a mention (a person named, such as "dad").
    public var themeNames: Set<String> { Set(keywords.compactMap(\.group)).union(feelings?.families.map(\.name) ?? []) }

    /// Answers one line. Memory (rotation, stored remarks) is read and updated in `memory`.
    public func respond(to line: String, memory: inout ListenerMemory) -> RuleReply {
        let remarksBefore = memory.remarks.count
        // Kept with the rotation so the stored memory's shape does not change.
        let lines = (memory.rotation[linesKey] ?? 0) + 1
        memory.rotation[linesKey] = lines
        let allClauses = RuleText.clauses(of: line, lexicon: lexicon)
        let lastWord = allClauses.last?.last?.text.lowercased() ?? ""
        var clauses = allClauses.map { ($0, keywordStack($0)) }.filter { !$0.1.isEmpty }
        // A keyword with a memory keeps a remark whenever it is in the line, whichever keyword
        // answers ("my dad ran a print shop" is answered about the family and remembered too).
        for (clause, stack) in clauses {
            for k in stack { if let rule = keywords[k].memory { remember(rule, clause: clause, ids: clause.map(\.id), lastWord: lastWord, memory: &memory) } }
        }
        if feelings != nil {
            let found = feelingsFound(in: allClauses)
            // Only a keyword that would answer outranks a feeling: "should" that passes to the next
            // keyword does not silence "felt guilty".
            let strongest = found.isEmpty ? nil : clauses.compactMap { answeringRank($0.0, stack: $0.1, memory: memory) }.max()
            let topic = found.isEmpty ? nil : topicNamed(in: clauses)
            if let reply = feelingReply(found, strongestKeyword: strongest, topic: topic, memory: &memory) { return reply }
        }
        if clauseChoice == .best, clauses.count > 1 {
            // The clause whose answering keyword ranks highest (a keyword that passes to the next
            // one does not count); equal ranks keep the clauses' order. Tried on a copy of the
            // memory, so only the chosen clause advances any rotation.
            var best = 0, bestRank = Int.min
            for (index, (clause, stack)) in clauses.enumerated() {
                if let rank = answeringRank(clause, stack: stack, memory: memory), rank > bestRank { (best, bestRank) = (index, rank) }
            }
            clauses.insert(clauses.remove(at: best), at: 0)
        }
        for (clause, stack) in clauses {
            let ids = clause.map(\.id)
            var trail: [String] = []
            for keyword in stack {
                if let reply = answer(with: keyword, clause: clause, ids: ids, memory: &memory, trail: &trail, hops: 0) {
                    return reply
                }
            }
        }
        if !echo.isEmpty, let said = echoClause(allClauses) {
            let (index, count) = turn("\(id)/echo", count: echo.count, memory: &memory)
            return RuleReply(text: Self.capitalised(echo[index].replacing("{clause}", with: said)), keyword: nil,
                             explanation: "echo of the clause \"\(said)\", reply \(index + 1) of \(count)", isFallback: false,
                             reason: "Nothing in that line matched what I listen for, so I said part of it back to you.")
        }
        // With `recall: 4`, as ELIZA's counter: a remark comes back only on every fourth line.
        if remarksBefore > 0, !memory.remarks.isEmpty, lines % recallEvery == 0 {
            let remark = memory.remarks.removeFirst()
            if !memory.later.isEmpty { memory.later.removeFirst() }
            return RuleReply(text: remark, keyword: nil, explanation: "memory: the oldest remark kept from earlier lines", isFallback: false,
                             reason: "Nothing in that line matched what I listen for, so I brought back something you wrote earlier.")
        }
        if !memory.carried.isEmpty {
            let remark = memory.carried.removeFirst()
            return RuleReply(text: Self.capitalised(remark.spoken), keyword: nil,
                             explanation: "memory: a remark carried from a session \(remark.days) days ago", isFallback: false,
                             reason: "Nothing in that line matched what I listen for, so I brought back something you wrote "
                                 + (remark.days == 1 ? "yesterday." : "\(remark.days) days ago."))
        }
        let (index, count) = turn(fallbackRotationKey, count: fallback.count, memory: &memory)
        return RuleReply(text: fallback[index], keyword: nil, explanation: "fallback, reply \(index + 1) of \(count)", isFallback: true,
                         reason: "Nothing in that line matched what I listen for, so I invited you to go on.")
    }

    /// Words a clause said back may not open with: it would lean on a clause that isn't there.
    static let echoOpeners: Set<String> = ["and", "but", "so", "because", "then", "or", "which", "that", "if", "when", "though",
                                           "although", "while", "until", "like", "just", "also", "too", "anyway", "what", "why",
                                           "how", "who", "where", "is", "are", "do", "does", "did", "can", "could", "should", "would"]

    /// The clause of three to six words to say back (the person's own first: one with "i" or
    /// "my"), pronouns turned round; nil when no clause fits.
    func echoClause(_ clauses: [[RuleWord]]) -> String? {
        let fitting = clauses.filter { clause in
            (3...6).contains(clause.count) && !Self.echoOpeners.contains(clause[0].text.lowercased())
        }
        let own = fitting.first { $0.contains { ["i", "my", "me"].contains($0.text.lowercased()) } }
        guard let clause = own ?? fitting.first else { return nil }
        var out: [String] = []
        var previousWasI = false
        for word in clause {
            let lower = word.text.lowercased()
            var said = word.id >= 0 ? reflections[Int(word.id)] ?? word.text : word.text
            // "i was" → "you were", not "you was".
            if previousWasI, lower == "was" { said = "were" }
            previousWasI = lower == "i"
            out.append(said == "i" ? "I" : said)
        }
        return out.joined(separator: " ")
    }

    /// The rank of the keyword that would answer the clause (the first on its stack that does not
    /// pass), found on a copy of the memory; nil when none would.
    private func answeringRank(_ clause: [RuleWord], stack: [Int], memory: ListenerMemory) -> Int? {
        var scratch = memory
        var trail: [String] = []
        let ids = clause.map(\.id)
        for keyword in stack where answer(with: keyword, clause: clause, ids: ids, memory: &scratch, trail: &trail, hops: 0, dryRun: true) != nil {
            return keywords[keyword].rank
        }
        return nil
    }

    /// Keywords found in the clause, highest rank first; equal ranks keep the order they appear in.
    private func keywordStack(_ clause: [RuleWord]) -> [Int] {
        var stack: [Int] = []
        for word in clause where word.id >= 0 {
            for k in keywordsByWord[Int(word.id)] where !stack.contains(k) {
                let rank = keywords[k].rank
                if stackOrder == .eliza {
                    if let top = stack.first, rank <= keywords[top].rank { stack.append(k) } else { stack.insert(k, at: 0) }
                    continue
                }
                var at = stack.count
                while at > 0, keywords[stack[at - 1]].rank < rank { at -= 1 }
                stack.insert(k, at: at)
            }
        }
        return stack
    }

    /// The next index in a rotation, advancing it.
    func turn(_ key: String, count: Int, memory: inout ListenerMemory) -> (Int, Int) {
        let index = (memory.rotation[key] ?? 0) % max(count, 1)
        memory.rotation[key] = (index + 1) % max(count, 1)
        return (index, count)
    }

    /// Tries one keyword's patterns; nil means "go on with the next keyword".
    /// A `dryRun` only finds out whether the keyword answers (for `clauses: best`): it builds no
    /// text and no explanation.
    private func answer(with k: Int, clause: [RuleWord], ids: [Int32], memory: inout ListenerMemory,
                        trail: inout [String], hops: Int, dryRun: Bool = false) -> RuleReply? {
        let keyword = keywords[k]
        for (p, rule) in keyword.patterns.enumerated() {
            guard let starts = rule.pattern.match(ids) else { continue }
            let count = rule.responses.count
            let first = (memory.rotation[rule.rotationKey] ?? 0) % count
            // A reply whose part would not read well (empty, a long echo, "being overreacting",
            // "to have anymore") is passed over in this turn; the next reply is used.
            for step in 0..<count {
                let index = (first + step) % count
                let response = rule.responses[index]
                if case .text(let template) = response, let problem = partProblem(template, pattern: rule.pattern, starts: starts, clause: clause) {
                    if !dryRun { trail.append("reply \(index + 1) passed over: \(problem)") }
                    continue
                }
                // A dry run leaves the rotation alone: writing to its copy of the memory would copy
                // the whole table, on every line.
                if !dryRun { memory.rotation[rule.rotationKey] = (index + 1) % count }
                if dryRun, case .text = response { return RuleReply(text: "", keyword: keyword.name, explanation: "", isFallback: false) }
                let place = dryRun ? "" : "keyword '\(keyword.name)' (rank \(keyword.rank)), pattern \(p + 1) \"\(rule.pattern.source)\", reply \(index + 1) of \(count)"
                switch response {
                case .text(let template):
                    trail.append(place)
                    let text = assemble(template, pattern: rule.pattern, starts: starts, clause: clause)
                    var reply = RuleReply(text: text, keyword: keyword.name, group: keyword.group,
                                          explanation: trail.joined(separator: "; "), isFallback: false,
                                          reason: reason(for: k, clause: clause, reply: text))
                    if keyword.name.hasPrefix("@") { reply.mention = trigger(of: k, in: clause)?.text.lowercased() }
                    return reply
                case .goto(let target):
                    trail.append(place + ": goto '\(keywords[target].name)'")
                    guard hops < Self.maxRedirects else { return nil }
                    return answer(with: target, clause: clause, ids: ids, memory: &memory, trail: &trail, hops: hops + 1, dryRun: dryRun)
                case .nextKeyword:
                    trail.append(place + ": next keyword")
                    return nil
                case .pre(let template, let target):
                    // ELIZA's PRE: the line is rewritten (parts as typed, not reflected) and the
                    // target keyword's patterns are tried on the new words.
                    let rewritten = rewrite(template, pattern: rule.pattern, starts: starts, clause: clause)
                    trail.append(place + ": pre \"\(rewritten.map(\.text).joined(separator: " "))\", goto '\(keywords[target].name)'")
                    guard hops < Self.maxRedirects else { return nil }
                    return answer(with: target, clause: rewritten, ids: rewritten.map(\.id), memory: &memory, trail: &trail,
                                  hops: hops + 1, dryRun: dryRun)
                }
            }
        }
        // ELIZA's NONE for one keyword: no pattern matched, and the keyword has its own replies.
        guard !keyword.none.isEmpty else { return nil }
        if dryRun { return RuleReply(text: "", keyword: keyword.name, explanation: "", isFallback: false) }
        let (index, count) = turn("\(id)/\(keyword.name)/none", count: keyword.none.count, memory: &memory)
        trail.append("keyword '\(keyword.name)' (rank \(keyword.rank)): no pattern matched, its own reply \(index + 1) of \(count)")
        let text = keyword.none[index]
        return RuleReply(text: text, keyword: keyword.name, group: keyword.group, explanation: trail.joined(separator: "; "),
                         isFallback: false, reason: reason(for: k, clause: clause, reply: text))
    }

    /// The words of a `pre:` template: its text as words of the rule set, its parts as the clause's words.
    private func rewrite(_ template: Reassembly, pattern: Pattern, starts: [Int], clause: [RuleWord]) -> [RuleWord] {
        var words: [RuleWord] = []
        for segment in template.segments {
            switch segment {
            case .text(let text): words += RuleText.clauses(of: text, lexicon: lexicon).flatMap { $0 }
            case .part(let n): words += pattern.range(ofPart: n, in: starts).map { clause[$0] }
            }
        }
        return words
    }

    /// The word of the clause that brought keyword `k` up.
    private func trigger(of k: Int, in clause: [RuleWord]) -> RuleWord? {
        clause.first { $0.id >= 0 && keywordsByWord[Int($0.id)].contains(k) }
    }

    /// Why keyword `k` answered, in words: the word of the line that brought it up, as written.
    private func reason(for k: Int, clause: [RuleWord], reply: String) -> String {
        if keywords[k].group == "coach" { return "You asked about me, so I said plainly what I am and what I can do." }
        guard let word = trigger(of: k, in: clause) else {
            return RuleReply.reason("'\(keywords[k].name)'", reply: reply)
        }
        return RuleReply.reason("'\(word.text.lowercased())'", reply: reply)
    }

    /// Stores a remark when the keyword's memory pattern matches the clause.
    private func remember(_ rule: RuleMemory, clause: [RuleWord], ids: [Int32], lastWord: String, memory: inout ListenerMemory) {
        guard let starts = rule.pattern.match(ids) else { return }
        let count = rule.remarks.count
        let first = rule.choice == .hash ? Self.hash(lastWord) % count : (memory.rotation[rule.rotationKey] ?? 0) % count
        for step in 0..<count {
            let index = (first + step) % count
            let template = rule.remarks[index]
            if partProblem(template, pattern: rule.pattern, starts: starts, clause: clause) != nil { continue }
            if rule.choice == .rotation { memory.rotation[rule.rotationKey] = (index + 1) % count }
            let remark = assemble(template, pattern: rule.pattern, starts: starts, clause: clause)
            if !memory.remarks.contains(remark) {
                // Older sessions' memories have no `later`; start its list in step with the remarks.
                while memory.later.count < memory.remarks.count { memory.later.insert("", at: 0) }
                memory.remarks.append(remark)
                let later = rule.later.isEmpty ? "" : assemble(rule.later[index % rule.later.count], pattern: rule.pattern, starts: starts, clause: clause)
                memory.later.append(later.replacing(Self.whenMarker, with: "{when}"))
                if memory.remarks.count > Self.maxRemarks {
                    let extra = memory.remarks.count - Self.maxRemarks
                    memory.remarks.removeFirst(extra)
                    memory.later.removeFirst(min(extra, memory.later.count))
                }
            }
            return
        }
    }

    /// A hash of a word that is the same on every run and machine (FNV-1a over its UTF-8), so a
    /// memory chosen by hash picks the same remark for the same last word, as ELIZA's HASH did.
    static func hash(_ word: String) -> Int {
        var value: UInt32 = 2_166_136_261
        for byte in word.utf8 { value = (value ^ UInt32(byte)) &* 16_777_619 }
        return Int(value % 1_000_003)
    }

    /// Fills a template with reflected parts and capitalises it like a sentence.
    func assemble(_ template: Reassembly, pattern: Pattern, starts: [Int], clause: [RuleWord]) -> String {
        var out = ""
        for segment in template.segments {
            switch segment {
            case .text(let text):
                out += text
            case .part(let n):
                var first = true
                for i in pattern.range(ofPart: n, in: starts) {
                    if !first { out += " " }
                    first = false
                    let word = clause[i]
                    // "i was" said back is "you were", not "you was" (as the echo does).
                    let afterI = i > 0 && clause[i - 1].text.lowercased() == "i"
                    if afterI, let were = Self.afterYou[word.text.lowercased()] {
                        out += were
                    } else if word.id >= 0, let reflected = reflections[Int(word.id)] {
                        out += reflected
                    } else {
                        out += word.text == "i" ? "I" : word.text
                    }
                }
            }
        }
        return Self.capitalised(out)
    }

    /// Verbs that change with the person when "i" is said back as "you".
    static let afterYou: [String: String] = ["was": "were", "wasn't": "weren't", "wasnt": "weren't"]

    /// Upper-cases the first character when it is a lowercase letter (after leading quotes or spaces).
    static func capitalised(_ text: String) -> String {
        guard let index = text.firstIndex(where: { !$0.isWhitespace && !$0.isPunctuation }),
              text[index].isLowercase else { return text }
        var out = String(text[..<index])
        out += text[index].uppercased()
        out += text[text.index(after: index)...]
        return out
    }
}
