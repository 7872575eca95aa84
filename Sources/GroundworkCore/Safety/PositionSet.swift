/// A set of token positions in one line: where a partial phrase match can go on from. The
/// matcher is written once over this protocol and specialised for two layouts: `ShortPositions`
/// (one machine word, nothing to allocate or reference-count) for the lines people usually
/// write, and `Positions` for longer windows.
protocol PositionSet: Sequence where Element == Int {
    init()
    /// The set holding just this position.
    init(_ position: Int)
    var isEmpty: Bool { get }
    mutating func insert(_ position: Int)
    mutating func formUnion(_ other: Self)
    /// The furthest position, nil when empty.
    var last: Int? { get }
}

/// Positions 0...63 as the bits of one word: for lines of up to 63 tokens.
struct ShortPositions: PositionSet {
    /// The positions a set of this kind can hold: 0..<capacity.
    static let capacity = 64
    private var bits: UInt64 = 0

    init() {}

    init(_ position: Int) { insert(position) }

    var isEmpty: Bool { bits == 0 }

    mutating func insert(_ position: Int) { bits |= 1 << UInt64(position) }

    mutating func formUnion(_ other: ShortPositions) { bits |= other.bits }

    var last: Int? { bits == 0 ? nil : 63 - bits.leadingZeroBitCount }

    /// The positions in ascending order.
    struct Iterator: IteratorProtocol {
        fileprivate var rest: UInt64

        mutating func next() -> Int? {
            guard rest != 0 else { return nil }
            let bit = rest.trailingZeroBitCount
            rest &= rest - 1
            return bit
        }
    }

    func makeIterator() -> Iterator { Iterator(rest: bits) }
}

/// Any number of positions, 64 a word: for windows too long for `ShortPositions`.
struct Positions: PositionSet {
    private var words: [UInt64] = []

    init() {}

    init(_ position: Int) { insert(position) }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    mutating func insert(_ position: Int) {
        let word = position / 64
        if word >= words.count { words += Array(repeating: 0, count: word - words.count + 1) }
        words[word] |= 1 << UInt64(position % 64)
    }

    mutating func formUnion(_ other: Positions) {
        if other.words.count > words.count { words += Array(repeating: 0, count: other.words.count - words.count) }
        for i in other.words.indices { words[i] |= other.words[i] }
    }

    var last: Int? {
        for i in words.indices.reversed() where words[i] != 0 { return i * 64 + 63 - words[i].leadingZeroBitCount }
        return nil
    }

    /// The positions in ascending order.
    struct Iterator: IteratorProtocol {
        fileprivate let words: [UInt64]
        fileprivate var word = 0
        fileprivate var rest: UInt64 = 0

        mutating func next() -> Int? {
            while rest == 0 {
                guard word < words.count else { return nil }
                rest = words[word]
                word += 1
            }
            let bit = rest.trailingZeroBitCount
            rest &= rest - 1
            return (word - 1) * 64 + bit
        }
    }

    func makeIterator() -> Iterator { Iterator(words: words) }
}
