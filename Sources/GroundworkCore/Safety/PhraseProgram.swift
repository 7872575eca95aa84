/// The safety net's phrases compiled for matching: every element, word mask and phrase held in
/// flat arrays of plain integers. Trying a phrase on a line then copies nothing reference-counted;
/// with the phrase trees, retains and releases of their arrays were a third of a line's time.
/// Built once from the trees when the net loads, and stored with it in the script cache.
struct PhraseProgram: Sendable, Codable {
    /// What an element does (`SafetyNet.Element`, case for case).
    enum Op: Int32 {
        case word, concept, gap, anyOf, optional, end, sequence, start, any, words
    }

    /// Elements, three integers each: the operation, then its operands. word: id; concept: index;
    /// gap: most words; anyOf, sequence: start and count in `links`; optional: the inner element;
    /// words: a mask.
    private(set) var code: [Int32] = []
    /// Lists of element ids (alternatives, sequences, a phrase's elements), of mask ids (a
    /// phrase's required masks) and of phrase ids (a concept's phrases by first word), each
    /// named by a start and a count.
    private(set) var links: [Int32] = []
    /// Phrases, five integers each: elements (start, count in `links`), the mask of words a match
    /// can start with (-1: any word), required masks (start, count in `links`).
    private(set) var phraseCode: [Int32] = []
    /// Masks: the bits of mask m are `maskBits[maskStart[m]..<maskStart[m + 1]]`, 64 ids a word;
    /// its non-zero words (indexes within the mask) `maskOccupied[occupiedStart[m]..<occupiedStart[m + 1]]`.
    private(set) var maskBits: [UInt64] = []
    private(set) var maskStart: [Int32] = [0]
    private(set) var maskOccupied: [Int32] = []
    private(set) var occupiedStart: [Int32] = [0]
    /// The words a gap or `_` never passes (`SafetyNet.barriers`), as a mask.
    private(set) var barriers: Int32 = -1
    /// Words a phrase passes over between two of its elements (`SafetyNet.fillers`), as a mask.
    private(set) var fillers: Int32 = -1
    /// For concept c, `conceptFirst[c]`: the start and count, in `firstWords`, of its (word, phrases)
    /// entries sorted by word, then the start and count in `links` of its phrases that can start anywhere.
    private(set) var conceptIndex: [Int32] = []
    /// (word, start, count): the phrases (ids in `links`) of a concept that can start with the word.
    private(set) var firstWords: [Int32] = []
    /// For word id w, the masks holding it: `postings[postingStart[w]..<postingStart[w + 1]]`. A
    /// line marks the masks of its own words once, so whether it holds a word of a mask is one
    /// read; testing masks against the line's words one by one was a fifth of a line's time.
    private(set) var postingStart: [Int32] = [0]
    private(set) var postings: [Int32] = []

    /// Masks already stored, by their bits, so a group used by many phrases is stored once.
    private var interned: [[UInt64]: Int32] = [:]

    private enum CodingKeys: String, CodingKey {
        case code, links, phraseCode, maskBits, maskStart, maskOccupied, occupiedStart, barriers, fillers, conceptIndex, firstWords
        case postingStart, postings
    }

    init() {}

    // MARK: Building

    /// Adds a mask; its id.
    mutating func add(_ mask: WordMask) -> Int32 {
        var bits = mask.words
        while bits.last == 0 { bits.removeLast() }
        if let known = interned[bits] { return known }
        let id = Int32(maskStart.count - 1)
        maskBits += bits
        maskStart.append(Int32(maskBits.count))
        for (i, word) in bits.enumerated() where word != 0 { maskOccupied.append(Int32(i)) }
        occupiedStart.append(Int32(maskOccupied.count))
        interned[bits] = id
        return id
    }

    mutating func setBarriers(_ mask: WordMask) { barriers = add(mask) }

    mutating func setFillers(_ mask: WordMask) { fillers = mask.isEmpty ? -1 : add(mask) }

    /// Lists, for each word id, the masks that hold it; called once every mask is added.
    mutating func indexPostings() {
        var byWord: [[Int32]] = []
        for m in 0..<maskCount {
            let start = Int(maskStart[m])
            for i in Int(occupiedStart[m])..<Int(occupiedStart[m + 1]) {
                let word = Int(maskOccupied[i])
                var rest = maskBits[start + word]
                while rest != 0 {
                    let id = word * 64 + rest.trailingZeroBitCount
                    rest &= rest - 1
                    if id >= byWord.count { byWord += Array(repeating: [], count: id - byWord.count + 1) }
                    byWord[id].append(Int32(m))
                }
            }
        }
        postingStart = [0]
        postings = []
        for masks in byWord {
            postings += masks
            postingStart.append(Int32(postings.count))
        }
    }

    /// Adds an element (and those inside it); its id.
    private mutating func add(_ element: SafetyNet.Element) -> Int32 {
        func emit(_ op: Op, _ a: Int32 = 0, _ b: Int32 = 0) -> Int32 {
            code += [op.rawValue, a, b]
            return Int32(code.count / 3 - 1)
        }
        switch element {
        case .word(let id): return emit(.word, id)
        case .concept(let index): return emit(.concept, Int32(index))
        case .gap(let max): return emit(.gap, Int32(max))
        case .anyOf(let choices):
            let (start, count) = link(choices.map { add($0) })
            return emit(.anyOf, start, count)
        case .optional(let inner):
            let child = add(inner)
            return emit(.optional, child)
        case .end: return emit(.end)
        case .sequence(let parts):
            let (start, count) = link(parts.map { add($0) })
            return emit(.sequence, start, count)
        case .start: return emit(.start)
        case .any: return emit(.any)
        case .words(let mask):
            let id = add(mask)
            return emit(.words, id)
        }
    }

