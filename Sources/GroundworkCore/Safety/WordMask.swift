/// A set of word ids as bits: `contains` and `intersects` without hashing, which is where a
/// line's time went with `Set<Int32>` (word ids are small and dense).
struct WordMask: Sendable, Hashable, Codable {
    private var bits: [UInt64] = []
    /// The indexes of the non-zero words of `bits`: `intersects` looks only at these, so testing
    /// a phrase's few words against a line costs a few loads, not one per 64 words of the lexicon.
    private var occupied: [Int32] = []

    init() {}

    /// The mask with these 64-bit words of bits (as `words` gives them), for stored forms.
    init(words: [UInt64]) {
        bits = words
        occupied = words.indices.compactMap { words[$0] != 0 ? Int32($0) : nil }
    }

    /// The bits, 64 ids a word, for stored forms.
    var words: [UInt64] { bits }

    init<S: Sequence>(_ ids: S) where S.Element == Int32 {
        for id in ids { insert(id) }
    }

    mutating func insert(_ id: Int32) {
        guard id >= 0 else { return }
        let word = Int(id) >> 6
        if word >= bits.count { bits += Array(repeating: 0, count: word - bits.count + 1) }
        if bits[word] == 0 { occupied.append(Int32(word)) }
        bits[word] |= 1 << UInt64(id & 63)
    }

    func contains(_ id: Int32) -> Bool {
        guard id >= 0 else { return false }
        let word = Int(id) >> 6
        return word < bits.count && bits[word] & (1 << UInt64(id & 63)) != 0
    }

    /// The ids in the mask, in order, for work done once when a net loads.
    var members: [Int32] {
        var out: [Int32] = []
        for (i, word) in bits.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                out.append(Int32(i * 64 + rest.trailingZeroBitCount))
                rest &= rest - 1
            }
        }
        return out
    }

    mutating func formUnion(_ other: WordMask) {
        for i in other.occupied {
            let word = Int(i)
            if word >= bits.count { bits += Array(repeating: 0, count: word - bits.count + 1) }
            if bits[word] == 0 { occupied.append(i) }
            bits[word] |= other.bits[word]
        }
    }

    func intersects(_ other: WordMask) -> Bool {
        // The mask with fewer non-zero words is walked; neither is copied (a copy retains both arrays).
        occupied.count <= other.occupied.count ? Self.meet(self, other) : Self.meet(other, self)
    }

    private static func meet(_ few: WordMask, _ many: WordMask) -> Bool {
        for i in few.occupied {
            let word = Int(i)
            if word < many.bits.count, few.bits[word] & many.bits[word] != 0 { return true }
        }
        return false
    }

    /// The same members: `occupied` is an index in insertion order, not part of the value.
    static func == (a: WordMask, b: WordMask) -> Bool { a.bits == b.bits }

    func hash(into hasher: inout Hasher) { hasher.combine(bits) }

    // Stored as the bits alone (the form before `occupied`); the index is rebuilt on reading.
    private enum CodingKeys: String, CodingKey { case bits }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(words: try container.decode([UInt64].self, forKey: .bits))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bits, forKey: .bits)
    }
}
