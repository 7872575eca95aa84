extension Expression {
    /// Longest source accepted, in characters; scripts never need more, and it bounds parse time.
    public static let maximumLength = 4_096
    /// Deepest nesting accepted (brackets, calls, unary operators, operator chains), so that
    /// parsing and evaluation can never exhaust the stack.
    public static let maximumDepth = 64

    /// Parses the source text of an expression, checking function names and argument counts.
    public static func parse(_ source: String) throws(ExpressionError) -> Expression {
        if source.utf8.count > maximumLength {
            var count = 0
            for _ in source {
                count += 1
                if count > maximumLength {
                    throw ExpressionError(
                        message: "expression is longer than \(maximumLength) characters",
                        offset: maximumLength)
                }
            }
        }
        var parser = try ExpressionParser(source)
        return try parser.parseAll()
    }
}

/// A function of the language with the number of arguments it accepts.
struct ExpressionFunction {
    var name: String
    var minArguments: Int
    var maxArguments: Int?

    static let all: [String: ExpressionFunction] = [
        "len": .init(name: "len", minArguments: 1, maxArguments: 1),
        "sum": .init(name: "sum", minArguments: 1, maxArguments: 1),
        "min": .init(name: "min", minArguments: 1, maxArguments: nil),
        "max": .init(name: "max", minArguments: 1, maxArguments: nil),
        "contains": .init(name: "contains", minArguments: 2, maxArguments: 2),
        "round": .init(name: "round", minArguments: 1, maxArguments: 2),
        "words": .init(name: "words", minArguments: 1, maxArguments: 1),
        "nth": .init(name: "nth", minArguments: 2, maxArguments: 2),
    ]

    /// What to say when a call has the wrong number of arguments.
    var arityMessage: String {
        func plural(_ n: Int) -> String { n == 1 ? "1 argument" : "\(n) arguments" }
        switch maxArguments {
        case .none: return "'\(name)' takes at least \(plural(minArguments))"
        case .some(let m) where m == minArguments: return "'\(name)' takes \(plural(m))"
        case .some(let m): return "'\(name)' takes \(minArguments) or \(plural(m))"
        }
    }
}

/// One token of an expression, with its offset in characters.
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case string(String)
        case name(String)
        case symbol(String)
        case end
    }

    var kind: Kind
    var offset: Int
    /// The token as written, for error messages.
    var text: String
}

/// Splits source text into tokens.
struct ExpressionTokenizer {
    private let chars: [Character]
    private var index = 0

    init(_ source: String) {
        chars = Array(source)
    }

    static func tokenize(_ source: String) throws(ExpressionError) -> [ExpressionToken] {
        var tokenizer = ExpressionTokenizer(source)
        var tokens: [ExpressionToken] = []
        while true {
            let token = try tokenizer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Character? {
        index + ahead < chars.count ? chars[index + ahead] : nil
    }

    private func text(from start: Int) -> String {
        String(chars[start..<index])
    }

    private static func isNameStart(_ c: Character) -> Bool { c == "_" || c.isLetter }
    private static func isNamePart(_ c: Character) -> Bool { c == "_" || c.isLetter || c.isNumber }
    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isWholeNumber }

    mutating func next() throws(ExpressionError) -> ExpressionToken {
        while let c = peek(), c.isWhitespace { index += 1 }
        let start = index
        guard let c = peek() else { return ExpressionToken(kind: .end, offset: start, text: "") }

        if Self.isDigit(c) { return try number(start) }
        if c == "'" || c == "\"" { return try string(start, quote: c) }
        if Self.isNameStart(c) { return name(start) }

        index += 1
        let two: String? = peek().map { String(c) + String($0) }
        switch c {
        case "+", "-", "*", "/", "(", ")", "[", "]", ",":
            return ExpressionToken(kind: .symbol(String(c)), offset: start, text: String(c))
        case "=", "!", "<", ">":
            if peek() == "=" {
                index += 1
                return ExpressionToken(kind: .symbol(text(from: start)), offset: start, text: text(from: start))
            }
            if c == "<" || c == ">" {
                return ExpressionToken(kind: .symbol(String(c)), offset: start, text: String(c))
            }
            let hint = c == "=" ? "==" : "not"
            throw ExpressionError(message: "unexpected '\(c)', did you mean '\(hint)'?", offset: start)
        case "&" where two == "&&":
            throw ExpressionError(message: "unexpected '&&', did you mean 'and'?", offset: start)
        case "|" where two == "||":
            throw ExpressionError(message: "unexpected '||', did you mean 'or'?", offset: start)
        default:
            throw ExpressionError(message: "unexpected '\(c)'", offset: start)
        }
    }

    private mutating func number(_ start: Int) throws(ExpressionError) -> ExpressionToken {
        while let c = peek(), Self.isDigit(c) { index += 1 }
        if peek() == ".", let d = peek(1), Self.isDigit(d) {
            index += 1
            while let c = peek(), Self.isDigit(c) { index += 1 }
        }
        let literal = text(from: start)
        if let c = peek(), Self.isNamePart(c) {
            while let c = peek(), Self.isNamePart(c) { index += 1 }
            throw ExpressionError(message: "unexpected '\(text(from: start))'", offset: start)
        }
        guard let value = Double(literal) else {
            throw ExpressionError(message: "unexpected '\(literal)'", offset: start)
        }
        return ExpressionToken(kind: .number(value), offset: start, text: literal)
    }

    private mutating func string(_ start: Int, quote: Character) throws(ExpressionError) -> ExpressionToken {
        index += 1
        var value = ""
        while let c = peek() {
            index += 1
            if c == quote {
                return ExpressionToken(kind: .string(value), offset: start, text: text(from: start))
            }
            if c == "\\", let escaped = peek() {
                index += 1
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                default: value.append(escaped)
                }
            } else {
                value.append(c)
            }
        }
        throw ExpressionError(message: "unterminated string", offset: start)
    }

