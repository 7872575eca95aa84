/// The safety net: reads one line and says whether it shows risk, and how clearly.
///
/// Detection works on concepts, not sentences. A concept is a list of phrases (words, other
/// concepts, bounded gaps); a rule is a phrase over concepts with a tier and a category; guards
/// are phrases that mark a line as fiction, professional talk, an idiom or someone else's story, and
/// cancel the rules that name them. Everything is data (`kind: safety-net`), checked by `lint`.
/// Pure and cheap: a line is tokenised once, words become integers, and concept matches are
/// memoised per position.
public struct SafetyNet: Sendable, Codable {
    /// How clear the risk is.
    public enum Tier: String, Sendable, Hashable, Codable, Comparable {
        case none, check, crisis

        public static func < (a: Tier, b: Tier) -> Bool { a.rank < b.rank }
        private var rank: Int {
            switch self {
            case .none: return 0
            case .check: return 1
            case .crisis: return 2
            }
        }
    }

    /// One element of a phrase.
    /// Only `optional` is boxed: the other cases hold their payload inline, so walking a phrase
    /// does not retain and release a box per element.
    enum Element: Sendable, Hashable {
        /// A word, by its id in `vocabulary`.
        case word(Int32)
        /// Another concept, by index.
        case concept(Int)
        /// Up to `max` words that are not barriers.
        case gap(Int)
        /// Any one of these elements.
        case anyOf([Element])
        /// The element, or nothing.
        indirect case optional(Element)
        /// The end of the line or of a sentence (`$`): "can't go on" but not "can't go on with this project".
        case end
        /// Several elements in a row: one alternative of several words ("(a and e|icu)").
        case sequence([Element])
        /// The start of the line, of a sentence or after a comma (`^`): a sentence with no subject,
        /// as people write ("cut myself again tonight").
        case start
        /// Any one word (`_`) that is not a barrier.
        case any
        /// Any one of these words: an alternative group of single words, compiled to one lookup.
        case words(WordMask)
    }

    struct Phrase: Sendable, Hashable {
        var elements: [Element]
        /// The words a match can start with; nil when it can start anywhere. Lets the matcher skip
        /// a phrase at a position in one set lookup (the cost of a line stays small with big lexicons).
        var first: WordMask? = nil
        /// For each element a match cannot do without, the words it can start with: a line that
        /// lacks all the words of any one of them is not looked at for this phrase.
        var required: [WordMask] = []

        func cannotMatch(in present: WordMask) -> Bool {
            required.contains { !$0.intersects(present) }
        }
    }

    struct Concept: Sendable, Codable {
        var name: String
        /// Words a person can read in `/why` ("self-reference"); the name when not given.
        var label: String
        var phrases: [Phrase]
        /// Phrases by the word they start with, and those that can start anywhere.
        var byFirstWord: [Int32: [Int]] = [:]
        var anywhere: [Int] = []
    }

    struct Rule: Sendable, Codable {
        var id: String
        var tier: Tier
        var category: String
        /// The C-SSRS screener item (or abuse, harm to others) the rule stands for.
        var screen: String
        var phrases: [Phrase]
        /// Guards (indexes into `guards`) that cancel this rule when they match the line.
        var unless: [Int]
        /// Guards named with `!` in `unless`: whole-line guards that cancel even first-person matches.
        var forced: Set<Int> = []
        /// The concepts named at the top of the rule's phrases, for the explanation.
        var shownConcepts: [Int]
        /// `near:` rules: each of these phrases matches, in any order, inside one window of
        /// `within` words of one sentence that holds no barrier word ("i … want … to be dead").
        var near: [[Phrase]] = []
        var within: Int = 0
        /// `near:` rules: phrases that may not appear inside the window (a negation).
        var notNear: [Phrase] = []
        /// Where this rule's phrase lists sit in `SafetyNet.lists` (set when the net is indexed).
        var list = -1
        var nearLists: [Int] = []
        var notNearList = -1
    }

    struct Guard: Sendable, Codable {
        var name: String
        var label: String
        var phrases: [Phrase]
        /// True: the guard cancels a rule wherever it matches in the line (fiction, professional
        /// talk). False: only a rule match it overlaps ("the commute is killing me").
        var wholeLine: Bool
        /// With `wholeLine`: cancels a match even when it speaks in the first person ("gave my old
        /// bike away" in a line about moving house).
        var evenFirstPerson: Bool
        /// True: the guard lowers a crisis to the gentle check instead of cancelling ("lol").
        var demotes: Bool
        var list = -1
    }

