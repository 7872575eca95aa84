import Testing
@testable import GroundworkCore

/// Expression errors point at the exact character: the scalar's column plus the error's offset,
/// plus one for the opening quote of a quoted scalar.
struct FlowLoaderExpressionTests {
    static let cases: [(String, String, [String])] = [
        ("quoted condition", """
         id: f
         title: F
         start: a
         nodes:
           a:
             branch:
               - {if: "years >= ", goto: b}
               - else: b
           b: {end: Bye}
         """, ["f.yaml:7:24: error: expected an expression"]),
        ("plain value in set", """
         id: f
         title: F
         start: a
         nodes:
           a: {set: {total: lenn(1) + 2}, next: b}
           b: {end: Bye}
         """, ["f.yaml:5:20: error: unknown function 'lenn'"]),
        ("single-quoted while", """
         id: f
         title: F
         start: a
         nodes:
           a:
             loop: {while: '(n < 3', do: c, counter: n}
             next: b
           c: {say: Again, next: a}
           b: {end: Bye}
         """, ["f.yaml:6:20: error: unclosed '('"]),
        ("score in a block list", """
         id: f
         title: F
         start: a
         scores:
           - exposure.score: "round(x) && 2"
         nodes:
           a: {set: {x: 1}, next: b}
           b: {end: Bye}
         """, ["f.yaml:5:31: error: unexpected '&&', did you mean 'and'?"]),
    ]

    @Test(arguments: cases)
    func diagnostics(name: String, yaml: String, expected: [String]) {
        #expect(lint(yaml) == expected, "\(name)")
    }
}
