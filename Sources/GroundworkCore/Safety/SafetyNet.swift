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
    }

    struct Concept: Sendable, Codable {
        var name: String
        /// Words a person can read in `/why` ("self-reference"); the name when not given.
        var label: String
        var phrases: [Phrase]
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
        /// Where this rule's phrase lists sit among `SafetyNet.listStart` (set when the net is indexed).
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
        /// Phrases (`spares`) a guard never explains away: a rule match overlapping one of them
        /// stands ("food and small things" explain a row over the yoghurt, not "pinned me against
        /// the fridge").
        var spares: [Phrase] = []
        var list = -1
        var sparesList = -1
    }

    public let id: String
    var vocabulary: [String: Int32]
    var substitutions: [String: [String]]
    var concepts: [Concept]
    var rules: [Rule]
    var guards: [Guard]
    /// Words a gap never skips: sentence ends, other people as subjects, negations.
    var barriers: WordMask
    /// Barrier words that are also ordinary words (`ordinary_after`): after one of the words of
    /// `ordinaryAfter[i]`, barrier `ordinaryWords[i]` is the ordinary word and no barrier ("in the
    /// shed", "i shed a tear", against "shed rather be dead").
    var ordinaryWords: [Int32] = []
    /// The id of "my" (-1 when the lexicon lacks it): a `near` window may not end on the "my" of
    /// another person.
    var possessive: Int = -1
    var ordinaryAfter: [WordMask] = []
    /// Intensifiers and hedges ("really", "just", "all", "exactly") a phrase passes over between
    /// two of its elements, up to `maxFillers` in a row: people add them anywhere ("i wouldnt
    /// exactly be upset", "theyd all be better off"), and a phrase written without them still reads.
    var fillers = WordMask()
    static let maxFillers = 2
    /// First-person words: a rule match holding one speaks of the person themself, and is not
    /// cancelled by a whole-line guard ("at work", "my novel") the way third-person talk is.
    var firstPerson: WordMask
    /// One-edit spelling tolerance: a deletion of a lexicon word → the word's id (-1 when two words share it).
    var deletions: [String: Int32]
    /// Each lexicon word by its id, to check that a word found through a shared deletion really is one
    /// edit away ("closig" and "losing" share "losig" but are two edits apart).
    var spellings: [String] = []
    var fuzzyMinimum: Int
    /// Replies to the gentle check that count as a clear "no" (at the start of the answer)…
    var clearNo: [Phrase]
    /// …unless one of these appears anywhere in it.
    var notClear: [Phrase]
    /// Every phrase of the concepts, rules, guards and check answers, compiled for matching.
    var program = PhraseProgram()
    /// The rules' and guards' phrase lists: list l is phrases `listStart[l]..<listStart[l + 1]` of
    /// `program`. The matcher finds a list's spans the first time a rule or guard asks for them.
    var listStart: [Int32] = []
    /// For each list, a mask of the words of its phrases' first (rarest) required masks: a line
    /// holding none of them matches nothing in the list, found with one mask test. -1 when a
    /// phrase of the list needs no word in particular.
    var listKeys: [Int32] = []
    /// `clearNo` and `notClear` in `program`.
    var clearNoPhrases: Range<Int32> = 0..<0
    var notClearPhrases: Range<Int32> = 0..<0

    /// Compiles the phrases into `program` and numbers the rules' and guards' lists; called once
    /// by the loader.
    mutating func index() {
        var program = PhraseProgram()
        // Concepts first, in order: the program indexes them by their position.
        for concept in concepts { _ = program.add(concept: concept.phrases) }
        func add(_ phrases: [Phrase]) -> Int {
            listStart.append(program.phraseCount)
            var key = WordMask()
            var keyed = true
            for phrase in phrases {
                _ = program.add(phrase)
                if let rarest = phrase.required.first { key.formUnion(rarest) } else { keyed = false }
            }
            listKeys.append(keyed ? program.add(key) : -1)
            return listStart.count - 1
        }
        for r in rules.indices {
            rules[r].list = add(rules[r].phrases)
            rules[r].nearLists = rules[r].near.map(add)
            rules[r].notNearList = add(rules[r].notNear)
        }
        for g in guards.indices {
            guards[g].list = add(guards[g].phrases)
            guards[g].sparesList = add(guards[g].spares)
        }
        listStart.append(program.phraseCount)
        let clearNoStart = program.phraseCount
        for phrase in clearNo { _ = program.add(phrase) }
        clearNoPhrases = clearNoStart..<program.phraseCount
        let notClearStart = program.phraseCount
        for phrase in notClear { _ = program.add(phrase) }
        notClearPhrases = notClearStart..<program.phraseCount
        program.setBarriers(barriers)
        program.setFillers(fillers)
        program.indexPostings()
        self.program = program
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
            let window = Array(all[start..<end])
            // A window short enough for one word of positions is matched without allocating them.
            let found = window.count < ShortPositions.capacity
                ? assess(window: window, positions: ShortPositions.self) : assess(window: window, positions: Positions.self)
            if found.tier > best.tier { best = found }
            if best.tier == .none, !found.guards.isEmpty { best.guards = found.guards }
            start = end
        } while start < all.count && best.tier != .crisis
        return best
    }

    private func assess<P: PositionSet>(window tokens: [Int32], positions: P.Type) -> Assessment {
        var matcher = Matcher<P>(net: self, tokens: tokens)
        var best = Assessment.clear
        var cancelledBy: [String] = []
        // By index, not `for rule in rules`: a copy of a rule per line retains every array it holds.
        for r in rules.indices where rules[r].tier > best.tier {
            // Most rules need a word this line does not hold: their spans come back empty at once.
            var spans = rules[r].nearLists.isEmpty ? matcher.spans(list: rules[r].list) : matcher.windows(r)
            guard !spans.isEmpty else { continue }
            var tier = rules[r].tier
            for index in rules[r].unless where !spans.isEmpty {
                let hits = matcher.spans(list: guards[index].list)
                guard !hits.isEmpty else { continue }
                let guarded = guards[index]
                if guarded.demotes {
                    // A joke marker lowers the tier of the whole line, first person or not.
                    let lowered = guarded.wholeLine || spans.allSatisfy { span in hits.contains { $0.overlaps(span) } }
                    if lowered, tier == .crisis { tier = .check }
                    continue
                }
                let everyone = guarded.evenFirstPerson || rules[r].forced.contains(index)
                let touched: (Range<Int>) -> Bool = guarded.wholeLine
                    ? { span in everyone || !span.contains { self.firstPerson.contains(tokens[$0]) } }
                    : { span in hits.contains { $0.overlaps(span) } }
                let spared = spareSpans(of: index, &matcher)
                let before = spans.count
                spans.removeAll { span in touched(span) && !spared.contains { $0.overlaps(span) } }
                if spans.count < before, !cancelledBy.contains(guarded.label) { cancelledBy.append(guarded.label) }
            }
            guard !spans.isEmpty, tier > best.tier else { continue }
            best = Assessment(tier: tier, category: rules[r].category, rule: rules[r].id, screen: rules[r].screen,
                              concepts: rules[r].shownConcepts.map { concepts[$0].label }, guards: [])
            if best.tier == .crisis { break }
        }
        if best.tier == .none { best.guards = cancelledBy }
        return best
    }

    /// Where guard `g`'s `spares` match in the line (none when it has none).
    private func spareSpans<P: PositionSet>(of g: Int, _ matcher: inout Matcher<P>) -> [Range<Int>] {
        let list = guards[g].sparesList
        guard list >= 0, listStart[list + 1] > listStart[list] else { return [] }
        return matcher.spans(list: list)
    }

    /// True when `answer` to the gentle check is a clear "no" and nothing in it suggests otherwise.
    public func isClearNo(_ answer: String) -> Bool {
        let tokens = tokens(answer)
        return tokens.count < ShortPositions.capacity
            ? isClearNo(tokens, positions: ShortPositions.self, answer) : isClearNo(tokens, positions: Positions.self, answer)
    }

    private func isClearNo<P: PositionSet>(_ tokens: [Int32], positions: P.Type, _ answer: String) -> Bool {
        var matcher = Matcher<P>(net: self, tokens: tokens)
        guard clearNoPhrases.contains(where: { !matcher.ends($0, from: 0).isEmpty }) else { return false }
        if matcher.matchesAnywhere(notClearPhrases) { return false }
        return assess(answer).tier == .none
    }

    // MARK: Tokens

    /// The line as word ids: lower case, apostrophes dropped ("don't" → "dont"), other marks split
    /// words, sentence punctuation kept as `sentenceEnd`, substitutions applied, one-edit typos of
    /// long lexicon words mapped to the word.
    func tokens(_ line: String) -> [Int32] {
        var out: [Int32] = []
        // The word being read, as UTF-8: one String per word, made only to look it up.
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func flush() {
            guard !word.isEmpty else { return }
            let text = String(decoding: word, as: UTF8.self)
            if let replacement = substitutions[text] {
                for part in replacement { out.append(vocabulary[part] ?? Self.unknownWord) }
            } else if let id = vocabulary[text] {
                out.append(id)
            } else {
                out.append(fuzzy(text, utf8: word))
            }
            word.removeAll(keepingCapacity: true)
        }
        func endSentence() {
            flush()
            if out.last == Self.comma { out.removeLast() }
            if out.last != Self.sentenceEnd { out.append(Self.sentenceEnd) }
        }
        func pause() {
            flush()
            if let last = out.last, last != Self.sentenceEnd, last != Self.comma { out.append(Self.comma) }
        }
        for scalar in line.unicodeScalars {
            // ASCII, most of what people type, without looking up Unicode properties.
            if scalar.isASCII {
                let byte = UInt8(truncatingIfNeeded: scalar.value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
                case UInt8(ascii: "'"), UInt8(ascii: "`"): continue
                case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"), UInt8(ascii: "\n"): endSentence()
                case UInt8(ascii: ","), UInt8(ascii: ":"): pause()
                default: flush()
                }
                continue
            }
            switch scalar {
            case "\u{2019}", "\u{2018}":
                continue
            case "\u{2026}":
                endSentence()
            case "\u{2014}", "\u{2013}":
                pause()
            default:
                if scalar.properties.isAlphabetic {
                    word.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                } else {
                    flush()
                }
            }
        }
        flush()
        return out
    }

    /// A word one edit (insertion, deletion, substitution or swap) from exactly one long lexicon
    /// word: the word with one letter removed looked up among the lexicon's words and among their
    /// own one-letter deletions (`deletions`, built at load), so a typo costs a few hash lookups.
    private func fuzzy(_ word: String, utf8 bytes: [UInt8]) -> Int32 {
        // Letters are counted in Unicode scalars, as the deletions were made.
        let length = bytes.reduce(0) { $0 + (Self.isContinuation($1) ? 0 : 1) }
        guard length + 1 >= fuzzyMinimum, length <= 24 else { return Self.unknownWord }
        var found: Int32 = Self.unknownWord
        func consider(_ id: Int32?) -> Bool {
            guard let id else { return true }
            if id < 0 || (found >= 0 && found != id) { found = Self.unknownWord; return false }
            found = id
            return true
        }
        // The word with a letter missing (the person added one), or a lexicon word missing one.
        if !consider(deletions[word]) { return Self.unknownWord }
        var shorter: [UInt8] = []
        shorter.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            var next = index + 1
            while next < bytes.count, Self.isContinuation(bytes[next]) { next += 1 }
            shorter.removeAll(keepingCapacity: true)
            shorter.append(contentsOf: bytes[..<index])
            shorter.append(contentsOf: bytes[next...])
            let key = String(decoding: shorter, as: UTF8.self)
            if length - 1 >= fuzzyMinimum, let id = vocabulary[key], !consider(id) { return Self.unknownWord }
            // A lexicon word with a letter missing at another place is a substitution or a swap
            // only when the two words differ there; otherwise it is two edits away and passed over.
            if let id = deletions[key], id >= 0, !isOneEdit(bytes, id) {
                index = next
                continue
            }
            if !consider(deletions[key]) { return Self.unknownWord }
            index = next
        }
        return found
    }

    /// True when `typed` (as long as lexicon word `id`) differs from it in one letter, or in two
    /// neighbouring letters swapped.
    private func isOneEdit(_ typed: [UInt8], _ id: Int32) -> Bool {
        guard Int(id) < spellings.count else { return true }
        let a = Array(String(decoding: typed, as: UTF8.self).unicodeScalars)
        let b = Array(spellings[Int(id)].unicodeScalars)
        guard a.count == b.count else { return false }
        let differ = a.indices.filter { a[$0] != b[$0] }
        if differ.count == 1 { return true }
        return differ.count == 2 && differ[1] == differ[0] + 1 && a[differ[0]] == b[differ[1]] && a[differ[1]] == b[differ[0]]
    }

    /// A UTF-8 byte that continues a scalar rather than starting one.
    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}

