import GroundworkCore

/// A JSON document built for output, with keys kept in the order given (reports read better that way).
public indirect enum JSONTree: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONTree])
    case object([(String, JSONTree)])

    public static func == (a: JSONTree, b: JSONTree) -> Bool { a.rendered() == b.rendered() }
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    /// A flow value as JSON.
    public init(_ value: Value) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .list(let l): self = .array(l.map(JSONTree.init))
        }
    }

    /// Scores with dotted names turned into nested objects (`exposure.score` → `{"exposure": {"score": …}}`),
    /// keys sorted. A name that is both a value and a prefix of others keeps its dotted form.
    public static func nesting(_ scores: [String: Value]) -> [(String, JSONTree)] {
        final class Branch {
            var leaf: Value?
            var children: [String: Branch] = [:]
        }
        let root = Branch()
        var conflicts: [(String, Value)] = []
        for (name, value) in scores.sorted(by: { $0.key < $1.key }) {
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            var node = root
            var blocked = false
            for part in parts {
                if node.leaf != nil && node !== root { blocked = true; break }
                let child = node.children[part] ?? Branch()
                node.children[part] = child
                node = child
            }
            if blocked || !node.children.isEmpty || node.leaf != nil {
                conflicts.append((name, value))
            } else {
                node.leaf = value
            }
        }
        // Parallel lists under one prefix (`tasks.name`, `tasks.share`, `tasks.label`) are records:
        // flows keep them as lists because a flow value has no objects, readers want `tasks[]`.
        func records(_ branch: Branch) -> [JSONTree]? {
            let keys = branch.children.keys.sorted()
            let lists = keys.compactMap { branch.children[$0]?.leaf?.list }
            guard keys.count >= 2, lists.count == keys.count, let count = lists.first?.count, count > 0,
                  lists.allSatisfy({ $0.count == count }) else { return nil }
            return (0..<count).map { index in .object(zip(keys, lists).map { ($0, JSONTree($1[index])) }) }
        }
        func build(_ branch: Branch) -> [(String, JSONTree)] {
            branch.children.keys.sorted().compactMap { key in
                guard let child = branch.children[key] else { return nil }
                if let leaf = child.leaf { return (key, JSONTree(leaf)) }
                if let records = records(child) { return (key, .array(records)) }
                let inner = build(child)
                return inner.isEmpty ? nil : (key, .object(inner))
            }
        }
        return build(root) + conflicts.map { ($0.0, JSONTree($0.1)) }
    }

    /// Pretty-printed with two-space indents, integers without a decimal point.
    public func rendered(indent: String = "") -> String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n):
            if n.isNaN || n.isInfinite { return "null" }
            if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
            return String(n)
        case .string(let s): return JSONTree.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            let inner = indent + "  "
            return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            let inner = indent + "  "
            return "{\n" + pairs.map { inner + JSONTree.quote($0.0) + ": " + $0.1.rendered(indent: inner) }
                .joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // C1 too: a terminal showing the JSON may act on them (issue 12).
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
