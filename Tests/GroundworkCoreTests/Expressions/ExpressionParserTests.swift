import Testing
@testable import GroundworkCore

private func num(_ n: Double) -> Expression { .literal(.number(n)) }
private func str(_ s: String) -> Expression { .literal(.string(s)) }
private func v(_ name: String) -> Expression { .variable(name) }
private func bin(_ op: Expression.BinaryOperator, _ a: Expression, _ b: Expression) -> Expression {
    .binary(op, a, b)
}

@Suite struct ExpressionParserTests {
    static let trees: [(String, Expression)] = [
        // literals
        ("42", num(42)),
        ("3.25", num(3.25)),
        ("-3", num(-3)),
        ("\"two words\"", str("two words")),
        ("'say \\'hi\\''", str("say 'hi'")),
        ("'a\\nb'", str("a\nb")),
        ("true", .literal(.bool(true))),
        ("false", .literal(.bool(false))),
        ("null", .literal(.null)),
        ("[]", .list([])),
        ("[1, 'a', x]", .list([num(1), str("a"), v("x")])),
        ("[[1], []]", .list([.list([num(1)]), .list([])])),
        // names
        ("exposure.beta", v("exposure.beta")),
        ("task_names", v("task_names")),
        ("café", v("café")),
        ("len", v("len")),
        // precedence: * over +, left associativity
        ("1 + 2 * 3", bin(.add, num(1), bin(.multiply, num(2), num(3)))),
        ("(1 + 2) * 3", bin(.multiply, bin(.add, num(1), num(2)), num(3))),
        ("10 - 4 - 3", bin(.subtract, bin(.subtract, num(10), num(4)), num(3))),
        ("8 / 4 / 2", bin(.divide, bin(.divide, num(8), num(4)), num(2))),
        ("a - b + c", bin(.add, bin(.subtract, v("a"), v("b")), v("c"))),
        // unary minus binds tighter than *
        ("-a * b", bin(.multiply, .unary(.negate, v("a")), v("b"))),
        ("2 * -x", bin(.multiply, num(2), .unary(.negate, v("x")))),
        ("- -x", .unary(.negate, .unary(.negate, v("x")))),
        ("1 - -2", bin(.subtract, num(1), num(-2))),
        // comparisons under arithmetic
        ("a + 1 >= b * 2", bin(.greaterEqual, bin(.add, v("a"), num(1)), bin(.multiply, v("b"), num(2)))),
        ("a == b", bin(.equal, v("a"), v("b"))),
        ("a != b", bin(.notEqual, v("a"), v("b"))),
        ("a < b", bin(.less, v("a"), v("b"))),
        ("a <= b", bin(.lessEqual, v("a"), v("b"))),
        ("a > b", bin(.greater, v("a"), v("b"))),
        // not under comparisons, and under not, or under and
        ("not a == b", .unary(.not, bin(.equal, v("a"), v("b")))),
        ("not not a", .unary(.not, .unary(.not, v("a")))),
        ("a or b and c", bin(.or, v("a"), bin(.and, v("b"), v("c")))),
        ("a and b or c", bin(.or, bin(.and, v("a"), v("b")), v("c"))),
        ("not a and b", bin(.and, .unary(.not, v("a")), v("b"))),
        ("a or b or c", bin(.or, bin(.or, v("a"), v("b")), v("c"))),
        (
            "exposure.score >= 50 and ground.ownership < 2",
            bin(.and, bin(.greaterEqual, v("exposure.score"), num(50)), bin(.less, v("ground.ownership"), num(2)))
        ),
        // calls
        ("len(x)", .call("len", [v("x")])),
        ("round(a * 100)", .call("round", [bin(.multiply, v("a"), num(100))])),
        ("round(x, 2)", .call("round", [v("x"), num(2)])),
        ("min(1, 2, 3)", .call("min", [num(1), num(2), num(3)])),
        ("max(xs)", .call("max", [v("xs")])),
        ("contains(picks, 'a')", .call("contains", [v("picks"), str("a")])),
        ("sum([1, 2]) + 1", bin(.add, .call("sum", [.list([num(1), num(2)])]), num(1))),
        ("len(task_names) < 8 and more", bin(.and, bin(.less, .call("len", [v("task_names")]), num(8)), v("more"))),
        // whitespace of any kind
        ("\t1\n+\n2 ", bin(.add, num(1), num(2))),
    ]

    @Test(arguments: trees)
    func parsesTree(source: String, expected: Expression) throws {
        #expect(try Expression.parse(source) == expected)
    }

