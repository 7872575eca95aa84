/// Encodes any `Encodable` as compact tagged bytes for the script cache: no text to parse, key
/// names written once in a table and referred to by number. `CompactDecoder` reads it back.
///
/// Every value starts with a tag byte (`CompactTag`); integers are variable-length, strings are
/// UTF-8 with their length first, a keyed container lists its keys before its values (so
/// `allKeys` costs no skipping) and an unkeyed one its count. Values are written in the order they
/// were encoded, and `CompactDecoder` expects them asked for in that order, which synthesized
/// `Codable` always does.
public struct CompactEncoder {
    public init() {}

    /// The bytes of `value`.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = CompactNode()
        // Through the same setter as a nested value, so a top-level list is packed as the
        // decoder's top level expects.
        try CompactScalar.set(root, value)
        var writer = CompactWriter()
        writer.collectKeys(root)
        var bytes = writer.keyTable()
        writer.write(root, into: &bytes)
        return bytes
    }
}

/// The first byte of every encoded value.
enum CompactTag: UInt8 {
    case null = 0, no, yes, int, uint, double, float, string, keyed, unkeyed
    /// Packed forms of the collections a library is mostly made of, read in one loop each instead
    /// of a container per element: a list of integers, a list of strings, strings to integers.
    case ints, strings, stringInts

    /// The message for a value of another kind where this one was expected. Spelled out rather
    /// than interpolated: `Value` tries a bool, a number and a string in turn, so this is built
    /// often, and describing an enum goes through reflection.
    var expected: String {
        switch self {
        case .null: "expected null"
        case .no, .yes: "expected a bool"
        case .int: "expected an int"
        case .uint: "expected a uint"
        case .double: "expected a double"
        case .float: "expected a float"
        case .string: "expected a string"
        case .keyed: "expected a keyed container"
        case .unkeyed: "expected a list"
        case .ints: "expected packed ints"
        case .strings: "expected packed strings"
        case .stringInts: "expected packed string ints"
        }
    }
}

/// One value being encoded: a scalar, or a container whose children are filled in later.
final class CompactNode {
    enum Kind {
        case empty, null, bool(Bool), int(Int64), uint(UInt64), double(Double), float(Float), string(String), keyed, unkeyed
        case ints([Int64]), strings([String]), stringInts([(String, Int64)])
    }

    var kind: Kind = .empty
    var keys: [String] = []
    var children: [CompactNode] = []

    /// A new child, keyed when `key` is given.
    func child(_ key: String?) -> CompactNode {
        let node = CompactNode()
        if let key { keys.append(key) }
        children.append(node)
        return node
    }
}

private struct CompactWriter {
    var keyIndex: [String: Int] = [:]
    var keyOrder: [String] = []

    mutating func collectKeys(_ node: CompactNode) {
        for key in node.keys where keyIndex[key] == nil {
            keyIndex[key] = keyOrder.count
            keyOrder.append(key)
        }
        for child in node.children { collectKeys(child) }
    }

    func keyTable() -> [UInt8] {
        var bytes: [UInt8] = []
        CompactWriter.varint(UInt64(keyOrder.count), into: &bytes)
        for key in keyOrder { CompactWriter.string(key, into: &bytes) }
        return bytes
    }

    func write(_ node: CompactNode, into bytes: inout [UInt8]) {
        switch node.kind {
        case .empty, .null:
            // A value whose encode(to:) wrote nothing reads back as nil, as in JSONEncoder.
            bytes.append(CompactTag.null.rawValue)
        case .bool(let value):
            bytes.append(value ? CompactTag.yes.rawValue : CompactTag.no.rawValue)
        case .int(let value):
            bytes.append(CompactTag.int.rawValue)
            CompactWriter.zigzag(value, into: &bytes)
        case .uint(let value):
            bytes.append(CompactTag.uint.rawValue)
            CompactWriter.varint(value, into: &bytes)
        case .double(let value):
            bytes.append(CompactTag.double.rawValue)
            CompactWriter.fixed(value.bitPattern, into: &bytes)
        case .float(let value):
            bytes.append(CompactTag.float.rawValue)
            CompactWriter.fixed(UInt64(value.bitPattern), into: &bytes)
        case .string(let value):
            bytes.append(CompactTag.string.rawValue)
            CompactWriter.string(value, into: &bytes)
        case .keyed:
            bytes.append(CompactTag.keyed.rawValue)
            CompactWriter.varint(UInt64(node.keys.count), into: &bytes)
            for key in node.keys { CompactWriter.varint(UInt64(keyIndex[key] ?? 0), into: &bytes) }
            for child in node.children { write(child, into: &bytes) }
        case .ints(let values):
            bytes.append(CompactTag.ints.rawValue)
            CompactWriter.varint(UInt64(values.count), into: &bytes)
            for value in values { CompactWriter.zigzag(value, into: &bytes) }
        case .strings(let values):
            bytes.append(CompactTag.strings.rawValue)
            CompactWriter.varint(UInt64(values.count), into: &bytes)
            for value in values { CompactWriter.string(value, into: &bytes) }
        case .stringInts(let pairs):
            bytes.append(CompactTag.stringInts.rawValue)
            CompactWriter.varint(UInt64(pairs.count), into: &bytes)
            for (key, value) in pairs {
                CompactWriter.string(key, into: &bytes)
                CompactWriter.zigzag(value, into: &bytes)
            }
        case .unkeyed:
            bytes.append(CompactTag.unkeyed.rawValue)
            CompactWriter.varint(UInt64(node.children.count), into: &bytes)
            for child in node.children { write(child, into: &bytes) }
        }
    }