    public let id: String
    var vocabulary: [String: Int32]
    var substitutions: [String: [String]]
    var concepts: [Concept]
    var rules: [Rule]
    var guards: [Guard]
    /// Words a gap never skips: sentence ends, other people as subjects, negations.
    var barriers: WordMask
    /// First-person words: a rule match holding one speaks of the person themself, and is not
    /// cancelled by a whole-line guard ("at work", "my novel") the way third-person talk is.
    var firstPerson: WordMask
    /// One-edit spelling tolerance: a deletion of a lexicon word → the word's id (-1 when two words share it).
    var deletions: [String: Int32]
    var fuzzyMinimum: Int
    /// Replies to the gentle check that count as a clear "no" (at the start of the answer)…
    var clearNo: [Phrase]
    /// …unless one of these appears anywhere in it.
    var notClear: [Phrase]
    /// Every phrase list of the rules and guards, and an index from a word to the phrases that can
    /// start with it: a line's matches are found in one pass over its words, trying at each word
    /// only the phrases that can start there.
    var lists: [[Phrase]] = []
    var startingWith: [[PhraseRef]] = []
    var startingAnywhere: [PhraseRef] = []

    struct PhraseRef: Sendable, Codable {
        var list: Int32
        var phrase: Int32
    }

    /// Builds `lists` and the start index; called once by the loader.
    mutating func index() {
        func add(_ phrases: [Phrase]) -> Int {
            lists.append(phrases)
            return lists.count - 1
        }
        for r in rules.indices {
            rules[r].list = add(rules[r].phrases)
            rules[r].nearLists = rules[r].near.map(add)
            rules[r].notNearList = add(rules[r].notNear)
        }
        for g in guards.indices { guards[g].list = add(guards[g].phrases) }
        var table: [Int32: [PhraseRef]] = [:]
        var size = 0
        for (l, list) in lists.enumerated() {
            for (p, phrase) in list.enumerated() {
                let ref = PhraseRef(list: Int32(l), phrase: Int32(p))
                if let first = phrase.first {
                    for word in first.members {
                        table[word, default: []].append(ref)
                        size = max(size, Int(word) + 1)
                    }
                } else {
                    startingAnywhere.append(ref)
                }
            }
        }
        startingWith = Array(repeating: [], count: size)
        for (word, refs) in table { startingWith[Int(word)] = refs }
    }

    /// The id given to a sentence end in a token stream.
    static let sentenceEnd: Int32 = -2
    /// The id given to a comma: gaps pass over it, `^` matches after it, a `,` in a phrase matches it.
    static let comma: Int32 = -3
    /// The id given to a word the lexicon does not know.
    static let unknownWord: Int32 = -1
    /// Longest line, in words, that is read; the rest of a longer line is read in further windows.
    static let window = 400

    /// What the net found in a line.
    public struct Assessment: Sendable, Hashable {
        public var tier: Tier
        /// suicide, self-harm, harm-others or abuse ("" when nothing fired).
        public var category: String
        /// The rule that decided it.
        public var rule: String
        /// The screener item the rule stands for (wish-to-be-dead, method, plan, …).
        public var screen: String
        /// The labels of the concepts that fired, in the rule's order.
        public var concepts: [String]
        /// Guards that matched and cancelled other rules (for `/why detail`).
        public var guards: [String]

        public static let clear = Assessment(tier: .none, category: "", rule: "", screen: "", concepts: [], guards: [])

        /// In words a person can read: "self-reference + a wish + dying".
        public var explanation: String {
            guard tier != .none else {
                return guards.isEmpty ? "nothing in the line suggested risk"
                    : "words that can mean risk were read as \(guards.joined(separator: ", "))"
            }
            let what = tier == .crisis ? "the line suggested risk" : "the line might suggest risk"
            return "\(what) (\(category)): \(concepts.joined(separator: " + "))"
        }
    }

    /// Assesses one line: the highest tier any uncancelled rule reaches, and why.
    public func assess(_ line: String) -> Assessment {
        let all = tokens(line)
        var best = Assessment.clear
        var start = 0
        repeat {
            let end = min(all.count, start + Self.window)
            let found = assess(window: Array(all[start..<end]))
            if found.tier > best.tier { best = found }
            if best.tier == .none, !found.guards.isEmpty { best.guards = found.guards }
            start = end
        } while start < all.count && best.tier != .crisis
        return best
    }

