/// Packed stored forms of a rule set's patterns and replies, for the script cache: the listening
/// rules hold thousands of pattern elements and reply segments, and a container for each (what
/// synthesized `Codable` writes for an enum) made reading them back most of a journal's cold start.
/// A pattern is its source and one list of integers; a reply is one list of integers and one of
/// strings; damaged lists throw, never trap.
extension Pattern {
    private enum CodingKeys: String, CodingKey { case code, source }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = try container.decode([Int64].self, forKey: .code)
        let source = try container.decode(String.self, forKey: .source)
        var elements: [Element] = []
        var index = 0
        func next() throws -> Int64 {
            guard index < code.count else {
                throw DecodingError.dataCorruptedError(forKey: .code, in: container, debugDescription: "a pattern ends early")
            }
            defer { index += 1 }
            return code[index]
        }
        func id() throws -> Int32 {
            guard let value = Int32(exactly: try next()) else {
                throw DecodingError.dataCorruptedError(forKey: .code, in: container, debugDescription: "a word id out of range")
            }
            return value
        }
        func ids() throws -> [Int32] {
            let count = try next()
            guard count >= 0, count <= code.count - index else {
                throw DecodingError.dataCorruptedError(forKey: .code, in: container, debugDescription: "a word list out of range")
            }
            return try (0..<count).map { _ in try id() }
        }
        while index < code.count {
            switch try next() {
            case 0: elements.append(.star)
            case 1: elements.append(.one)
            case 2: elements.append(.word(try id()))
            case 3: elements.append(.anyOf(try ids()))
            case 4: elements.append(.set(Set(try ids())))
            default: throw DecodingError.dataCorruptedError(forKey: .code, in: container, debugDescription: "an unknown pattern element")
            }
        }
        self.init(elements: elements, source: source)
    }

    func encode(to encoder: any Encoder) throws {
        var code: [Int64] = []
        for element in elements {
            switch element {
            case .star: code.append(0)
            case .one: code.append(1)
            case .word(let id): code += [2, Int64(id)]
            case .anyOf(let ids): code += [3, Int64(ids.count)] + ids.map(Int64.init)
            // Sorted, so one rule set always gives the same bytes.
            case .set(let ids): code += [4, Int64(ids.count)] + ids.sorted().map(Int64.init)
            }
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(source, forKey: .source)
    }
}

extension RuleResponse {
    /// Layout: `shape` is the kind (0 text, 1 goto, 2 next keyword, 3 pre), then the target keyword
    /// for goto and pre, then for text and pre one entry per segment (0: the next of `texts`, n > 0:
    /// part n); `texts` are the template's literal pieces.
    private enum CodingKeys: String, CodingKey { case shape, texts }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let shape = try container.decode([Int].self, forKey: .shape)
        let texts = try container.decodeIfPresent([String].self, forKey: .texts) ?? []
        func damaged() -> DecodingError {
            DecodingError.dataCorruptedError(forKey: .shape, in: container, debugDescription: "a damaged reply")
        }
        func template(from start: Int) throws -> Reassembly {
            var segments: [Reassembly.Segment] = []
            var used: [Int] = []
            var nextText = 0
            for entry in shape[start...] {
                if entry > 0 {
                    segments.append(.part(entry))
                    used.append(entry)
                } else {
                    guard entry == 0, nextText < texts.count else { throw damaged() }
                    segments.append(.text(texts[nextText]))
                    nextText += 1
                }
            }
            guard nextText == texts.count else { throw damaged() }
            return Reassembly(segments: segments, partsUsed: used)
        }
        guard let kind = shape.first else { throw damaged() }
        switch kind {
        case 0: self = .text(try template(from: 1))
        case 1:
            guard shape.count == 2 else { throw damaged() }
            self = .goto(shape[1])
        case 2:
            guard shape.count == 1 else { throw damaged() }
            self = .nextKeyword
        case 3:
            guard shape.count >= 2 else { throw damaged() }
            self = .pre(try template(from: 2), shape[1])
        default: throw damaged()
        }
    }

    func encode(to encoder: any Encoder) throws {
        var shape: [Int] = []
        var texts: [String] = []
        func write(_ template: Reassembly) {
            for segment in template.segments {
                switch segment {
                case .text(let text):
                    shape.append(0)
                    texts.append(text)
                case .part(let n): shape.append(n)
                }
            }
        }
        switch self {
        case .text(let template):
            shape.append(0)
            write(template)
        case .goto(let target): shape += [1, target]
        case .nextKeyword: shape.append(2)
        case .pre(let template, let target):
            shape += [3, target]
            write(template)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shape, forKey: .shape)
        if !texts.isEmpty { try container.encode(texts, forKey: .texts) }
    }
}
