// TEMPORARY: stands in for `Expression.parse` until the expressions work lands on main; delete
// this file on rebase. It only collects names so the loader's variable checks can be exercised.
extension Expression {
    static func parse(_ source: String) throws(ExpressionError) -> Expression {
        if source.allSatisfy(\.isWhitespace) { throw ExpressionError(message: "empty expression", offset: 0) }
        var names: [Expression] = []
        let chars = Array(source)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" || c == "\"" {
                i += 1
                while i < chars.count, chars[i] != c { i += 1 }
                i += 1
            } else if c.isLetter || c == "_" {
                let start = i
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." { i += 1 }
                let word = String(chars[start..<i])
                let isCall = i < chars.count && chars[i] == "("
                if !isCall, !["and", "or", "not", "true", "false", "null"].contains(word) { names.append(.variable(word)) }
            } else {
                i += 1
            }
        }
        return .list(names)
    }
}
