/// A value held by a flow variable or produced by an expression.
///
/// Encoded in JSON as its natural form (`null`, `true`, `3.5`, `"text"`, `[...]`) so session files
/// stay readable.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([Value])
}

extension Value {
    /// Truthiness used by conditions: false, 0, "", [] and null are false.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .number(let n): return n != 0 && !n.isNaN
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        }
    }

    /// The value as text for interpolation: integers without a decimal point, lists joined by ", ".
    public var text: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "yes" : "no"
        case .number(let n):
            if n.isFinite, n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
            return String(n)
        case .string(let s): return s
        case .list(let l): return l.map(\.text).joined(separator: ", ")
        }
    }

    /// The number held, if any.
    public var number: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The list held, if any.
    public var list: [Value]? {
        if case .list(let l) = self { return l }
        return nil
    }

    /// The string held, if any.
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

extension Value: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else {
            self = .list(try c.decode([Value].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .list(let l): try c.encode(l)
        }
    }
}