/// Matches phrases over one line's tokens, remembering where each concept matched and which
/// spans each phrase list has.
struct Matcher<P: PositionSet> {
    let net: SafetyNet
    /// The net's compiled phrases: everything the inner loops read is a plain integer in here.
    let program: PhraseProgram
    let tokens: [Int32]
    /// The line's known words, each once.
    let distinct: [Int32]
    /// memo[concept × (count + 1) + position]: 0 when not yet tried, -1 while being tried, else
    /// the index + 1 in `memoEnds` of where a match of the concept starting there can end.
    private var memo: [Int32]
    private var memoEnds: [P] = []
    /// The spans of each phrase list of the net, once asked for.
    private var listSpans: [[Range<Int>]?]
    /// For each mask of the program, whether the line holds one of its words (marked from the
    /// line's words when the matcher is made).
    private var held: [Bool]
    /// For each token, how many sentence ends come before it (for `near` windows), once per line.
    private var sentences: [Int]?
    /// Positions of barrier words read as ordinary words here ("the shed"); empty in most lines.
    private var ordinary: [Int] = []

    init(net: SafetyNet, tokens: [Int32]) {
        self.net = net
        self.program = net.program
        self.tokens = tokens
        self.memo = Array(repeating: 0, count: net.concepts.count * (tokens.count + 1))
        var present: [UInt64] = []
        var distinct: [Int32] = []
        for token in tokens where token >= 0 {
            let word = Int(token) >> 6
            if word >= present.count { present += repeatElement(0, count: word - present.count + 1) }
            if present[word] & (1 << UInt64(token & 63)) == 0 { distinct.append(token) }
            present[word] |= 1 << UInt64(token & 63)
        }
        self.distinct = distinct
        var ordinary: [Int] = []
        if !net.ordinaryWords.isEmpty {
            for p in tokens.indices.dropFirst() {
                guard let k = net.ordinaryWords.firstIndex(of: tokens[p]) else { continue }
                if net.ordinaryAfter[k].contains(tokens[p - 1]) { ordinary.append(p) }
            }
        }
        self.ordinary = ordinary
        self.listSpans = Array(repeating: nil, count: max(net.listStart.count - 1, 0))
        var held = Array(repeating: false, count: net.program.maskCount)
        for token in distinct {
            for i in net.program.masks(holding: token) { held[Int(net.program.posting(i))] = true }
        }
        self.held = held
    }