    /// A name; dots join segments (`exposure.beta`) when a segment follows them.
    private mutating func name(_ start: Int) -> ExpressionToken {
        while let c = peek() {
            if Self.isNamePart(c) {
                index += 1
            } else if c == ".", let d = peek(1), Self.isNameStart(d) {
                index += 1
            } else {
                break
            }
        }
        let name = text(from: start)
        return ExpressionToken(kind: .name(name), offset: start, text: name)
    }
}

/// Recursive-descent parser; precedence from loosest to tightest:
/// `or`, `and`, `not`, comparisons, `+ -`, `* /`, unary `-`, calls and primaries.
struct ExpressionParser {
    /// A parsed subtree with its height (0 for a leaf), so deep trees are refused before
    /// evaluation sees them.
    private struct Parsed {
        var expression: Expression
        var height: Int
    }

    private let tokens: [ExpressionToken]
    private var position = 0
    /// Brackets, calls and unary operators currently open.
    private var nesting = 0

    init(_ source: String) throws(ExpressionError) {
        tokens = try ExpressionTokenizer.tokenize(source)
    }

    private var current: ExpressionToken { tokens[position] }

    private mutating func advance() -> ExpressionToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }
    private func isKeyword(_ keyword: String) -> Bool { current.kind == .name(keyword) }

    private static let keywords: Set<String> = ["and", "or", "not", "true", "false", "null"]

    private static func tooDeep(_ offset: Int) -> ExpressionError {
        ExpressionError(message: "expression nests deeper than \(Expression.maximumDepth) levels", offset: offset)
    }

    private func unexpected(_ token: ExpressionToken) -> ExpressionError {
        if token.kind == .end { return ExpressionError(message: "expected an expression", offset: token.offset) }
        return ExpressionError(message: "unexpected '\(token.text)'", offset: token.offset)
    }

    mutating func parseAll() throws(ExpressionError) -> Expression {
        let parsed = try parseOr()
        if current.kind != .end { throw unexpected(current) }
        return parsed.expression
    }

    private func combine(_ op: Expression.BinaryOperator, _ left: Parsed, _ right: Parsed, at offset: Int)
        throws(ExpressionError) -> Parsed
    {
        let height = max(left.height, right.height) + 1
        if height > Expression.maximumDepth { throw Self.tooDeep(offset) }
        return Parsed(expression: .binary(op, left.expression, right.expression), height: height)
    }

    private mutating func enter(_ offset: Int) throws(ExpressionError) {
        nesting += 1
        if nesting > Expression.maximumDepth { throw Self.tooDeep(offset) }
    }

    private mutating func parseOr() throws(ExpressionError) -> Parsed {
        var left = try parseAnd()
        while isKeyword("or") {
            let op = advance()
            left = try combine(.or, left, try parseAnd(), at: op.offset)
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> Parsed {
        var left = try parseNot()
        while isKeyword("and") {
            let op = advance()
            left = try combine(.and, left, try parseNot(), at: op.offset)
        }
        return left
    }

    private mutating func parseNot() throws(ExpressionError) -> Parsed {
        guard isKeyword("not") else { return try parseComparison() }
        let op = advance()
        try enter(op.offset)
        let operand = try parseNot()
        nesting -= 1
        if operand.height + 1 > Expression.maximumDepth { throw Self.tooDeep(op.offset) }
        return Parsed(expression: .unary(.not, operand.expression), height: operand.height + 1)
    }

    private static let comparisons: [String: Expression.BinaryOperator] = [
        "==": .equal, "!=": .notEqual, "<": .less, "<=": .lessEqual, ">": .greater, ">=": .greaterEqual,
    ]

    private func comparisonOperator() -> Expression.BinaryOperator? {
        if case .symbol(let s) = current.kind { return Self.comparisons[s] }
        return nil
    }

    private mutating func parseComparison() throws(ExpressionError) -> Parsed {
        let left = try parseAdditive()
        guard let op = comparisonOperator() else { return left }
        let token = advance()
        let result = try combine(op, left, try parseAdditive(), at: token.offset)
        if comparisonOperator() != nil {
            throw ExpressionError(
                message: "unexpected '\(current.text)', comparisons cannot be chained", offset: current.offset)
        }
        return result
    }

    private mutating func parseAdditive() throws(ExpressionError) -> Parsed {
        var left = try parseMultiplicative()
        while isSymbol("+") || isSymbol("-") {
            let token = advance()
            let op: Expression.BinaryOperator = token.text == "+" ? .add : .subtract
            left = try combine(op, left, try parseMultiplicative(), at: token.offset)
        }
        return left
    }

    private mutating func parseMultiplicative() throws(ExpressionError) -> Parsed {
        var left = try parseUnary()
        while isSymbol("*") || isSymbol("/") {
            let token = advance()
            let op: Expression.BinaryOperator = token.text == "*" ? .multiply : .divide
            left = try combine(op, left, try parseUnary(), at: token.offset)
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionError) -> Parsed {
        guard isSymbol("-") else { return try parsePrimary() }
        let op = advance()
        try enter(op.offset)
        let operand = try parseUnary()
        nesting -= 1
        // A negative number is a literal, so `-3` costs nothing at evaluation.
        if case .literal(.number(let n)) = operand.expression {
            return Parsed(expression: .literal(.number(-n)), height: operand.height)
        }
        if operand.height + 1 > Expression.maximumDepth { throw Self.tooDeep(op.offset) }
        return Parsed(expression: .unary(.negate, operand.expression), height: operand.height + 1)
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Parsed {
        let token = current
        switch token.kind {
        case .number(let n):
            _ = advance()
            return Parsed(expression: .literal(.number(n)), height: 0)
        case .string(let s):
            _ = advance()
            return Parsed(expression: .literal(.string(s)), height: 0)
        case .name(let name):
            switch name {
            case "true": _ = advance(); return Parsed(expression: .literal(.bool(true)), height: 0)
            case "false": _ = advance(); return Parsed(expression: .literal(.bool(false)), height: 0)
            case "null": _ = advance(); return Parsed(expression: .literal(.null), height: 0)
            default:
                if Self.keywords.contains(name) { throw unexpected(token) }
            }
            _ = advance()
            guard isSymbol("(") else { return Parsed(expression: .variable(name), height: 0) }
            guard let function = ExpressionFunction.all[name] else {
                throw ExpressionError(message: "unknown function '\(name)'", offset: token.offset)
            }
            let open = advance()
            let arguments = try parseSequence(open: open, close: ")")
            let count = arguments.items.count
            if count < function.minArguments || count > (function.maxArguments ?? Int.max) {
                throw ExpressionError(message: function.arityMessage, offset: token.offset)
            }
            return Parsed(expression: .call(name, arguments.items), height: arguments.height + 1)
        case .symbol("("):
            let open = advance()
            try enter(open.offset)
            let inner = try parseOr()
            nesting -= 1
            try expectClose(")", open: open)
            return inner
        case .symbol("["):
            let open = advance()
            let elements = try parseSequence(open: open, close: "]")
            return Parsed(expression: .list(elements.items), height: elements.height + 1)
        default:
            throw unexpected(token)
        }
    }

    /// Comma-separated expressions up to `close`, which is consumed.
    private mutating func parseSequence(open: ExpressionToken, close: String)
        throws(ExpressionError) -> (items: [Expression], height: Int)
    {
        try enter(open.offset)
        var items: [Expression] = []
        var height = 0
        if !isSymbol(close) {
            while true {
                let item = try parseOr()
                items.append(item.expression)
                height = max(height, item.height)
                guard isSymbol(",") else { break }
                _ = advance()
            }
        }
        nesting -= 1
        if height + 1 > Expression.maximumDepth { throw Self.tooDeep(open.offset) }
        try expectClose(close, open: open)
        return (items, height)
    }

    private mutating func expectClose(_ close: String, open: ExpressionToken) throws(ExpressionError) {
        if isSymbol(close) {
            _ = advance()
            return
        }
        if current.kind == .end {
            throw ExpressionError(message: "unclosed '\(open.text)'", offset: open.offset)
        }
        throw unexpected(current)
    }
}
