/// Evaluates parsed expressions for the engine.
///
/// Interim: the expression work (branch `expr`) owns the language's evaluator; this one follows
/// the same rules (DESIGN.md) so the engine can run until it lands, then delegates to it.
enum Evaluator {
    /// A problem found while evaluating (wrong types, unknown function).
    struct Failure: Error, Sendable {
        var message: String
    }

    static func evaluate(_ expression: Expression, _ variables: [String: Value]) throws(Failure) -> Value {
        switch expression {
        case .literal(let value):
            return value
        case .variable(let name):
            return variables[name] ?? .null
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try evaluate(item, variables)) }
            return .list(values)
        case .unary(let op, let operand):
            let value = try evaluate(operand, variables)
            switch op {
            case .not: return .bool(!value.isTruthy)
            case .negate:
                guard let n = value.number else { throw Failure(message: "cannot negate \(describe(value))") }
                return .number(-n)
            }
        case .binary(let op, let lhs, let rhs):
            switch op {
            case .and:
                let left = try evaluate(lhs, variables)
                return left.isTruthy ? .bool(try evaluate(rhs, variables).isTruthy) : .bool(false)
            case .or:
                let left = try evaluate(lhs, variables)
                return left.isTruthy ? .bool(true) : .bool(try evaluate(rhs, variables).isTruthy)
            default:
                return try binary(op, try evaluate(lhs, variables), try evaluate(rhs, variables))
            }
        case .call(let name, let arguments):
            var values: [Value] = []
            for argument in arguments { values.append(try evaluate(argument, variables)) }
            return try call(name, values)
        }
    }

    private static func binary(_ op: Expression.BinaryOperator, _ a: Value, _ b: Value) throws(Failure) -> Value {
        switch op {
        case .add:
            switch (a, b) {
            case (.number(let x), .number(let y)): return .number(x + y)
            case (.list(let x), .list(let y)): return .list(x + y)
            case (.list(let x), _): return .list(x + [b])
            case (.string, _), (_, .string): return .string(a.text + b.text)
            default: throw Failure(message: "cannot add \(describe(a)) and \(describe(b))")
            }
        case .subtract, .multiply, .divide:
            guard let x = a.number, let y = b.number else {
                throw Failure(message: "'\(op.rawValue)' needs numbers, found \(describe(a)) and \(describe(b))")
            }
            switch op {
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            default:
                guard y != 0 else { throw Failure(message: "division by zero") }
                return .number(x / y)
            }
        case .equal: return .bool(equal(a, b))
        case .notEqual: return .bool(!equal(a, b))
        case .less, .lessEqual, .greater, .greaterEqual:
            let order: Int
            switch (a, b) {
            case (.number(let x), .number(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
            case (.string(let x), .string(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
            case (.null, _), (_, .null): return .bool(false)
            default: throw Failure(message: "cannot compare \(describe(a)) and \(describe(b))")
            }
            switch op {
            case .less: return .bool(order < 0)
            case .lessEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .and: return .bool(a.isTruthy && b.isTruthy)
        case .or: return .bool(a.isTruthy || b.isTruthy)
        }
    }

    private static func equal(_ a: Value, _ b: Value) -> Bool {
        if case .string(let x) = a, case .string(let y) = b { return x.lowercased() == y.lowercased() }
        return a == b
    }

    private static func call(_ name: String, _ args: [Value]) throws(Failure) -> Value {
        switch name {
        case "len":
            guard args.count == 1 else { throw Failure(message: "len takes one argument") }
            switch args[0] {
            case .list(let l): return .number(Double(l.count))
            case .string(let s): return .number(Double(s.count))
            case .null: return .number(0)
            default: throw Failure(message: "len needs a list or a string, found \(describe(args[0]))")
            }
        case "sum":
            let items = args.count == 1 ? (args[0].list ?? args) : args
            var total = 0.0
            for item in items {
                if case .null = item { continue }
                guard let n = item.number else { throw Failure(message: "sum needs numbers, found \(describe(item))") }
                total += n
            }
            return .number(total)
        case "min", "max":
            let items = args.count == 1 ? (args[0].list ?? args) : args
            var best: Double?
            for item in items {
                guard let n = item.number else { throw Failure(message: "\(name) needs numbers, found \(describe(item))") }
                if let b = best { best = name == "min" ? Swift.min(b, n) : Swift.max(b, n) } else { best = n }
            }
            return best.map(Value.number) ?? .null
        case "contains":
            guard args.count == 2 else { throw Failure(message: "contains takes two arguments") }
            switch args[0] {
            case .list(let l): return .bool(l.contains { equal($0, args[1]) })
            case .string(let s): return .bool(s.lowercased().contains(args[1].text.lowercased()))
            case .null: return .bool(false)
            default: throw Failure(message: "contains needs a list or a string, found \(describe(args[0]))")
            }
        case "round":
            guard (1...2).contains(args.count), let x = args[0].number else { throw Failure(message: "round needs a number") }
            let digits = args.count == 2 ? (args[1].number ?? 0) : 0
            var scale = 1.0
            for _ in 0..<Int(Swift.max(0, Swift.min(digits, 12))) { scale *= 10 }
            return .number((x * scale).rounded(.toNearestOrAwayFromZero) / scale)
        default:
            throw Failure(message: "unknown function '\(name)'")
        }
    }

    private static func describe(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .list: return "a list"
        }
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
