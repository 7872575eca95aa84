/// A problem met while evaluating an expression, such as adding a list to a number.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension Expression {
    /// Evaluates the expression, reading variables through `lookup`; a variable it does not know is null.
    public func evaluate(_ lookup: (String) -> Value?) throws(EvaluationError) -> Value {
        switch self {
        case .literal(let value):
            return value
        case .variable(let name):
            return lookup(name) ?? .null
        case .list(let elements):
            var values: [Value] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try element.evaluate(lookup)) }
            return .list(values)
        case .unary(.not, let operand):
            return .bool(!(try operand.evaluate(lookup).isTruthy))
        case .unary(.negate, let operand):
            switch try operand.evaluate(lookup) {
            case .number(let n): return .number(-n)
            case .null: return .number(0)
            case let other: throw EvaluationError(message: "cannot negate \(other.kindPhrase)")
            }
        case .binary(.and, let left, let right):
            guard try left.evaluate(lookup).isTruthy else { return .bool(false) }
            return .bool(try right.evaluate(lookup).isTruthy)
        case .binary(.or, let left, let right):
            if try left.evaluate(lookup).isTruthy { return .bool(true) }
            return .bool(try right.evaluate(lookup).isTruthy)
        case .binary(let op, let left, let right):
            return try Self.apply(op, try left.evaluate(lookup), try right.evaluate(lookup))
        case .call(let name, let arguments):
            return try Self.call(name, arguments, lookup)
        }
    }

    private static func apply(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(EvaluationError) -> Value {
        switch op {
        case .add: return try add(a, b)
        case .subtract, .multiply, .divide:
            guard let x = a.arithmeticNumber, let y = b.arithmeticNumber else {
                let message: String
                switch op {
                case .subtract: message = "cannot subtract \(b.kindPhrase) from \(a.kindPhrase)"
                case .multiply: message = "cannot multiply \(a.kindPhrase) by \(b.kindPhrase)"
                default: message = "cannot divide \(a.kindPhrase) by \(b.kindPhrase)"
                }
                throw EvaluationError(message: message)
            }
            switch op {
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            default:
                if y == 0 { throw EvaluationError(message: "division by zero") }
                return .number(x / y)
            }
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less: return .bool(try compare(a, b) < 0)
        case .lessEqual: return .bool(try compare(a, b) <= 0)
        case .greater: return .bool(try compare(a, b) > 0)
        case .greaterEqual: return .bool(try compare(a, b) >= 0)
        case .and: return .bool(a.isTruthy && b.isTruthy)
        case .or: return .bool(a.isTruthy || b.isTruthy)
        }
    }

    /// `+`: numbers add (null counts as 0), strings join (numbers formatted as text), lists join.
    private static func add(_ a: Value, _ b: Value) throws(EvaluationError) -> Value {
        switch (a, b) {
        case (.number(let x), .number(let y)): return .number(x + y)
        case (.number(let x), .null), (.null, .number(let x)): return .number(x)
        case (.null, .null): return .number(0)
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.string, .number), (.string, .null): return .string(a.text + b.text)
        case (.number, .string), (.null, .string): return .string(a.text + b.text)
        case (.list(let x), .list(let y)): return .list(x + y)
        case (.list, .null): return a
        case (.null, .list): return b
        default: throw EvaluationError(message: "cannot add \(a.kindPhrase) and \(b.kindPhrase)")
        }
    }

    /// Orders two numbers or two strings; null stands for 0 beside a number and "" beside a string.
    private static func compare(_ a: Value, _ b: Value) throws(EvaluationError) -> Int {
        switch (a, b) {
        case (.number, .number), (.number, .null), (.null, .number), (.null, .null):
            let x = a.arithmeticNumber ?? 0, y = b.arithmeticNumber ?? 0
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let x), .null): return x.isEmpty ? 0 : 1
        case (.null, .string(let y)): return y.isEmpty ? 0 : -1
        default: throw EvaluationError(message: "cannot compare \(a.kindPhrase) and \(b.kindPhrase)")
        }
    }

    private static func call(_ name: String, _ arguments: [Expression], _ lookup: (String) -> Value?)
        throws(EvaluationError) -> Value
    {
        // The parser guarantees known names and argument counts; the checks below keep a
        // hand-built tree from crashing.
        func argument(_ i: Int) throws(EvaluationError) -> Value {
            guard i < arguments.count else { throw EvaluationError(message: "'\(name)' is missing an argument") }
            return try arguments[i].evaluate(lookup)
        }
        switch name {
        case "len":
            switch try argument(0) {
            case .string(let s): return .number(Double(s.count))
            case .list(let l): return .number(Double(l.count))
            case .null: return .number(0)
            case let other: throw EvaluationError(message: "'len' needs a string or a list, not \(other.kindPhrase)")
            }
        case "sum":
            switch try argument(0) {
            case .list(let l):
                var total = 0.0
                for element in l {
                    guard let n = element.arithmeticNumber else {
                        throw EvaluationError(message: "'sum' needs a list of numbers, not one holding \(element.kindPhrase)")
                    }
                    total += n
                }
                return .number(total)
            case .null: return .number(0)
            case let other: throw EvaluationError(message: "'sum' needs a list of numbers, not \(other.kindPhrase)")
            }
        case "min", "max":
            return try extreme(name, arguments, lookup)
        case "words":
            switch try argument(0) {
            case .string(let s): return .number(Double(wordCount(s)))
            case .null: return .number(0)
            case let other: throw EvaluationError(message: "'words' needs a string, not \(other.kindPhrase)")
            }
        case "contains":
            return .bool(try contains(try argument(0), try argument(1)))
        case "round":
            let value = try argument(0)
            guard let x = value.arithmeticNumber else {
                throw EvaluationError(message: "'round' needs a number, not \(value.kindPhrase)")
            }
            guard arguments.count > 1 else { return .number(x.rounded()) }
            let digitsValue = try argument(1)
            guard let digits = digitsValue.arithmeticNumber, digits == digits.rounded() else {
                throw EvaluationError(message: "'round' needs a whole number of digits, not \(digitsValue.kindPhrase)")
            }
            return .number(round(x, digits: digits))
        case "nth":
            // Counted from 1, as a flow counts its tasks ("task 1"); past either end is null, so a
            // loop over an earlier session's list can test for the end without an error.
            let list = try argument(0)
            let index = try argument(1)
            guard let n = index.arithmeticNumber, n == n.rounded() else {
                throw EvaluationError(message: "'nth' needs a whole number as its position, not \(index.kindPhrase)")
            }
            switch list {
            case .list(let l): return n >= 1 && n <= Double(l.count) ? l[Int(n) - 1] : .null
            case .null: return .null
            case let other: throw EvaluationError(message: "'nth' needs a list, not \(other.kindPhrase)")
            }
        default:
            throw EvaluationError(message: "unknown function '\(name)'")
        }
    }

    /// Runs of non-space characters, so a journal can report its length without Foundation.
    private static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for character in text.unicodeScalars {
            let space = character.properties.isWhitespace
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// `min`/`max` of several numbers, or of the numbers in one list (null when it is empty).
    private static func extreme(_ name: String, _ arguments: [Expression], _ lookup: (String) -> Value?)
        throws(EvaluationError) -> Value
    {
        let wantsMax = name == "max"
        var best: Double?
        func consider(_ value: Value) throws(EvaluationError) {
            guard let n = value.arithmeticNumber else {
                throw EvaluationError(message: "'\(name)' needs numbers, not \(value.kindPhrase)")
            }
            if let b = best, wantsMax ? !(n > b) : !(n < b) { return }
            best = n
        }
        if arguments.count == 1 {
            switch try arguments[0].evaluate(lookup) {
            case .list(let l): for element in l { try consider(element) }
            case .null: break
            case let other: try consider(other)
            }
        } else {
            for argument in arguments { try consider(try argument.evaluate(lookup)) }
        }
        return best.map(Value.number) ?? .null
    }

    /// Whether a list holds a value, or a string holds a substring; strings compare ignoring case.
    private static func contains(_ haystack: Value, _ needle: Value) throws(EvaluationError) -> Bool {
        switch haystack {
        case .list(let elements):
            if case .string(let s) = needle {
                let folded = s.lowercased()
                return elements.contains { element in
                    if case .string(let e) = element { return e == s || e.lowercased() == folded }
                    return false
                }
            }
            return elements.contains(needle)
        case .string(let s):
            guard case .string(let part) = needle else {
                throw EvaluationError(message: "'contains' needs a string to look for in a string, not \(needle.kindPhrase)")
            }
            return containsIgnoringCase(s, part)
        case .null:
            return false
        case let other:
            throw EvaluationError(message: "'contains' needs a list or a string, not \(other.kindPhrase)")
        }
    }

    /// Substring search by characters after lowercasing; plain stdlib, so no Foundation bridging.
    private static func containsIgnoringCase(_ text: String, _ part: String) -> Bool {
        if part.isEmpty { return true }
        let text = text.lowercased(), part = part.lowercased()
        var start = text.startIndex
        while start < text.endIndex {
            if text[start...].starts(with: part) { return true }
            start = text.index(after: start)
        }
        return false
    }

    /// Rounds half away from zero to `digits` decimal places (negative digits round to tens, hundreds…).
    private static func round(_ x: Double, digits: Double) -> Double {
        // Beyond 15 digits a double has nothing left to round; beyond -15 everything rounds to 0.
        if digits > 15 { return x }
        if digits < -15 { return 0 }
        var scale = 1.0
        for _ in 0..<Int(digits.magnitude) { scale *= 10 }
        if digits >= 0 { return (x * scale).rounded() / scale }
        return (x / scale).rounded() * scale
    }
}

extension Value {
    /// The number used in arithmetic: numbers as they are, null as 0, anything else nil.
    fileprivate var arithmeticNumber: Double? {
        switch self {
        case .number(let n): return n
        case .null: return 0
        default: return nil
        }
    }

    /// The kind of value with its article, for error messages.
    fileprivate var kindPhrase: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .list: return "a list"
        }
    }
}