    private func assess(window tokens: [Int32]) -> Assessment {
        var matcher = Matcher(net: self, tokens: tokens)
        var guardSpans: [[Range<Int>]?] = Array(repeating: nil, count: guards.count)
        var best = Assessment.clear
        var cancelledBy: [String] = []
        let present = matcher.present
        for rule in rules where rule.tier > best.tier {
            // Most rules need a word this line does not hold: skip them before any matching.
            if rule.near.isEmpty {
                if rule.phrases.allSatisfy({ $0.cannotMatch(in: present) }) { continue }
            } else if rule.near.contains(where: { part in part.allSatisfy { $0.cannotMatch(in: present) } }) {
                continue
            }
            var spans = rule.near.isEmpty ? matcher.spans(list: rule.list) : matcher.windows(rule)
            guard !spans.isEmpty else { continue }
            var tier = rule.tier
            for index in rule.unless where !spans.isEmpty {
                if guardSpans[index] == nil { guardSpans[index] = matcher.spans(list: guards[index].list) }
                let hits = guardSpans[index] ?? []
                guard !hits.isEmpty else { continue }
                let guarded = guards[index]
                if guarded.demotes {
                    // A joke marker lowers the tier of the whole line, first person or not.
                    let lowered = guarded.wholeLine || spans.allSatisfy { span in hits.contains { $0.overlaps(span) } }
                    if lowered, tier == .crisis { tier = .check }
                    continue
                }
                let everyone = guarded.evenFirstPerson || rule.forced.contains(index)
                let touched: (Range<Int>) -> Bool = guarded.wholeLine
                    ? { span in everyone || !span.contains { self.firstPerson.contains(tokens[$0]) } }
                    : { span in hits.contains { $0.overlaps(span) } }
                let before = spans.count
                spans.removeAll(where: touched)
                if spans.count < before, !cancelledBy.contains(guarded.label) { cancelledBy.append(guarded.label) }
            }
            guard !spans.isEmpty, tier > best.tier else { continue }
            best = Assessment(tier: tier, category: rule.category, rule: rule.id, screen: rule.screen,
                              concepts: rule.shownConcepts.map { concepts[$0].label }, guards: [])
            if best.tier == .crisis { break }
        }
        if best.tier == .none { best.guards = cancelledBy }
        return best
    }

    /// True when `answer` to the gentle check is a clear "no" and nothing in it suggests otherwise.
    public func isClearNo(_ answer: String) -> Bool {
        let tokens = tokens(answer)
        var matcher = Matcher(net: self, tokens: tokens)
        guard clearNo.contains(where: { !matcher.ends($0, from: 0).isEmpty }) else { return false }
        if matcher.matchesAnywhere(notClear) { return false }
        return assess(answer).tier == .none
    }

    // MARK: Tokens

    /// The line as word ids: lower case, apostrophes dropped ("don't" → "dont"), other marks split
    /// words, sentence punctuation kept as `sentenceEnd`, substitutions applied, one-edit typos of
    /// long lexicon words mapped to the word.
    func tokens(_ line: String) -> [Int32] {
        var out: [Int32] = []
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            if let replacement = substitutions[word] {
                for part in replacement { out.append(vocabulary[part] ?? Self.unknownWord) }
            } else if let id = vocabulary[word] {
                out.append(id)
            } else {
                out.append(fuzzy(word))
            }
            word = ""
        }
        for scalar in line.unicodeScalars {
            switch scalar {
            case "'", "\u{2019}", "\u{2018}", "`":
                continue
            case ".", "!", "?", ";", "\n", "\u{2026}":
                flush()
                if out.last == Self.comma { out.removeLast() }
                if out.last != Self.sentenceEnd { out.append(Self.sentenceEnd) }
            case ",", ":", "\u{2014}", "\u{2013}":
                flush()
                if let last = out.last, last != Self.sentenceEnd, last != Self.comma { out.append(Self.comma) }
            default:
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    if scalar.isASCII {
                        let v = scalar.value
                        word.unicodeScalars.append((65...90).contains(v) ? Unicode.Scalar(v + 32) ?? scalar : scalar)
                    } else {
                        word += scalar.properties.lowercaseMapping
                    }
                } else {
                    flush()
                }
            }
        }
        flush()
        return out
    }

    /// A word one edit (insertion, deletion, substitution or swap) from exactly one long lexicon word.
    private func fuzzy(_ word: String) -> Int32 {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count + 1 >= fuzzyMinimum, scalars.count <= 24 else { return Self.unknownWord }
        var found: Int32 = Self.unknownWord
        func consider(_ id: Int32?) -> Bool {
            guard let id else { return true }
            if id < 0 || (found >= 0 && found != id) { found = Self.unknownWord; return false }
            found = id
            return true
        }
        // The word with a letter missing (the person added one), or a lexicon word missing one.
        if !consider(deletions[word]) { return Self.unknownWord }
        for index in scalars.indices {
            var shorter = scalars
            shorter.remove(at: index)
            let key = String(String.UnicodeScalarView(shorter))
            if let id = vocabulary[key], key.unicodeScalars.count >= fuzzyMinimum, !consider(id) { return Self.unknownWord }
            if !consider(deletions[key]) { return Self.unknownWord }
        }
        return found
    }
}

