/// A set of word ids as bits: `contains` without hashing (word ids are small and dense). The
/// loader builds phrases with these; the matcher reads them compiled into `PhraseProgram`.
struct WordMask: Sendable, Hashable, Codable {
    private var bits: [UInt64] = []

    init() {}

    /// The mask with these 64-bit words of bits (as `words` gives them), for stored forms.
    init(words: [UInt64]) {
        bits = words
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
        bits[word] |= 1 << UInt64(id & 63)
    }

    mutating func formUnion(_ other: WordMask) {
        if other.bits.count > bits.count { bits += Array(repeating: 0, count: other.bits.count - bits.count) }
        for i in other.bits.indices { bits[i] |= other.bits[i] }
    }

    var isEmpty: Bool { bits.allSatisfy { $0 == 0 } }

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
}
