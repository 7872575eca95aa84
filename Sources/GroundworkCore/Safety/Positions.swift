/// A set of token positions in one line, as bits: where a partial phrase match can go on from.
/// The first 64 positions are held inline, so matching a line of up to 63 words allocates nothing
/// (an array of positions per element tried was most of a line's time); longer windows spill
/// into `high`.
struct Positions: Sequence {
    private var low: UInt64 = 0
    /// Positions 64 and up, 64 a word; empty (no allocation) for short lines.
    private var high: [UInt64] = []

    init() {}

    init(_ position: Int) { insert(position) }

    var isEmpty: Bool { low == 0 && high.allSatisfy { $0 == 0 } }

    mutating func insert(_ position: Int) {
        if position < 64 {
            low |= 1 << UInt64(position)
            return
        }
        let word = position / 64 - 1
        if word >= high.count { high += Array(repeating: 0, count: word - high.count + 1) }
        high[word] |= 1 << UInt64(position % 64)
    }

    mutating func formUnion(_ other: Positions) {
        low |= other.low
        guard !other.high.isEmpty else { return }
        if other.high.count > high.count { high += Array(repeating: 0, count: other.high.count - high.count) }
        for i in other.high.indices { high[i] |= other.high[i] }
    }

    /// The furthest position, nil when empty.
    var last: Int? {
        for i in high.indices.reversed() where high[i] != 0 {
            return (i + 1) * 64 + 63 - high[i].leadingZeroBitCount
        }
        return low == 0 ? nil : 63 - low.leadingZeroBitCount
    }

    /// The positions in ascending order.
    struct Iterator: IteratorProtocol {
        private var current: UInt64
        private var base = 0
        private let high: [UInt64]
        private var word = 0

        fileprivate init(_ positions: Positions) {
            current = positions.low
            high = positions.high
        }

        mutating func next() -> Int? {
            while current == 0 {
                guard word < high.count else { return nil }
                current = high[word]
                word += 1
                base = word * 64
            }
            let bit = current.trailingZeroBitCount
            current &= current - 1
            return base + bit
        }
    }

    func makeIterator() -> Iterator { Iterator(self) }
}
