/// A set of word ids as bits: `contains` and `intersects` without hashing, which is where a
/// line's time went with `Set<Int32>` (word ids are small and dense).
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

    func contains(_ id: Int32) -> Bool {
        guard id >= 0 else { return false }
        let word = Int(id) >> 6
        return word < bits.count && bits[word] & (1 << UInt64(id & 63)) != 0
    }

    /// The ids in the mask, for work done once when a net loads.
    var members: [Int32] {
        var out: [Int32] = []
        for (i, word) in bits.enumerated() where word != 0 {
            for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 { out.append(Int32(i * 64 + bit)) }
        }
        return out
    }

    func intersects(_ other: WordMask) -> Bool {
        for i in 0..<min(bits.count, other.bits.count) where bits[i] & other.bits[i] != 0 { return true }
        return false
    }
}
