import Testing
@testable import GroundworkCore

@Suite struct AssessmentConditionTests {
    let values: [String: Value] = ["a": .number(3), "flag": .bool(true), "s": .string("x")]
    func holds(_ c: AssessmentCondition) -> Bool { c.holds { values[$0] ?? .null } }

    @Test(arguments: [
        (AssessmentCondition.compare(name: "a", .atLeast(3)), true),
        (.compare(name: "a", .atLeast(3.01)), false),
        (.compare(name: "a", .atMost(3)), true),
        (.compare(name: "a", .below(3)), false),
        (.compare(name: "a", .above(2.99)), true),
        (.compare(name: "flag", .equals(.bool(true))), true),
        (.compare(name: "s", .equals(.string("x"))), true),
        // a missing name never satisfies a comparison, not even "at most"
        (.compare(name: "missing", .atMost(100)), false),
        // a boolean is not a number
        (.compare(name: "flag", .atLeast(0)), false),
        (.all([.compare(name: "a", .atLeast(3)), .compare(name: "flag", .equals(.bool(false)))]), false),
        (.any([.compare(name: "a", .atLeast(4)), .compare(name: "flag", .equals(.bool(true)))]), true),
        (.any([]), false),
        (.all([]), true),
    ])
    func evaluates(condition: AssessmentCondition, expected: Bool) {
        #expect(holds(condition) == expected)
    }

    @Test func namesAreCollected() {
        let c = AssessmentCondition.all([.compare(name: "a", .atLeast(1)), .any([.compare(name: "b", .below(2))])])
        #expect(c.names == ["a", "b"])
    }
}
