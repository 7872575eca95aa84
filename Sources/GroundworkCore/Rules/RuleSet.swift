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
    /// Which clause of a line is answered: the first that holds a keyword (ELIZA), or the one
    /// whose strongest keyword ranks highest (`clauses: best`), so "I smiled in the meeting but I
    /// felt sick" is answered about the feeling, not the meeting.
    var clauseChoice: ClauseChoice = .first
    /// Feelings answered before topics (`feelings:`), nil when the rule set names none.
    var feelings: Feelings?

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
        let allClauses = RuleText.clauses(of: line, lexicon: lexicon)
        var clauses = allClauses.map { ($0, keywordStack($0)) }.filter { !$0.1.isEmpty }
        // A keyword with a memory keeps a remark whenever it is in the line, whichever keyword
        // answers ("my dad ran a print shop" is answered about the family and remembered too).
        for (clause, stack) in clauses {
            for k in stack { if let rule = keywords[k].memory { remember(rule, clause: clause, ids: clause.map(\.id), memory: &memory) } }
        }
        if feelings != nil {
            let found = feelingsFound(in: allClauses)
            let strongest = clauses.compactMap { $0.1.first.map { keywords[$0].rank } }.max()
            if let reply = feelingReply(found, strongestKeyword: strongest, memory: &memory) { return reply }
        }
        if clauseChoice == .best, clauses.count > 1 {
            // The clause whose answering keyword ranks highest (a keyword that passes to the next
            // one does not count); equal ranks keep the clauses' order. Tried on a copy of the
            // memory, so only the chosen clause advances any rotation.
            var best = 0, bestRank = Int.min
            for (index, (clause, stack)) in clauses.enumerated() {
                var scratch = memory
                var trail: [String] = []
                let ids = clause.map(\.id)
                for keyword in stack {
                    guard answer(with: keyword, clause: clause, ids: ids, memory: &scratch, trail: &trail, hops: 0, dryRun: true) != nil else { continue }
                    if keywords[keyword].rank > bestRank { (best, bestRank) = (index, keywords[keyword].rank) }
                    break
                }
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
        if remarksBefore > 0, !memory.remarks.isEmpty {
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

    /// Keywords found in the clause, highest rank first; equal ranks keep the order they appear in.
    private func keywordStack(_ clause: [RuleWord]) -> [Int] {
        var stack: [Int] = []
        for word in clause where word.id >= 0 {
            for k in keywordsByWord[Int(word.id)] where !stack.contains(k) {
                let rank = keywords[k].rank
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
                memory.rotation[rule.rotationKey] = (index + 1) % count
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
                }
            }
        }
        return nil
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
    private func remember(_ rule: RuleMemory, clause: [RuleWord], ids: [Int32], memory: inout ListenerMemory) {
        guard let starts = rule.pattern.match(ids) else { return }
        let count = rule.remarks.count
        let first = (memory.rotation[rule.rotationKey] ?? 0) % count
        for step in 0..<count {
            let index = (first + step) % count
            let template = rule.remarks[index]
            if partProblem(template, pattern: rule.pattern, starts: starts, clause: clause) != nil { continue }
            memory.rotation[rule.rotationKey] = (index + 1) % count
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
                    if word.id >= 0, let reflected = reflections[Int(word.id)] {
                        out += reflected
                    } else {
                        out += word.text == "i" ? "I" : word.text
                    }
                }
            }
        }
        return Self.capitalised(out)
    }

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
