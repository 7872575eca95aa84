/// A phrase is stored as one list of integers: the safety net holds thousands of phrases of a few
/// elements each, and a container per element made reading the script cache slower than compiling
/// the net from its YAML. Layout: the elements (each a code, then its payload; lists and masks
/// with their length first), then whether `first` is there and its mask, then the `required` masks.
extension SafetyNet.Phrase: Codable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        var reader = PhraseCodeReader(code: try container.decode([Int64].self))
        guard let phrase = reader.phrase() else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a damaged phrase")
        }
        self = phrase
    }

    func encode(to encoder: any Encoder) throws {
        var code: [Int64] = []
        Self.write(elements, into: &code)
        if let first {
            code.append(1)
            Self.write(first, into: &code)
        } else {
            code.append(0)
        }
        code.append(Int64(required.count))
        for mask in required { Self.write(mask, into: &code) }
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    private static func write(_ elements: [SafetyNet.Element], into code: inout [Int64]) {
        code.append(Int64(elements.count))
        for element in elements { write(element, into: &code) }
    }

    private static func write(_ element: SafetyNet.Element, into code: inout [Int64]) {
        switch element {
        case .word(let id): code += [0, Int64(id)]
        case .concept(let index): code += [1, Int64(index)]
        case .gap(let max): code += [2, Int64(max)]
        case .anyOf(let elements): code.append(3); write(elements, into: &code)
        case .optional(let element): code.append(4); write(element, into: &code)
        case .end: code.append(5)
        case .sequence(let elements): code.append(6); write(elements, into: &code)
        case .start: code.append(7)
        case .any: code.append(8)
        case .words(let mask): code.append(9); write(mask, into: &code)
        }
    }

    private static func write(_ mask: WordMask, into code: inout [Int64]) {
        code.append(Int64(mask.words.count))
        code += mask.words.map { Int64(bitPattern: $0) }
    }
}

/// Reads `SafetyNet.Phrase`'s stored code back; nil for anything out of place.
private struct PhraseCodeReader {
    let code: [Int64]
    var index = 0

    mutating func next() -> Int64? {
        guard index < code.count else { return nil }
        defer { index += 1 }
        return code[index]
    }

    mutating func count() -> Int? {
        guard let n = next(), n >= 0, n <= Int64(code.count - index) else { return nil }
        return Int(n)
    }

    mutating func phrase() -> SafetyNet.Phrase? {
        guard let elements = elements(), let hasFirst = next() else { return nil }
        var phrase = SafetyNet.Phrase(elements: elements)
        if hasFirst == 1 {
            guard let first = mask() else { return nil }
            phrase.first = first
        } else if hasFirst != 0 {
            return nil
        }
        guard let n = count() else { return nil }
        for _ in 0..<n {
            guard let mask = mask() else { return nil }
            phrase.required.append(mask)
        }
        return index == code.count ? phrase : nil
    }

    mutating func elements() -> [SafetyNet.Element]? {
        guard let n = count() else { return nil }
        var elements: [SafetyNet.Element] = []
        elements.reserveCapacity(n)
        for _ in 0..<n {
            guard let element = element() else { return nil }
            elements.append(element)
        }
        return elements
    }

    mutating func element() -> SafetyNet.Element? {
        switch next() {
        case 0: return next().flatMap { Int32(exactly: $0) }.map { .word($0) }
        case 1: return next().flatMap { Int(exactly: $0) }.map { .concept($0) }
        case 2: return next().flatMap { Int(exactly: $0) }.map { .gap($0) }
        case 3: return elements().map { .anyOf($0) }
        case 4: return element().map { .optional($0) }
        case 5: return .end
        case 6: return elements().map { .sequence($0) }
        case 7: return .start
        case 8: return .any
        case 9: return mask().map { .words($0) }
        default: return nil
        }
    }

    mutating func mask() -> WordMask? {
        guard let n = count() else { return nil }
        let words = code[index..<(index + n)].map { UInt64(bitPattern: $0) }
        index += n
        return WordMask(words: words)
    }
}

// The stored net keeps its phrases once, compiled in `program`: concepts, rules and guards are
// written without their phrase lists (only `index()`, run by the loader on a net compiled from
// YAML, reads them). A net read back matches through `program` and the lists' places alone; it
// is never indexed again.
extension SafetyNet.Concept {
    private enum CodingKeys: String, CodingKey { case name, label }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try container.decode(String.self, forKey: .name), label: try container.decode(String.self, forKey: .label),
                  phrases: [])
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(label, forKey: .label)
    }
}

extension SafetyNet.Rule {
    private enum CodingKeys: String, CodingKey {
        case id, tier, category, screen, unless, forced, shownConcepts, within, list, nearLists, notNearList
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try container.decode(String.self, forKey: .id), tier: try container.decode(SafetyNet.Tier.self, forKey: .tier),
                  category: try container.decode(String.self, forKey: .category), screen: try container.decode(String.self, forKey: .screen),
                  phrases: [], unless: try container.decode([Int].self, forKey: .unless),
                  forced: Set(try container.decode([Int].self, forKey: .forced)),
                  shownConcepts: try container.decode([Int].self, forKey: .shownConcepts))
        within = try container.decode(Int.self, forKey: .within)
        list = try container.decode(Int.self, forKey: .list)
        nearLists = try container.decode([Int].self, forKey: .nearLists)
        notNearList = try container.decode(Int.self, forKey: .notNearList)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(tier, forKey: .tier)
        try container.encode(category, forKey: .category)
        try container.encode(screen, forKey: .screen)
        try container.encode(unless, forKey: .unless)
        // Sorted, so one net always gives the same bytes.
        try container.encode(forced.sorted(), forKey: .forced)
        try container.encode(shownConcepts, forKey: .shownConcepts)
        try container.encode(within, forKey: .within)
        try container.encode(list, forKey: .list)
        try container.encode(nearLists, forKey: .nearLists)
        try container.encode(notNearList, forKey: .notNearList)
    }
}

extension SafetyNet.Guard {
    private enum CodingKeys: String, CodingKey { case name, label, wholeLine, evenFirstPerson, demotes, list, sparesList }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try container.decode(String.self, forKey: .name), label: try container.decode(String.self, forKey: .label),
                  phrases: [], wholeLine: try container.decode(Bool.self, forKey: .wholeLine),
                  evenFirstPerson: try container.decode(Bool.self, forKey: .evenFirstPerson),
                  demotes: try container.decode(Bool.self, forKey: .demotes))
        list = try container.decode(Int.self, forKey: .list)
        sparesList = try container.decode(Int.self, forKey: .sparesList)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(label, forKey: .label)
        try container.encode(wholeLine, forKey: .wholeLine)
        try container.encode(evenFirstPerson, forKey: .evenFirstPerson)
        try container.encode(demotes, forKey: .demotes)
        try container.encode(list, forKey: .list)
        try container.encode(sparesList, forKey: .sparesList)
    }
}
