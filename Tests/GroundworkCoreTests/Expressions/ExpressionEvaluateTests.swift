import Testing
@testable import GroundworkCore

@Suite struct ExpressionEvaluateTests {
    /// The variables every case below can read; anything else is unset.
    static let variables: [String: Value] = [
        "years": .number(4),
        "zero": .number(0),
        "half": .number(0.5),
        "name": .string("Ada"),
        "empty": .string(""),
        "yes": .bool(true),
        "no": .bool(false),
        "tasks": .list([.string("Email"), .string("Reports")]),
        "scores": .list([.number(3), .number(-1), .number(7.5)]),
        "none": .list([]),
        "exposure.beta": .number(0.456),
        "nothing": .null,
    ]

    static func evaluate(_ source: String) throws -> Value {
        try Expression.parse(source).evaluate { variables[$0] }
    }

    static let values: [(String, Value)] = [
        // arithmetic and precedence
        ("1 + 2 * 3", .number(7)),
        ("(1 + 2) * 3", .number(9)),
        ("10 - 4 - 3", .number(3)),
        ("8 / 4 / 2", .number(1)),
        ("7 / 2", .number(3.5)),
        ("-years * 2", .number(-8)),
        ("2 * -years", .number(-8)),
        ("- -years", .number(4)),
        ("years - -1", .number(5)),
        ("round(exposure.beta * 100)", .number(46)),
        // variables
        ("years", .number(4)),
        ("unset", .null),
        ("nothing", .null),
        // null counts as 0 in arithmetic
        ("unset + 1", .number(1)),
        ("1 + unset", .number(1)),
        ("unset + unset", .number(0)),
        ("unset * 5", .number(0)),
        ("5 - unset", .number(5)),
        ("-unset", .number(0)),
        ("unset / 2", .number(0)),
        // joining strings and lists
        ("'a' + 'b'", .string("ab")),
        ("'Hello ' + name", .string("Hello Ada")),
        ("name + ' has ' + years + ' years'", .string("Ada has 4 years")),
        ("years + ' years'", .string("4 years")),
        ("'beta ' + exposure.beta", .string("beta 0.456")),
        ("1 + 2 + 'x'", .string("3x")),
        ("'x' + 1 + 2", .string("x12")),
        ("'x' + unset", .string("x")),
        ("unset + 'x'", .string("x")),
        ("[1] + [2, 3]", .list([.number(1), .number(2), .number(3)])),
        ("tasks + ['Calls']", .list([.string("Email"), .string("Reports"), .string("Calls")])),
        ("unset + ['a']", .list([.string("a")])),
        ("none + unset", .list([])),
        // comparisons
        ("years > 3", .bool(true)),
        ("years > 4", .bool(false)),
        ("years >= 4", .bool(true)),
        ("years < 4", .bool(false)),
        ("years <= 4", .bool(true)),
        ("years <= 2", .bool(false)),
        ("unset < 1", .bool(true)),
        ("unset >= 0", .bool(true)),
        ("'apple' < 'banana'", .bool(true)),
        ("'b' > 'a'", .bool(true)),
        ("'abc' <= 'abc'", .bool(true)),
        ("unset < 'a'", .bool(true)),
        ("1 + 1 == 2", .bool(true)),
        // equality on any values
        ("years == 4", .bool(true)),
        ("years != 4", .bool(false)),
        ("name == 'Ada'", .bool(true)),
        ("name == 'ada'", .bool(false)),
        ("years == '4'", .bool(false)),
        ("unset == null", .bool(true)),
        ("unset == 0", .bool(false)),
        ("yes == true", .bool(true)),
        ("tasks == ['Email', 'Reports']", .bool(true)),
        ("tasks != []", .bool(true)),
        ("none == []", .bool(true)),
        // and / or / not by truthiness
        ("yes and years", .bool(true)),
        ("yes and zero", .bool(false)),
        ("no or name", .bool(true)),
        ("no or empty", .bool(false)),
        ("unset or none", .bool(false)),
        ("not yes", .bool(false)),
        ("not unset", .bool(true)),
        ("not empty", .bool(true)),
        ("not tasks", .bool(false)),
        ("not years == 4", .bool(false)),
        ("no or yes and no", .bool(false)),
        ("yes or yes and no", .bool(true)),
        ("not no and no", .bool(false)),
        // short-circuit: the right side would fail if evaluated
        ("no and 1 / 0", .bool(false)),
        ("yes or [] + 1", .bool(true)),
        // len
        ("len(name)", .number(3)),
        ("len('')", .number(0)),
        ("len('café👩‍👩‍👧')", .number(5)),
        ("len(tasks)", .number(2)),
        ("len(none)", .number(0)),
        ("len(unset)", .number(0)),
        ("len(tasks) < 8 and yes", .bool(true)),
        // sum
        ("sum(scores)", .number(9.5)),
        ("sum(none)", .number(0)),
        ("sum(unset)", .number(0)),
        ("sum([1, null, 2])", .number(3)),
        // min / max
        ("min(3, 1, 2)", .number(1)),
        ("max(3, 1, 2)", .number(3)),
        ("min(scores)", .number(-1)),
        ("max(scores)", .number(7.5)),
        ("max(years)", .number(4)),
        ("min(years, unset)", .number(0)),
        ("max(none)", .null),
        ("min(unset)", .null),
        ("max(1, -5) + min([10, 20])", .number(11)),
        // contains
        ("contains(tasks, 'Email')", .bool(true)),
        ("contains(tasks, 'email')", .bool(true)),
        ("contains(tasks, 'Mail')", .bool(false)),
        ("contains(scores, 7.5)", .bool(true)),
        ("contains(scores, 2)", .bool(false)),
        ("contains([[1]], [1])", .bool(true)),
        ("contains(name, 'ad')", .bool(true)),
        ("contains('Ich ÄRGERE mich', 'ärger')", .bool(true)),
        ("contains(name, 'bob')", .bool(false)),
        ("contains(name, '')", .bool(true)),
        ("contains(unset, 'x')", .bool(false)),
        // words
        ("words('I could not sleep  again')", .number(5)),
        ("words('  one\ttwo\nthree ')", .number(3)),
        ("words('')", .number(0)),
        ("words(unset)", .number(0)),
        ("words(name + ' x')", .number(2)),
        // round
        ("round(2.5)", .number(3)),
        ("round(-2.5)", .number(-3)),
        ("round(2.4)", .number(2)),
        ("round(3.14159, 2)", .number(3.14)),
        ("round(3.145, 1)", .number(3.1)),
        ("round(1234.5, -2)", .number(1200)),
        ("round(0.456, 0)", .number(0)),
        ("round(1.5, 40)", .number(1.5)),
        ("round(unset)", .number(0)),
        ("nth(tasks, 1)", .string("Email")),
        ("nth(tasks, len(tasks))", .string("Reports")),
        ("nth(tasks, 3)", .null),
        ("nth(tasks, 0)", .null),
        ("nth(none, 1)", .null),
        ("nth(unset, 1)", .null),
        ("nth(scores, years - 2)", .number(-1)),
        // literals
        ("[1, name, unset]", .list([.number(1), .string("Ada"), .null])),
        ("null", .null),
        ("'it\\'s'", .string("it's")),
    ]

