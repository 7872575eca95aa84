import Testing
@testable import GroundworkCore

/// Whole-flow problems: references, reachability, ends, loops, variables.
struct FlowValidatorTests {
    static let cases: [(String, String, [String])] = [
        ("unknown next", """
         id: f
         title: F
         start: a
         nodes:
           a: {say: Hi, next: bb}
           b: {end: Bye}
         """, ["f.yaml:5:22: error: unknown node 'bb'; did you mean 'b'?"]),
        ("unknown start", """
         id: f
         title: F
         start: intro
         nodes:
           a: {end: Bye}
         """, ["f.yaml:3:8: error: unknown node 'intro'"]),
        ("unknown goto and else", """
         id: f
         title: F
         start: a
         nodes:
           a:
             branch:
               - {if: "true", goto: early}
               - else: late
           b: {end: Bye}
         """, ["f.yaml:7:28: error: unknown node 'early'", "f.yaml:8:15: error: unknown node 'late'"]),
        ("unknown on_give_up and option next", """
         id: f
         title: F
         start: a
         nodes:
           a:
             ask: Sector?
             input: {choice: [Health, {label: Finance, next: fin}]}
             on_give_up: give_up
             next: b
           b: {end: Bye}
         """, ["f.yaml:7:53: error: unknown node 'fin'", "f.yaml:8:17: error: unknown node 'give_up'"]),
        ("unknown loop body", """
         id: f
         title: F
         start: a
         nodes:
           a:
             loop: {while: "true", do: body}
             next: b
           b: {end: Bye}
         """, ["f.yaml:6:31: error: unknown node 'body'"]),
        ("unreachable node", """
         id: f
         title: F
         start: a
         nodes:
           a: {say: Hi, next: b}
           orphan: {say: Lost, next: b}
           b: {end: Bye}
         """, ["f.yaml:6:3: warning: node 'orphan' is never reached"]),
        ("no way to an end", """
         id: f
         title: F
         start: a
         nodes:
           a: {say: Hi, next: c}
           c: {say: Again, next: a}
           b: {end: Bye}
         """, ["f.yaml:5:3: error: node 'a' has no way to an end",
               "f.yaml:6:3: error: node 'c' has no way to an end",
               "f.yaml:7:3: warning: node 'b' is never reached"]),
        ("loop body that never comes back", """
         id: f
         title: F
         start: a
         nodes:
           a:
             loop: {while: "true", do: body}
             next: b
           body: {say: Once, next: b}
           b: {end: Bye}
         """, ["f.yaml:6:31: error: loop body 'body' never comes back to loop 'a'"]),
        ("undefined variable in an expression", """
         id: f
         title: F
         start: a
         variables:
           years: {type: number}
         nodes:
           a:
             branch:
               - {if: "yeras > 2", goto: b}
               - else: b
           b: {end: Bye}
         """, ["f.yaml:9:15: error: undefined variable 'yeras'; did you mean 'years'?"]),
        ("undefined variable in a template", """
         id: f
         title: F
         start: a
         nodes:
           a: {say: "Hello {{ name }}, welcome.", next: b}
           b: {end: Bye}
         """, ["f.yaml:5:22: error: undefined variable 'name'"]),
        ("undefined variable in a block template", """
         id: f
         title: F
         start: a
         nodes:
           a:
             say: |
               Hello.
               You said {{answer}}.
             next: b
           b: {end: Bye}
         """, ["f.yaml:8:18: error: undefined variable 'answer'"]),
        ("context-like name is a warning", """
         id: f
         title: F
         start: a
         nodes:
           a: {say: "Score {{exposure.score}} for {{user}} in {{flow.title}}", next: b}
           b: {end: Bye}
         """, ["f.yaml:5:21: warning: undefined variable 'exposure.score'"]),
    ]

    @Test(arguments: cases)
    func diagnostics(name: String, yaml: String, expected: [String]) {
        #expect(lint(yaml) == expected, "\(name)")
    }

    /// Every way a flow gives a variable a value counts as a definition.
    @Test func everyDefinitionCounts() {
        let yaml = """
        id: f
        title: F
        start: a
        variables:
          declared: {type: list, default: [x]}
        scores:
          - exposure.score: "declared"
        summary: "{{exposure.score}} {{summary.text}} {{next_step.id}} {{progress.index}} of {{progress.total}}"
        nodes:
          a: {ask: Name, save: saved, next: s}
          s: {set: {assigned: "saved"}, next: r}
          r: {reflect: {rules: listening, on: "assigned", save: reply}, next: l}
          l:
            loop: {while: "counted < 2", do: body, counter: counted}
            next: b
          body: {say: "{{reply}} {{counted}} {{declared}}", next: l}
          b: {end: Bye}
        """
        #expect(lint([("f.yaml", yaml), ("listening.yaml", listeningRuleSet)]) == [])
    }
}