    private mutating func link(_ ids: [Int32]) -> (Int32, Int32) {
        let start = Int32(links.count)
        links += ids
        return (start, Int32(ids.count))
    }

    /// Adds a phrase; its id.
    mutating func add(_ phrase: SafetyNet.Phrase) -> Int32 {
        let (elements, count) = link(phrase.elements.map { add($0) })
        let first = phrase.first.map { add($0) } ?? -1
        let (required, requiredCount) = link(phrase.required.map { add($0) })
        phraseCode += [elements, count, first, required, requiredCount]
        return Int32(phraseCode.count / 5 - 1)
    }

    /// Adds a concept's phrases, indexed by the words they can start with; the id of its first
    /// phrase (the others follow in order).
    mutating func add(concept phrases: [SafetyNet.Phrase]) -> Int32 {
        let ids = phrases.map { add($0) }
        var byWord: [Int32: [Int32]] = [:]
        var anywhere: [Int32] = []
        for (i, phrase) in phrases.enumerated() {
            if let first = phrase.first {
                for word in first.members { byWord[word, default: []].append(ids[i]) }
            } else {
                anywhere.append(ids[i])
            }
        }
        let entriesStart = Int32(firstWords.count / 3)
        for word in byWord.keys.sorted() {
            let (start, count) = link(byWord[word] ?? [])
            firstWords += [word, start, count]
        }
        let (anyStart, anyCount) = link(anywhere)
        conceptIndex += [entriesStart, Int32(byWord.count), anyStart, anyCount]
        return ids.first ?? phraseCount
    }

    // MARK: Reading

    /// The number of phrases added: the id the next one gets.
    var phraseCount: Int32 { Int32(phraseCode.count / 5) }

    /// True when `token` is a word no gap or `_` passes.
    func isBarrier(_ token: Int32) -> Bool { barriers >= 0 && contains(barriers, token) }

    func isFiller(_ token: Int32) -> Bool { fillers >= 0 && contains(fillers, token) }

    @inline(__always) func op(_ element: Int32) -> Op { Op(rawValue: code[Int(element) * 3]) ?? .end }
    func a(_ element: Int32) -> Int32 { code[Int(element) * 3 + 1] }
    func b(_ element: Int32) -> Int32 { code[Int(element) * 3 + 2] }
    func link(_ index: Int32) -> Int32 { links[Int(index)] }

    func elements(of phrase: Int32) -> Range<Int32> {
        let start = phraseCode[Int(phrase) * 5]
        return start..<(start + phraseCode[Int(phrase) * 5 + 1])
    }

    /// False when the phrase's first word cannot be this one.
    func canStart(_ phrase: Int32, with token: Int32) -> Bool {
        let first = phraseCode[Int(phrase) * 5 + 2]
        return first < 0 || contains(first, token)
    }

    /// The masks (ids in `links`) the phrase cannot match without: a line must hold a word of each.
    func required(of phrase: Int32) -> Range<Int32> {
        let start = phraseCode[Int(phrase) * 5 + 3]
        return start..<(start + phraseCode[Int(phrase) * 5 + 4])
    }

    /// The number of masks stored.
    var maskCount: Int { maskStart.count - 1 }

    func contains(_ mask: Int32, _ id: Int32) -> Bool {
        guard id >= 0 else { return false }
        let start = Int(maskStart[Int(mask)])
        let word = Int(id) >> 6
        return word < Int(maskStart[Int(mask) + 1]) - start && maskBits[start + word] & (1 << UInt64(id & 63)) != 0
    }

    /// The masks holding word `id` (ids of masks; empty for an unknown word).
    func masks(holding id: Int32) -> Range<Int> {
        guard id >= 0, Int(id) + 1 < postingStart.count else { return 0..<0 }
        return Int(postingStart[Int(id)])..<Int(postingStart[Int(id) + 1])
    }

    func posting(_ index: Int) -> Int32 { postings[index] }

    /// The phrases of concept `c` (as ranges of `links`) that can start with `token`, and those
    /// that can start anywhere.
    func conceptPhrases(_ c: Int, startingWith token: Int32) -> (byWord: Range<Int32>, anywhere: Range<Int32>) {
        let entries = Int(conceptIndex[c * 4]), count = Int(conceptIndex[c * 4 + 1])
        var low = entries, high = entries + count
        while low < high {
            let middle = (low + high) / 2
            if firstWords[middle * 3] < token { low = middle + 1 } else { high = middle }
        }
        var byWord: Range<Int32> = 0..<0
        if low < entries + count, firstWords[low * 3] == token {
            byWord = firstWords[low * 3 + 1]..<(firstWords[low * 3 + 1] + firstWords[low * 3 + 2])
        }
        return (byWord, conceptIndex[c * 4 + 2]..<(conceptIndex[c * 4 + 2] + conceptIndex[c * 4 + 3]))
    }
}