    @Test(arguments: values)
    func evaluates(source: String, expected: Value) throws {
        #expect(try Self.evaluate(source) == expected)
    }

    static let failures: [(String, String)] = [
        ("1 / 0", "division by zero"),
        ("years / unset", "division by zero"),
        ("tasks + 1", "cannot add a list and a number"),
        ("1 + tasks", "cannot add a number and a list"),
        ("yes + 1", "cannot add a boolean and a number"),
        ("'a' + yes", "cannot add a string and a boolean"),
        ("'a' + tasks", "cannot add a string and a list"),
        ("name - 1", "cannot subtract a number from a string"),
        ("tasks * 2", "cannot multiply a list by a number"),
        ("1 / 'x'", "cannot divide a number by a string"),
        ("-name", "cannot negate a string"),
        ("name < 3", "cannot compare a string and a number"),
        ("tasks > []", "cannot compare a list and a list"),
        ("yes >= no", "cannot compare a boolean and a boolean"),
        ("len(years)", "'len' needs a string or a list, not a number"),
        ("words(years)", "'words' needs a string, not a number"),
        ("sum(name)", "'sum' needs a list of numbers, not a string"),
        ("sum(tasks)", "'sum' needs a list of numbers, not one holding a string"),
        ("min(1, 'a')", "'min' needs numbers, not a string"),
        ("max(tasks)", "'max' needs numbers, not a string"),
        ("contains(years, 4)", "'contains' needs a list or a string, not a number"),
        ("contains(name, 4)", "'contains' needs a string to look for in a string, not a number"),
        ("round(name)", "'round' needs a number, not a string"),
        ("round(1.5, 0.5)", "'round' needs a whole number of digits, not a number"),
        ("round(1.5, 'a')", "'round' needs a whole number of digits, not a string"),
        ("yes and tasks + 1", "cannot add a list and a number"),
        ("nth(name, 1)", "'nth' needs a list, not a string"),
        ("nth(tasks, half)", "'nth' needs a whole number as its position, not a number"),
        ("nth(tasks, name)", "'nth' needs a whole number as its position, not a string"),
        ("[1, 2 / 0]", "division by zero"),
    ]

    @Test(arguments: failures)
    func fails(source: String, message: String) {
        #expect(throws: EvaluationError(message: message)) {
            try Self.evaluate(source)
        }
    }

    @Test func shortCircuitSkipsTheLookup() throws {
        var read: [String] = []
        let value = try Expression.parse("no and a or yes or b").evaluate { name in
            read.append(name)
            return Self.variables[name]
        }
        #expect(value == .bool(true))
        #expect(read == ["no", "yes"])
    }

    @Test func evaluatesTheDeepestAcceptedExpression() throws {
        let source = "1" + String(repeating: " + 1", count: Expression.maximumDepth)
        #expect(try Self.evaluate(source) == .number(65))
    }

    static let variableSets: [(String, Set<String>)] = [
        ("1 + 2", []),
        ("years", ["years"]),
        ("exposure.score >= 50 and ground.ownership < 2", ["exposure.score", "ground.ownership"]),
        ("len(task_names) < 8 and more", ["task_names", "more"]),
        ("[a, -b, not c] + [a]", ["a", "b", "c"]),
        ("round(x, digits) + min(y, 1)", ["x", "digits", "y"]),
        ("'years' + len", ["len"]),
    ]

    @Test(arguments: variableSets)
    func collectsVariables(source: String, expected: Set<String>) throws {
        #expect(try Expression.parse(source).variables == expected)
    }
}
