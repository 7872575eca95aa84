import Testing
@testable import GroundworkCore

/// Huge and deeply nested expressions are refused at parse time, at load, with the limits named.
@Suite struct HostileExpressionTests {
    private func parseError(_ source: String) -> String? {
        do throws(ExpressionError) {
            _ = try Expression.parse(source)
            return nil
        } catch {
            return error.message
        }
    }

    @Test(arguments: [
        (String(repeating: "1+", count: 2_048) + "1", "expression is longer than 4096 characters"),
        (String(repeating: "x", count: 100_000), "expression is longer than 4096 characters"),
        (String(repeating: "(", count: 65) + "1" + String(repeating: ")", count: 65), "expression nests deeper than 64 levels"),
        (String(repeating: "(", count: 4_000), "expression nests deeper than 64 levels"),
        (String(repeating: "[", count: 65) + String(repeating: "]", count: 65), "expression nests deeper than 64 levels"),
        (String(repeating: "-", count: 100) + "1", "expression nests deeper than 64 levels"),
        (String(repeating: "not ", count: 100) + "x", "expression nests deeper than 64 levels"),
        (String(repeating: "len(", count: 80) + "x" + String(repeating: ")", count: 80), "expression nests deeper than 64 levels"),
    ])
    func hostileExpressionsAreRefused(source: String, message: String) {
        #expect(parseError(source) == message)
    }

    @Test func operatorChainAtTheLimitParsesAndEvaluates() throws {
        // A chain builds a tree as tall as it is long; the limit counts that height too.
        let source = String(repeating: "1 + ", count: 64) + "1"
        let value = try Expression.parse(source).evaluate { _ in nil }
        #expect(value == .number(65))
        #expect(parseError(String(repeating: "1 + ", count: 65) + "1") == "expression nests deeper than 64 levels")
    }

    @Test func nestingAtTheLimitParses() {
        #expect(parseError(String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60)) == nil)
    }

    @Test func hugeExpressionInAFlowIsAnErrorAtItsNode() {
        let flow = "id: f\ntitle: T\nstart: c\nnodes:\n  c:\n    set: {x: \"" + String(repeating: "1+", count: 2_100) + "1\"}\n    next: e\n  e: {end: null}\n"
        let diagnostics = ScriptLibrary.load(scripts: [SourceFile(path: "h.yaml", text: flow)], prompts: []).1.map(\.description)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("h.yaml:6:") == true)
        #expect(diagnostics.first?.hasSuffix("expression is longer than 4096 characters") == true)
    }
}
