/// How the engine evaluates expressions and shows them in `/why`.
enum Evaluator {
    /// Evaluates with the session's variables (unknown names are null).
    static func evaluate(_ expression: Expression, _ variables: [String: Value]) throws(EvaluationError) -> Value {
        try expression.evaluate { variables[$0] }
    }

    /// The expression written back as source, for `/why`.
    static func source(_ expression: Expression) -> String {
        switch expression {
        case .literal(let value):
            switch value {
            case .string(let s): return "'\(s)'"
            case .null: return "null"
            case .bool(let b): return b ? "true" : "false"
            case .list(let l): return "[" + l.map { source(.literal($0)) }.joined(separator: ", ") + "]"
            case .number: return value.text
            }
        case .variable(let name): return name
        case .list(let items): return "[" + items.map(source).joined(separator: ", ") + "]"
        case .unary(let op, let operand):
            return op == .not ? "not \(nested(operand))" : "-\(nested(operand))"
        case .binary(let op, let lhs, let rhs):
            return "\(nested(lhs)) \(op.rawValue) \(nested(rhs))"
        case .call(let name, let args):
            return "\(name)(" + args.map(source).joined(separator: ", ") + ")"
        }
    }

    private static func nested(_ expression: Expression) -> String {
        if case .binary = expression { return "(\(source(expression)))" }
        return source(expression)
    }
}
