/// Reads what `CompactEncoder` wrote. Values must be asked for in the order they were written
/// (synthesized `Codable` does); anything else, a wrong tag, a key out of place, a length past the
/// end, throws `DecodingError`, never traps, so damaged bytes are only ever a failed read.
public struct CompactDecoder {
    public init() {}

    /// The value of type `T` in `bytes`.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try decode(T.self, from: bytes, in: bytes.indices)
    }

    /// The value of type `T` in `bytes[range]` (a part of a larger file, read without copying it).
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], in range: Range<Int>) throws -> T {
        let reader = CompactReader(bytes, range: range.clamped(to: bytes.indices))
        try reader.readKeyTable()
        let value = try reader.decode(T.self)
        guard reader.position == reader.end else { throw reader.corrupt("bytes left over after the value") }
        return value
    }
}

/// The bytes and the place reached; one per decode, shared by every container.
final class CompactReader {
    let bytes: [UInt8]
    var position: Int
    /// Where the value's bytes end (the end of `bytes` unless a part of them is read).
    let end: Int
    var keys: [String] = []

    init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    func corrupt(_ what: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "\(what) at byte \(position)"))
    }

    func readKeyTable() throws {
        let count = try length()
        keys.reserveCapacity(count)
        for _ in 0..<count { keys.append(try rawString()) }
    }

    func byte() throws -> UInt8 {
        guard position < end else { throw corrupt("unexpected end") }
        defer { position += 1 }
        return bytes[position]
    }

    func peekTag() throws -> UInt8 {
        guard position < end else { throw corrupt("unexpected end") }
        return bytes[position]
    }

    /// Consumes the tag when it is `tag`; otherwise throws and leaves the position as it was (so
    /// `try? decode(Bool.self)` can be followed by another type, as `Value` does).
    func expect(_ tag: CompactTag) throws {
        guard try peekTag() == tag.rawValue else { throw corrupt(tag.expected) }
        position += 1
    }

    func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw corrupt("integer too long") }
            result |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// A count or length, at most the bytes left (every element takes at least one byte).
    func length() throws -> Int {
        let value = try varint()
        guard value <= UInt64(end - position) else { throw corrupt("length past the end") }
        return Int(value)
    }

    func fixed() throws -> UInt64 {
        guard end - position >= 8 else { throw corrupt("unexpected end") }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[position + i]) << UInt64(i * 8) }
        position += 8
        return value
    }

    func rawString() throws -> String {
        let count = try length()
        let start = position
        position += count
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    func decodeNil() throws -> Bool {
        guard try peekTag() == CompactTag.null.rawValue else { return false }
        position += 1
        return true
    }

    func bool() throws -> Bool {
        switch try peekTag() {
        case CompactTag.yes.rawValue: position += 1; return true
        case CompactTag.no.rawValue: position += 1; return false
        default: throw corrupt("expected a bool")
        }
    }

    func int() throws -> Int64 {
        try expect(.int)
        return try zigzag()
    }

    func uint() throws -> UInt64 {
        try expect(.uint)
        return try varint()
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let start = position
        let value: T?
        if T.isSigned {
            value = T(exactly: try int())
        } else {
            value = T(exactly: try uint())
        }
        guard let value else {
            position = start
            throw corrupt("integer out of range for \(T.self)")
        }
        return value
    }

    func double() throws -> Double {
        try expect(.double)
        return Double(bitPattern: try fixed())
    }

    func float() throws -> Float {
        try expect(.float)
        let raw = try fixed()
        guard let bits = UInt32(exactly: raw) else { throw corrupt("bad float") }
        return Float(bitPattern: bits)
    }

    func string() throws -> String {
        try expect(.string)
        return try rawString()
    }

    func zigzag() throws -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    /// A packed list of integers, each checked to fit `T`.
    func ints<T: FixedWidthInteger>(_ type: T.Type, bitPattern: Bool = false) throws -> [T] {
        try expect(.ints)
        let count = try length()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            let raw = try zigzag()
            if bitPattern, let value = UInt64(bitPattern: raw) as? T {
                values.append(value)
            } else if let value = T(exactly: raw) {
                values.append(value)
            } else {
                throw corrupt("integer out of range for \(T.self)")
            }
        }
        return values
    }

    func strings() throws -> [String] {
        try expect(.strings)
        let count = try length()
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try rawString()) }
        return values
    }

    func stringInts<T: FixedWidthInteger>(_ type: T.Type) throws -> [String: T] {
        try expect(.stringInts)
        let count = try length()
        var values: [String: T] = [:]
        values.reserveCapacity(count)
        for _ in 0..<count {
            let key = try rawString()
            guard let value = T(exactly: try zigzag()) else { throw corrupt("integer out of range for \(T.self)") }
            values[key] = value
        }
        return values
    }

    /// A value of any type: the common scalars and the packed collections read directly (as
    /// `CompactEncoder` wrote them), anything else through its `init(from:)`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self, let value = try string() as? T { return value }
        if T.self == Int.self, let value = try integer(Int.self) as? T { return value }
        if T.self == Bool.self, let value = try bool() as? T { return value }
        if T.self == Double.self, let value = try double() as? T { return value }
        if T.self == Int32.self, let value = try integer(Int32.self) as? T { return value }
        if T.self == [Int].self, let value = try ints(Int.self) as? T { return value }
        if T.self == [Int32].self, let value = try ints(Int32.self) as? T { return value }
        if T.self == [Int64].self, let value = try ints(Int64.self) as? T { return value }
        if T.self == [UInt64].self, let value = try ints(UInt64.self, bitPattern: true) as? T { return value }
        if T.self == [UInt8].self, let value = try ints(UInt8.self) as? T { return value }
        if T.self == [String].self, let value = try strings() as? T { return value }
        if T.self == [String: Int32].self, let value = try stringInts(Int32.self) as? T { return value }
        if T.self == [String: Int].self, let value = try stringInts(Int.self) as? T { return value }
        return try T(from: CompactValueDecoder(reader: self))
    }
}

