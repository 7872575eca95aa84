extension Expression {
    /// Variable names the expression reads, in order of first appearance (function names excluded).
    var variableNames: [String] {
        var names: [String] = []
        collectNames(into: &names)
        return names
    }

    private func collectNames(into names: inout [String]) {
        switch self {
        case .literal: return
        case .variable(let name): if !names.contains(name) { names.append(name) }
        case .list(let items): for item in items { item.collectNames(into: &names) }
        case .unary(_, let operand): operand.collectNames(into: &names)
        case .binary(_, let lhs, let rhs): lhs.collectNames(into: &names); rhs.collectNames(into: &names)
        case .call(_, let arguments): for argument in arguments { argument.collectNames(into: &names) }
        }
    }

    /// Character offset of the first use of the name `name` in `source` (outside string literals).
    static func offset(ofName name: String, in source: String) -> Int? {
        let chars = Array(source)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" || c == "\"" {
                i += 1
                while i < chars.count, chars[i] != c { i += chars[i] == "\\" ? 2 : 1 }
                i += 1
            } else if c.isLetter || c == "_" {
                let start = i
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." { i += 1 }
                if String(chars[start..<i]) == name { return start }
            } else {
                i += 1
            }
        }
        return nil
    }

    /// Parses `source`, whichever way `parse` declares its errors.
    static func parseResult(_ source: String) -> Result<Expression, ExpressionError> {
        do {
            return .success(try Expression.parse(source))
        } catch {
            return .failure(asExpressionError(error))
        }
    }

    private static func asExpressionError(_ error: ExpressionError) -> ExpressionError { error }
    private static func asExpressionError(_ error: any Error) -> ExpressionError {
        (error as? ExpressionError) ?? ExpressionError(message: "\(error)", offset: 0)
    }
}
