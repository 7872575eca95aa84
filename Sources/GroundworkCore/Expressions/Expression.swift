/// A parsed expression of the script language: numbers, strings, booleans, lists, variables,
/// `+ - * /`, comparisons, `and or not`, and the functions `len sum min max contains round words`.
///
/// Parsed once when a script loads (`Expression.parse`), evaluated on every use.
public indirect enum Expression: Sendable, Hashable, Codable {
    case literal(Value)
    /// A variable; dotted names such as `exposure.beta` are single names.
    case variable(String)
    case list([Expression])
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    case call(String, [Expression])

    public enum UnaryOperator: String, Sendable, Hashable, Codable { case negate = "-", not }
    public enum BinaryOperator: String, Sendable, Hashable, Codable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case and, or
    }
}

/// A problem in an expression's text, with the 0-based character offset where it was found.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Offset in characters from the start of the expression's source.
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}