    /// True when the word at `p` is a barrier here: a barrier word not read as an ordinary word.
    @inline(__always) private func isBarrier(at p: Int) -> Bool {
        program.isBarrier(tokens[p]) && (ordinary.isEmpty || !ordinary.contains(p))
    }

    /// True when the line holds a word of `mask`.
    @inline(__always) private func holds(_ mask: Int32) -> Bool { held[Int(mask)] }

    /// True when the line lacks every word of one of the masks the phrase cannot do without.
    private mutating func cannotMatch(_ phrase: Int32) -> Bool {
        for i in program.required(of: phrase) where !holds(program.link(i)) { return true }
        return false
    }

    /// False when no phrase of list `list` can match: the line lacks a word each one needs.
    private mutating func mayMatch(list: Int) -> Bool {
        if listSpans[list] != nil { return !(listSpans[list] ?? []).isEmpty }
        let key = net.listKeys[list]
        if key >= 0, !holds(key) { return false }
        for phrase in net.listStart[list]..<net.listStart[list + 1] where !cannotMatch(phrase) { return true }
        return false
    }

    /// Where phrase list `list` of the net matches: from each start, to the furthest end, in
    /// order of start. Worked out the first time it is asked for (a rule whose words are not all
    /// in the line, and the guards of rules that did not fire, cost nothing more).
    mutating func spans(list: Int) -> [Range<Int>] {
        if let known = listSpans[list] { return known }
        guard mayMatch(list: list) else {
            listSpans[list] = []
            return []
        }
        // A phrase needing a word the line does not hold is never tried.
        var viable: [Int32] = []
        for phrase in net.listStart[list]..<net.listStart[list + 1] where !cannotMatch(phrase) {
            viable.append(phrase)
        }
        var out: [Range<Int>] = []
        if !viable.isEmpty {
            for start in tokens.indices where tokens[start] >= SafetyNet.unknownWord {
                var furthest = start
                for phrase in viable where program.canStart(phrase, with: tokens[start]) {
                    if let end = ends(phrase, from: start).last, end > furthest { furthest = end }
                }
                if furthest > start { out.append(start..<furthest) }
            }
        }
        listSpans[list] = out
        return out
    }