private struct CompactValueDecoder: Decoder {
    let reader: CompactReader
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try CompactKeyedDecoding<Key>(reader: reader))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try CompactUnkeyedDecoding(reader: reader)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        CompactSingleDecoding(reader: reader)
    }
}

/// A class: the protocol's decodes are not mutating, and the container must count what it read.
private final class CompactKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: CompactReader
    /// How many entries the container has, and the entry the next decode must be for.
    private let count: Int
    private var next = 0
    /// The key-table index of entry `next` (-1 past the end) and where the one after it is
    /// written: the indices are read as they are reached, so a container allocates no list of them.
    private var nextKeyID = -1
    private var keyCursor: Int
    var codingPath: [any CodingKey] { [] }

    init(reader: CompactReader) throws {
        self.reader = reader
        try reader.expect(.keyed)
        count = try reader.length()
        keyCursor = reader.position
        // Checked once here, so reading them again as they are reached cannot fail.
        for _ in 0..<count {
            guard try reader.varint() < UInt64(reader.keys.count) else { throw reader.corrupt("unknown key") }
        }
        if count > 0 { advanceKey() }
    }

    /// Reads the key index of entry `next` from the cursor (checked in `init`).
    private func advanceKey() {
        guard next < count else {
            nextKeyID = -1
            return
        }
        var result = 0
        var shift = 0
        while true {
            let b = reader.bytes[keyCursor]
            keyCursor += 1
            result |= Int(b & 0x7f) << shift
            if b < 0x80 { break }
            shift += 7
        }
        nextKeyID = result
    }

    /// The key indices of the entries not read yet.
    private var remainingKeyIDs: [Int] {
        var ids: [Int] = []
        var cursor = keyCursor
        if nextKeyID >= 0 { ids.append(nextKeyID) }
        for _ in (next + 1)..<max(count, next + 1) {
            var result = 0
            var shift = 0
            while true {
                let b = reader.bytes[cursor]
                cursor += 1
                result |= Int(b & 0x7f) << shift
                if b < 0x80 { break }
                shift += 7
            }
            ids.append(result)
        }
        return ids
    }

    private func step() {
        next += 1
        advanceKey()
    }

    var allKeys: [Key] { remainingKeyIDs.compactMap { Key(stringValue: reader.keys[$0]) } }

    /// Whether the next value is `key`'s: absent optionals were never written, so a key that is not
    /// next is not there.
    func contains(_ key: Key) -> Bool {
        nextKeyID >= 0 && reader.keys[nextKeyID] == key.stringValue
    }

    private func enter(_ key: Key) throws {
        guard contains(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: [], debugDescription: "not next at byte \(reader.position)"))
        }
        step()
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard contains(key) else { return true }
        guard try reader.decodeNil() else { return false }
        step()
        return true
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try enter(key)
        return try reader.decode(T.self)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key) else { return nil }
        if try reader.decodeNil() {
            step()
            return nil
        }
        step()
        return try reader.decode(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try enter(key)
        return KeyedDecodingContainer(try CompactKeyedDecoding<NestedKey>(reader: reader))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try enter(key)
        return try CompactUnkeyedDecoding(reader: reader)
    }

    func superDecoder() throws -> any Decoder {
        throw reader.corrupt("super decoders are not supported")
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try enter(key)
        return CompactValueDecoder(reader: reader)
    }
}

private struct CompactUnkeyedDecoding: UnkeyedDecodingContainer {
    let reader: CompactReader
    let count: Int?
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    init(reader: CompactReader) throws {
        self.reader = reader
        try reader.expect(.unkeyed)
        count = try reader.length()
    }

    private mutating func step() throws {
        guard !isAtEnd else { throw reader.corrupt("past the end of a list") }
        currentIndex += 1
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, try reader.decodeNil() else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try step()
        return try reader.decode(T.self)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try step()
        return KeyedDecodingContainer(try CompactKeyedDecoding<NestedKey>(reader: reader))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try step()
        return try CompactUnkeyedDecoding(reader: reader)
    }

    mutating func superDecoder() throws -> any Decoder {
        try step()
        return CompactValueDecoder(reader: reader)
    }
}

private struct CompactSingleDecoding: SingleValueDecodingContainer {
    let reader: CompactReader
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { (try? reader.decodeNil()) ?? false }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.bool() }
    func decode(_ type: String.Type) throws -> String { try reader.string() }
    func decode(_ type: Double.Type) throws -> Double { try reader.double() }
    func decode(_ type: Float.Type) throws -> Float { try reader.float() }
    func decode(_ type: Int.Type) throws -> Int { try reader.integer(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decode(T.self) }
}