    static func varint(_ value: UInt64, into bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    static func zigzag(_ value: Int64, into bytes: inout [UInt8]) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)), into: &bytes)
    }

    static func fixed(_ value: UInt64, into bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    static func string(_ value: String, into bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count), into: &bytes)
            bytes.append(contentsOf: utf8)
        }
    }
}

private struct CompactNodeEncoder: Encoder {
    let node: CompactNode
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .empty = node.kind { node.kind = .keyed }
        return KeyedEncodingContainer(CompactKeyedEncoding<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .empty = node.kind { node.kind = .unkeyed }
        return CompactUnkeyedEncoding(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        CompactSingleEncoding(node: node)
    }
}

/// Sets a node to one scalar or encodes a value into it: shared by the three containers.
private enum CompactScalar {
    /// Matched by type, not by cast: an empty array casts to an array of any element type, which
    /// would write a `[Diagnostic]` as packed integers.
    static func set<T: Encodable>(_ node: CompactNode, _ value: T) throws {
        if T.self == String.self, let v = value as? String { node.kind = .string(v) }
        else if T.self == Bool.self, let v = value as? Bool { node.kind = .bool(v) }
        else if T.self == Int.self, let v = value as? Int { node.kind = .int(Int64(v)) }
        else if T.self == Double.self, let v = value as? Double { node.kind = .double(v) }
        else if T.self == Int32.self, let v = value as? Int32 { node.kind = .int(Int64(v)) }
        else if T.self == Int64.self, let v = value as? Int64 { node.kind = .int(v) }
        else if T.self == Int8.self, let v = value as? Int8 { node.kind = .int(Int64(v)) }
        else if T.self == Int16.self, let v = value as? Int16 { node.kind = .int(Int64(v)) }
        else if T.self == UInt.self, let v = value as? UInt { node.kind = .uint(UInt64(v)) }
        else if T.self == UInt8.self, let v = value as? UInt8 { node.kind = .uint(UInt64(v)) }
        else if T.self == UInt16.self, let v = value as? UInt16 { node.kind = .uint(UInt64(v)) }
        else if T.self == UInt32.self, let v = value as? UInt32 { node.kind = .uint(UInt64(v)) }
        else if T.self == UInt64.self, let v = value as? UInt64 { node.kind = .uint(v) }
        else if T.self == Float.self, let v = value as? Float { node.kind = .float(v) }
        else if T.self == [Int].self, let v = value as? [Int] { node.kind = .ints(v.map(Int64.init)) }
        else if T.self == [Int32].self, let v = value as? [Int32] { node.kind = .ints(v.map(Int64.init)) }
        else if T.self == [Int64].self, let v = value as? [Int64] { node.kind = .ints(v) }
        else if T.self == [UInt64].self, let v = value as? [UInt64] { node.kind = .ints(v.map { Int64(bitPattern: $0) }) }
        else if T.self == [UInt8].self, let v = value as? [UInt8] { node.kind = .ints(v.map(Int64.init)) }
        else if T.self == [String].self, let v = value as? [String] { node.kind = .strings(v) }
        // Sorted so the same library always gives the same bytes.
        else if T.self == [String: Int32].self, let v = value as? [String: Int32] {
            node.kind = .stringInts(v.map { ($0.key, Int64($0.value)) }.sorted { $0.0 < $1.0 })
        } else if T.self == [String: Int].self, let v = value as? [String: Int] {
            node.kind = .stringInts(v.map { ($0.key, Int64($0.value)) }.sorted { $0.0 < $1.0 })
        } else {
            try value.encode(to: CompactNodeEncoder(node: node))
        }
    }
}

private struct CompactKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: CompactNode
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { node.child(key.stringValue).kind = .null }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try CompactScalar.set(node.child(key.stringValue), value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = node.child(key.stringValue)
        child.kind = .keyed
        return KeyedEncodingContainer(CompactKeyedEncoding<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.child(key.stringValue)
        child.kind = .unkeyed
        return CompactUnkeyedEncoding(node: child)
    }

    mutating func superEncoder() -> any Encoder { CompactNodeEncoder(node: node.child("super")) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { CompactNodeEncoder(node: node.child(key.stringValue)) }
}

private struct CompactUnkeyedEncoding: UnkeyedEncodingContainer {
    let node: CompactNode
    var codingPath: [any CodingKey] { [] }
    var count: Int { node.children.count }

    mutating func encodeNil() throws { node.child(nil).kind = .null }
    mutating func encode<T: Encodable>(_ value: T) throws { try CompactScalar.set(node.child(nil), value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = node.child(nil)
        child.kind = .keyed
        return KeyedEncodingContainer(CompactKeyedEncoding<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = node.child(nil)
        child.kind = .unkeyed
        return CompactUnkeyedEncoding(node: child)
    }

    mutating func superEncoder() -> any Encoder { CompactNodeEncoder(node: node.child(nil)) }
}

private struct CompactSingleEncoding: SingleValueEncodingContainer {
    let node: CompactNode
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { node.kind = .null }
    mutating func encode<T: Encodable>(_ value: T) throws { try CompactScalar.set(node, value) }
}