    static let errors: [(String, String, Int)] = [
        ("", "expected an expression", 0),
        ("   ", "expected an expression", 3),
        ("1 +", "expected an expression", 3),
        ("(1 + 2", "unclosed '('", 0),
        ("[1, 2", "unclosed '['", 0),
        ("len(x", "unclosed '('", 3),
        ("1 + 2)", "unexpected ')'", 5),
        (")", "unexpected ')'", 0),
        ("1 2", "unexpected '2'", 2),
        ("a b", "unexpected 'b'", 2),
        ("(1 2)", "unexpected '2'", 3),
        ("[1,]", "unexpected ']'", 3),
        ("f(,)", "unknown function 'f'", 0),
        ("lenn(x)", "unknown function 'lenn'", 0),
        ("1 + lenn(x)", "unknown function 'lenn'", 4),
        ("len(a, b)", "'len' takes 1 argument", 0),
        ("len()", "'len' takes 1 argument", 0),
        ("x + sum()", "'sum' takes 1 argument", 4),
        ("contains(a)", "'contains' takes 2 arguments", 0),
        ("round(1, 2, 3)", "'round' takes 1 or 2 arguments", 0),
        ("min()", "'min' takes at least 1 argument", 0),
        ("max()", "'max' takes at least 1 argument", 0),
        ("'abc", "unterminated string", 0),
        ("x + \"abc", "unterminated string", 4),
        ("'abc\\'", "unterminated string", 0),
        ("a = 1", "unexpected '=', did you mean '=='?", 2),
        ("!a", "unexpected '!', did you mean 'not'?", 0),
        ("a && b", "unexpected '&&', did you mean 'and'?", 2),
        ("a || b", "unexpected '||', did you mean 'or'?", 2),
        ("a $ b", "unexpected '$'", 2),
        ("a < b < c", "unexpected '<', comparisons cannot be chained", 6),
        ("and", "unexpected 'and'", 0),
        ("a and or b", "unexpected 'or'", 6),
        ("not", "expected an expression", 3),
        ("12abc", "unexpected '12abc'", 0),
        ("a.", "unexpected '.'", 1),
        (".5", "unexpected '.'", 0),
        // offsets count characters, not bytes
        ("'é' + )", "unexpected ')'", 6),
        ("'👩‍👩‍👧' $", "unexpected '$'", 4),
    ]

    @Test(arguments: errors)
    func reportsError(source: String, message: String, offset: Int) {
        #expect(throws: ExpressionError(message: message, offset: offset)) {
            try Expression.parse(source)
        }
    }

    @Test func acceptsUpToTheLengthLimit() throws {
        let source = "x" + String(repeating: " ", count: Expression.maximumLength - 1)
        #expect(try Expression.parse(source) == v("x"))
    }

    @Test(arguments: ["x" + String(repeating: " ", count: Expression.maximumLength), String(repeating: "é", count: 5_000)])
    func refusesLongSource(source: String) {
        #expect(throws: ExpressionError(message: "expression is longer than 4096 characters", offset: 4_096)) {
            try Expression.parse(source)
        }
    }

    @Test func lengthLimitCountsCharactersNotBytes() throws {
        // 4,000 characters but 8,000 bytes of UTF-8.
        let source = "'" + String(repeating: "é", count: 3_998) + "'"
        #expect(try Expression.parse(source) == str(String(repeating: "é", count: 3_998)))
    }

    /// Builds an expression nested `depth` levels deep in the given style.
    static func nested(_ style: String, depth: Int) -> String {
        switch style {
        case "parens": return String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        case "lists": return String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        case "calls": return String(repeating: "len(", count: depth) + "x" + String(repeating: ")", count: depth)
        case "not": return String(repeating: "not ", count: depth) + "x"
        case "minus": return String(repeating: "-", count: depth) + "x"
        default: return "x" + String(repeating: " + x", count: depth)
        }
    }

    @Test(arguments: ["parens", "lists", "calls", "not", "minus", "chain"])
    func acceptsNestingUpToTheLimit(style: String) throws {
        _ = try Expression.parse(Self.nested(style, depth: 64))
    }

    @Test(arguments: ["parens", "lists", "calls", "not", "minus", "chain"])
    func refusesDeeperNesting(style: String) {
        #expect {
            try Expression.parse(Self.nested(style, depth: 65))
        } throws: { error in
            (error as? ExpressionError)?.message == "expression nests deeper than 64 levels"
        }
    }

    @Test(arguments: ["parens", "lists", "calls", "not", "minus", "chain"])
    func refusesPathologicalNestingWithoutCrashing(style: String) {
        // Stays under the length limit, far over the depth limit.
        #expect(throws: ExpressionError.self) {
            try Expression.parse(String(Self.nested(style, depth: 2_000).prefix(4_000)))
        }
    }

    @Test func deepNestingErrorPointsAtTheOffendingBracket() {
        #expect(throws: ExpressionError(message: "expression nests deeper than 64 levels", offset: 64)) {
            try Expression.parse(Self.nested("parens", depth: 70))
        }
    }
}