    /// For `near:` rule `r`: the windows in which every one of its parts matches, anchored on each
    /// match of the first part and taking the nearest match of each other part. Spans come sorted
    /// by start, so only those within reach of the anchor are looked at.
    mutating func windows(_ r: Int) -> [Range<Int>] {
        // Every part must match: a part whose words the line lacks rules the window out before
        // the spans of the others (often `@me`, found in nearly every line) are worked out.
        for list in net.rules[r].nearLists where !mayMatch(list: list) { return [] }
        var parts: [[Range<Int>]] = []
        for list in net.rules[r].nearLists {
            let found = spans(list: list)
            if found.isEmpty { return [] }
            parts.append(found)
        }
        guard let anchors = parts.first else { return [] }
        let within = net.rules[r].within
        // By the list, not `notNear`: a net read back from the script cache keeps no phrases.
        let notNear = net.rules[r].notNearList
        let forbidden = net.listStart[notNear + 1] == net.listStart[notNear] ? [] : spans(list: notNear)
        if sentences == nil { sentences = sentenceNumbers() }
        let sentence = sentences ?? []
        var out: [Range<Int>] = []
        for anchor in anchors {
            var window = anchor
            var matched = [anchor]
            var complete = true
            for part in parts.dropFirst() {
                var best: Range<Int>?
                var index = firstSpan(in: part, startingAtOrAfter: anchor.lowerBound - within)
                while index < part.count, part[index].lowerBound <= anchor.upperBound + within {
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
            guard complete, window.count <= within else { continue }
            // No other person inside the window (outside the parts themselves: "stab my boss"), nor
            // as the subject just before it ("she wants…").
            if window.contains(where: { i in isBarrier(at: i) && !matched.contains { $0.contains(i) } }) { continue }
            if hasOtherSubject(before: window.lowerBound) { continue }
            // A window ending on "my" with another person after it: the "my" of "my nan" is hers,
            // not the person speaking of themself ("death would be a relief for my nan").
            if window.upperBound < tokens.count, Int(tokens[window.upperBound - 1]) == net.possessive,
               isBarrier(at: window.upperBound) { continue }
            if forbidden.contains(where: { window.overlaps($0) }) { continue }
            out.append(window)
        }
        return out
    }

    /// True when a `near` window starting at `start` has a barrier as its subject just before it
    /// ("she wants to die"), looked for past fillers ("she really just wants to die"). Also when
    /// the window starts with the person themself: "the girl i sit next to wants to die".
    private func hasOtherSubject(before start: Int) -> Bool {
        guard start > 0 else { return false }
        var p = start - 1
        while p > 0, start - p <= SafetyNet.maxFillers, program.isFiller(tokens[p]) { p -= 1 }
        return isBarrier(at: p)
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

    /// True when one of `phrases` (ids in the program) matches from any word of the line.
    mutating func matchesAnywhere(_ phrases: Range<Int32>) -> Bool {
        for start in 0..<tokens.count where tokens[start] >= SafetyNet.unknownWord {
            for phrase in phrases where program.canStart(phrase, with: tokens[start]) {
                if !ends(phrase, from: start).isEmpty { return true }
            }
        }
        return false
    }

    /// Where a match of `phrase` (an id in the program) starting at `start` can end.
    mutating func ends(_ phrase: Int32, from start: Int) -> P {
        var positions = P(start)
        var first = true
        for i in program.elements(of: phrase) {
            if !first { positions = passingFillers(positions) }
            first = false
            positions = advance(positions, over: program.link(i))
            if positions.isEmpty { break }
        }
        return positions
    }

    /// `positions` and the places a run of up to `SafetyNet.maxFillers` filler words after each leads to.
    private func passingFillers(_ positions: P) -> P {
        guard program.fillers >= 0 else { return positions }
        var out = positions
        for p in positions {
            var q = p
            while q < tokens.count, q - p < SafetyNet.maxFillers, program.isFiller(tokens[q]) {
                q += 1
                out.insert(q)
            }
        }
        return out
    }

    /// Where a match can be after `element` (an id in the program), from any of `positions`.
    private mutating func advance(_ positions: P, over element: Int32) -> P {
        var out = P()
        let a = program.a(element)
        switch program.op(element) {
        case .word:
            for p in positions where p < tokens.count && tokens[p] == a { out.insert(p + 1) }
        case .concept:
            for p in positions { out.formUnion(conceptEnds(Int(a), at: p)) }
        case .gap:
            for p in positions {
                out.insert(p)
                var q = p
                var words = 0
                while q < tokens.count, words < Int(a), tokens[q] != SafetyNet.sentenceEnd, !isBarrier(at: q) {
                    if tokens[q] != SafetyNet.comma { words += 1 }
                    q += 1
                    out.insert(q)
                }
            }
        case .anyOf:
            for i in a..<(a + program.b(element)) { out.formUnion(advance(positions, over: program.link(i))) }
        case .optional:
            out = positions
            out.formUnion(advance(positions, over: a))
        case .end:
            for p in positions where p == tokens.count || tokens[p] == SafetyNet.sentenceEnd || tokens[p] == SafetyNet.comma {
                out.insert(p)
            }
        case .start:
            for p in positions where p == 0 || tokens[p - 1] == SafetyNet.sentenceEnd || tokens[p - 1] == SafetyNet.comma {
                out.insert(p)
            }
        case .any:
            for p in positions where p < tokens.count && tokens[p] >= SafetyNet.unknownWord && !isBarrier(at: p) {
                out.insert(p + 1)
            }
        case .words:
            for p in positions where p < tokens.count && program.contains(a, tokens[p]) { out.insert(p + 1) }
        case .sequence:
            out = positions
            for i in a..<(a + program.b(element)) {
                if i > a { out = passingFillers(out) }
                out = advance(out, over: program.link(i))
                if out.isEmpty { break }
            }
        }
        return out
    }

    private mutating func conceptEnds(_ index: Int, at p: Int) -> P {
        guard p < tokens.count else { return P() }
        let slot = index * (tokens.count + 1) + p
        let known = memo[slot]
        if known > 0 { return memoEnds[Int(known) - 1] }
        if known < 0 { return P() } // a cycle (refused by the loader) cannot recurse forever
        memo[slot] = -1
        var out = P()
        // Only the phrases that can start with this word, and those that can start anywhere. A
        // concept may match nothing at all ("^ @adverb?": a sentence with no subject).
        let (byWord, anywhere) = program.conceptPhrases(index, startingWith: tokens[p])
        for i in byWord {
            let phrase = program.link(i)
            if !cannotMatch(phrase) { out.formUnion(ends(phrase, from: p)) }
        }
        for i in anywhere {
            let phrase = program.link(i)
            if !cannotMatch(phrase) { out.formUnion(ends(phrase, from: p)) }
        }
        memoEnds.append(out)
        memo[slot] = Int32(memoEnds.count)
        return out
    }
}
