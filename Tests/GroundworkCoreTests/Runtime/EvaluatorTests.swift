import Testing
@testable import GroundworkCore

extension RuntimeTests {
    struct EvaluatorTests {
        @Test(arguments: [
            "years <= 2",
            "exposure.score >= 50 and ground.ownership < 2",
            "len(task_names) < 8 and more",
            "not (a or b)",
            "round(x * 100, 1) == 'high'",
            "[1, 2] + list",
            "-n + 3",
        ])
        func sourceReadsBackAsAnEquivalentExpression(_ text: String) throws {
            let parsed = try Expression.parse(text)
            #expect(try Expression.parse(Evaluator.source(parsed)) == parsed)
        }

        @Test func sourceParenthesisesNestedOperations() throws {
            #expect(Evaluator.source(try Expression.parse("(a + b) * c")) == "(a + b) * c")
            #expect(Evaluator.source(try Expression.parse("years <= 2")) == "years <= 2")
        }

        @Test func evaluateReadsTheSessionsVariables() throws {
            #expect(try Evaluator.evaluate(try Expression.parse("years + 1"), ["years": .number(4)]) == .number(5))
            #expect(try Evaluator.evaluate(try Expression.parse("missing"), [:]) == .null)
        }
    }
}