/// Matches phrases over one line's tokens, remembering where each concept matched.
struct Matcher {
    let net: SafetyNet
    let tokens: [Int32]
    /// memo[concept × (count + 1) + position]: where a match of the concept starting there ends.
    private var memo: [[Int]?]
    /// The words the line holds.
    let present: WordMask
    /// For each token, how many sentence ends come before it (for `near` windows), once per line.
    private var sentences: [Int]?

    init(net: SafetyNet, tokens: [Int32]) {
        self.net = net
        self.tokens = tokens
        self.memo = Array(repeating: nil, count: net.concepts.count * (tokens.count + 1))
        self.present = WordMask(tokens)
    }

    /// Spans of every phrase list, found in one pass the first time one is asked for, kept flat
    /// (one allocation per line, not one per list): `found` holds (list, start, end) in order of start.
    private var found: [(list: Int32, span: Range<Int>)]?

    /// Where phrase list `list` of the net matches: from each start, to the furthest end.
    mutating func spans(list: Int) -> [Range<Int>] {
        if found == nil { found = findAll() }
        var out: [Range<Int>] = []
        for entry in found ?? [] where entry.list == Int32(list) {
            if let last = out.last, last.lowerBound == entry.span.lowerBound {
                if entry.span.upperBound > last.upperBound { out[out.count - 1] = entry.span }
            } else {
                out.append(entry.span)
            }
        }
        return out
    }

    private mutating func findAll() -> [(list: Int32, span: Range<Int>)] {
        var all: [(list: Int32, span: Range<Int>)] = []
        for start in 0..<tokens.count where tokens[start] >= 0 || tokens[start] == SafetyNet.unknownWord {
            let token = tokens[start]
            let indexed = token >= 0 && Int(token) < net.startingWith.count
            for pass in 0..<2 {
                let refs = pass == 0 ? (indexed ? net.startingWith[Int(token)] : []) : net.startingAnywhere
                for ref in refs {
                    // A phrase needing a word the line does not hold is never tried.
                    if net.lists[Int(ref.list)][Int(ref.phrase)].cannotMatch(in: present) { continue }
                    guard let end = ends(net.lists[Int(ref.list)][Int(ref.phrase)], from: start).max(), end > start else { continue }
                    all.append((ref.list, start..<end))
                }
            }
        }
        return all
    }

    /// For a `near:` rule: the windows in which every one of its parts matches, anchored on each
    /// match of the first part and taking the nearest match of each other part. Spans come sorted
    /// by start, so only those within reach of the anchor are looked at.
    mutating func windows(_ rule: SafetyNet.Rule) -> [Range<Int>] {
        let parts = rule.nearLists.map { spans(list: $0) }
        guard let anchors = parts.first, parts.allSatisfy({ !$0.isEmpty }) else { return [] }
        let forbidden = rule.notNear.isEmpty ? [] : spans(list: rule.notNearList)
        if sentences == nil { sentences = sentenceNumbers() }
        let sentence = sentences ?? []
        var out: [Range<Int>] = []
        for anchor in anchors {
            var window = anchor
            var matched = [anchor]
            var complete = true
            for part in parts.dropFirst() {
                var best: Range<Int>?
                var index = firstSpan(in: part, startingAtOrAfter: anchor.lowerBound - rule.within)
                while index < part.count, part[index].lowerBound <= anchor.upperBound + rule.within {
                    let candidate = part[index]
                    index += 1
                    guard candidate != anchor, sentence[candidate.lowerBound] == sentence[anchor.lowerBound],
                          sentence[candidate.upperBound - 1] == sentence[anchor.lowerBound] else { continue }
                    if best.map({ distance(candidate, anchor) < distance($0, anchor) }) ?? true { best = candidate }
                }
                guard let nearest = best else {
                    complete = false
                    break
                }
                matched.append(nearest)
                window = min(window.lowerBound, nearest.lowerBound)..<max(window.upperBound, nearest.upperBound)
            }
            guard complete, window.count <= rule.within else { continue }
            // No other person inside the window (outside the parts themselves: "stab my boss"), nor
            // as the subject just before it ("she wants…").
            if window.contains(where: { i in net.barriers.contains(tokens[i]) && !matched.contains { $0.contains(i) } }) { continue }
            if window.lowerBound > 0, net.barriers.contains(tokens[window.lowerBound - 1]) { continue }
            if forbidden.contains(where: { window.overlaps($0) }) { continue }
            out.append(window)
        }
        return out
    }

