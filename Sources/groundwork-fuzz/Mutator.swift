import GroundworkCore

/// Turns one input into a nearby one: bit flips, byte edits, splices with other corpus entries,
/// tokens from the target's dictionary, awkward Unicode and repeated chunks.
struct Mutator {
    /// Words and fragments that mean something to the target (keys, operators, pattern syntax).
    var dictionary: [[UInt8]]
    /// Longest input produced.
    var maxLength: Int

    /// Bytes that tend to break text handling: NUL, controls, CR, a lone UTF-8 lead byte.
    static let awkward: [[UInt8]] = [
        [0], [0x1B, 0x5B, 0x32, 0x4A], [0x0D, 0x0A], [0x0D], [0x09], [0x7F], [0xC3], [0xFF, 0xFE],
        Array("\u{200F}".utf8), Array("\u{202E}".utf8), Array("👩‍👩‍👧".utf8), Array("é".utf8), Array("e\u{301}".utf8),
        Array("\u{FEFF}".utf8), Array("’".utf8), Array("İ".utf8), Array("ß".utf8), Array("\u{2028}".utf8),
        Array("1e308".utf8), Array("-0".utf8), Array("9999999999999999999999".utf8), Array("nan".utf8),
    ]

    /// One to four stacked mutations of `input`; `other` supplies material for splices.
    func mutate(_ input: [UInt8], other: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        let rounds = Int.random(in: 1...4, using: &rng)
        for _ in 0..<rounds { bytes = mutateOnce(bytes, other: other, using: &rng) }
        if bytes.count > maxLength { bytes.removeLast(bytes.count - maxLength) }
        return bytes
    }

    private func mutateOnce(_ input: [UInt8], other: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        func position(_ inclusiveEnd: Bool = true) -> Int {
            Int.random(in: 0...(inclusiveEnd ? bytes.count : max(bytes.count - 1, 0)), using: &rng)
        }
        func range() -> Range<Int> {
            let a = position()
            let length = Int.random(in: 0...min(32, bytes.count - a), using: &rng)
            return a..<(a + length)
        }
        switch Int.random(in: 0..<11, using: &rng) {
        case 0 where !bytes.isEmpty:
            let i = position(false)
            bytes[i] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
        case 1 where !bytes.isEmpty:
            bytes[position(false)] = UInt8.random(in: 0...255, using: &rng)
        case 2:
            bytes.insert(UInt8.random(in: 0x20...0x7E, using: &rng), at: position())
        case 3 where !bytes.isEmpty:
            bytes.removeSubrange(range())
        case 4 where !bytes.isEmpty:
            let source = range()
            bytes.insert(contentsOf: Array(bytes[source]), at: position())
        case 5 where !other.isEmpty:
            // Splice: this input's head with the other's tail.
            let cut = position()
            let from = Int.random(in: 0...other.count, using: &rng)
            bytes = Array(bytes[..<cut]) + Array(other[from...])
        case 6 where !dictionary.isEmpty, 7 where !dictionary.isEmpty:
            let token = dictionary.randomElement(using: &rng) ?? []
            if Bool.random(using: &rng) || bytes.isEmpty {
                bytes.insert(contentsOf: token, at: position())
            } else {
                bytes.replaceSubrange(range(), with: token)
            }
        case 8:
            bytes.insert(contentsOf: Self.awkward.randomElement(using: &rng) ?? [], at: position())
        case 9 where !bytes.isEmpty:
            // Repeat a chunk many times: deep nesting, long lines, many keys.
            let source = range()
            let times = Int.random(in: 2...200, using: &rng)
            let chunk = Array(bytes[source])
            var repeated: [UInt8] = []
            for _ in 0..<times where repeated.count + chunk.count <= maxLength { repeated += chunk }
            bytes.insert(contentsOf: repeated, at: source.upperBound)
        case 10 where !bytes.isEmpty:
            // Swap two lines, a structural edit that keeps most of the text valid.
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            if lines.count > 1 {
                let i = Int.random(in: 0..<lines.count, using: &rng)
                let j = Int.random(in: 0..<lines.count, using: &rng)
                lines.swapAt(i, j)
                bytes = Array(lines.joined(separator: [0x0A]))
            }
        default:
            bytes.append(UInt8.random(in: 0x20...0x7E, using: &rng))
        }
        return bytes
    }
}