    /// For each token, how many sentence ends come before it.
    private func sentenceNumbers() -> [Int] {
        var numbers: [Int] = []
        numbers.reserveCapacity(tokens.count)
        var current = 0
        for token in tokens {
            if token == SafetyNet.sentenceEnd { current += 1 }
            numbers.append(current)
        }
        return numbers
    }

    /// The index of the first span whose start is at least `position` (binary search).
    private func firstSpan(in spans: [Range<Int>], startingAtOrAfter position: Int) -> Int {
        var low = 0, high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].lowerBound < position { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func distance(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        if a.overlaps(b) { return 0 }
        return a.lowerBound >= b.upperBound ? a.lowerBound - b.upperBound : b.lowerBound - a.upperBound
    }

    mutating func matchesAnywhere(_ phrases: [SafetyNet.Phrase]) -> Bool {
        for start in 0..<tokens.count where tokens[start] >= SafetyNet.unknownWord {
            for phrase in phrases {
                if let first = phrase.first, !first.contains(tokens[start]) { continue }
                if !ends(phrase, from: start).isEmpty { return true }
            }
        }
        return false
    }

    /// Where a match of `phrase` starting at `start` can end.
    mutating func ends(_ phrase: SafetyNet.Phrase, from start: Int) -> [Int] {
        var positions = [start]
        for element in phrase.elements {
            positions = advance(positions, over: element)
            if positions.isEmpty { return [] }
        }
        return positions
    }

    private mutating func advance(_ positions: [Int], over element: SafetyNet.Element) -> [Int] {
        var out: [Int] = []
        func add(_ p: Int) { if !out.contains(p) { out.append(p) } }
        for p in positions {
            switch element {
            case .word(let id):
                if p < tokens.count, tokens[p] == id { add(p + 1) }
            case .concept(let index):
                for end in conceptEnds(index, at: p) { add(end) }
            case .gap(let max):
                add(p)
                var q = p
                var words = 0
                while q < tokens.count, words < max, tokens[q] != SafetyNet.sentenceEnd, !net.barriers.contains(tokens[q]) {
                    if tokens[q] != SafetyNet.comma { words += 1 }
                    q += 1
                    add(q)
                }
            case .anyOf(let choices):
                for choice in choices {
                    for end in advance([p], over: choice) { add(end) }
                }
            case .optional(let inner):
                add(p)
                for end in advance([p], over: inner) { add(end) }
            case .end:
                if p == tokens.count || tokens[p] == SafetyNet.sentenceEnd || tokens[p] == SafetyNet.comma { add(p) }
            case .start:
                if p == 0 || tokens[p - 1] == SafetyNet.sentenceEnd || tokens[p - 1] == SafetyNet.comma { add(p) }
            case .any:
                if p < tokens.count, tokens[p] >= SafetyNet.unknownWord, !net.barriers.contains(tokens[p]) { add(p + 1) }
            case .words(let set):
                if p < tokens.count, set.contains(tokens[p]) { add(p + 1) }
            case .sequence(let parts):
                var current = [p]
                for part in parts {
                    current = advance(current, over: part)
                    if current.isEmpty { break }
                }
                for end in current { add(end) }
            }
        }
        return out
    }

    private mutating func conceptEnds(_ index: Int, at p: Int) -> [Int] {
        guard p < tokens.count else { return [] }
        let slot = index * (tokens.count + 1) + p
        if let known = memo[slot] { return known }
        memo[slot] = [] // a cycle (refused by the loader) cannot recurse forever
        let concept = net.concepts[index]
        var out: [Int] = []
        // Only the phrases that can start with this word, and those that can start anywhere. A
        // concept may match nothing at all ("^ @adverb?": a sentence with no subject).
        for i in (concept.byFirstWord[tokens[p]] ?? []) + concept.anywhere where !concept.phrases[i].cannotMatch(in: present) {
            for end in ends(concept.phrases[i], from: p) where !out.contains(end) { out.append(end) }
        }
        memo[slot] = out
        return out
    }
}
