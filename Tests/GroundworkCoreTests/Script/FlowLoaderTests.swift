import Testing
@testable import GroundworkCore

/// Shape and type problems in one flow file: each snippet gives exactly the diagnostics listed.
struct FlowLoaderTests {
    static let cases: [(String, String, [String])] = [
        ("unknown top-level key", """
         id: f
         title: F
         titel: G
         start: a
         nodes:
           a: {say: Hi, next: b}
           b: {end: Bye}
         """, ["f.yaml:3:1: error: unknown key 'titel'; did you mean 'title'?"]),
        ("a loop expecting no passes", """
         id: f
         title: F
         start: l
         nodes:
           l: {loop: {while: "true", do: a, expect: 0, item: task}, next: b}
           a: {ask: "A?", next: l}
           b: {end: Bye}
         """, ["f.yaml:5:44: error: 'expect' must be 1 or more, found '0'"]),
        ("unknown node key", """
         id: f
         title: F
         start: a
         nodes:
           a: {say: Hi, nxt: b, next: b}
           b: {end: Bye}
         """, ["f.yaml:5:16: error: unknown key 'nxt'; did you mean 'next'?"]),
        ("key of another node kind", """
         id: f
         title: F
         start: a
         nodes:
           a: {say: Hi, next: b}
           b: {end: Bye, next: a}
         """, ["f.yaml:6:17: error: 'next' does not belong in an end node"]),
        ("wrong type for text", """
         id: f
         title: [a, b]
         start: a
         nodes:
           a: {end: Bye}
         """, ["f.yaml:2:8: error: expected text for 'title', found a list"]),
        ("missing required key", """
         id: f
         start: a
         nodes:
           a: {end: Bye}
         """, ["f.yaml:1:1: error: missing key 'title'"]),
        ("missing next", """
         id: f
         title: F
         start: a
         nodes:
           a: {say: Hi}
           b: {end: Bye}
         """, ["f.yaml:5:3: error: missing key 'next'"]),
        ("ask without next", """
         id: f
         title: F
         start: a
         nodes:
           a:
             ask: Which?
             input: {choice: [{label: One, next: b}, Two]}
           b: {end: Bye}
         """, ["f.yaml:5:3: error: missing key 'next'"]),
        ("choice whose options all go on", """
         id: f
         title: F
         start: a
         nodes:
           a:
             ask: Which?
             input: {choice: [{label: One, next: b}, {label: Two, next: b}]}
           b: {end: Bye}
         """, ["f.yaml:5:3: warning: node 'a' has no 'next' or 'on_give_up'; giving up or skipping ends the flow"]),
        ("whole number expected", """
         id: f
         title: F
         start: a
         nodes:
           a: {ask: Age, input: number, max_reasks: lots, next: b}
           b: {end: Bye}
         """, ["f.yaml:5:44: error: expected a whole number for 'max_reasks', found 'lots'"]),
        ("boolean expected", """
         id: f
         title: F
         start: a
         nodes:
           a: {ask: Age, skippable: maybe, next: b}
           b: {end: Bye}
         """, ["f.yaml:5:28: error: expected true or false for 'skippable', found 'maybe'"]),
        ("unknown input kind", """
         id: f
         title: F
         start: a
         nodes:
           a: {ask: Name, input: txt, next: b}
           b: {end: Bye}
         """, ["f.yaml:5:25: error: unknown input 'txt'; did you mean 'text'?"]),
        ("scale min not below max", """
         id: f
         title: F
         start: a
         nodes:
           a:
             ask: Energy?
             input: {scale: {min: 5, max: 5}}
             next: b
           b: {end: Bye}
         """, ["f.yaml:7:26: error: scale min 5 must be less than max 5"]),
        ("number min above max", """
         id: f
         title: F
         start: a
         nodes:
           a:
             ask: Years?
             input: {number: {min: 10, max: 1.5}}
             next: b
           b: {end: Bye}
         """, ["f.yaml:7:27: error: number min 10 is more than max 1.5"]),
        ("choice with one option", """
         id: f
         title: F
         start: a
         nodes:
           a:
             ask: Sector?
             input:
               choice: [Health]
             next: b
           b: {end: Bye}
         """, ["f.yaml:8:7: error: a choice needs at least 2 options, found 1"]),
        ("next_steps without else", """
         id: f
         title: F
         start: a
         next_steps:
           - {if: "true", step: s, say: Do it.}
         nodes:
           a: {end: Bye}
         """, ["f.yaml:4:1: error: next_steps needs a final 'else'"]),
        ("next step without text", """
         id: f
         title: F
         start: a
         next_steps:
           - {else: s}
         nodes:
           a: {end: Bye}
         """, ["f.yaml:5:5: error: missing key 'say' (or 'prompt')"]),
        ("variable default of the wrong type", """
         id: f
         title: F
         start: a
         variables:
           years: {type: number, default: many}
         nodes:
           a: {end: Bye}
         """, ["f.yaml:5:34: error: default 'many' for 'years' is not a number"]),
        ("unknown variable type", """
         id: f
         title: F
         start: a
         variables:
           tasks: {type: lst}
         nodes:
           a: {end: Bye}
         """, ["f.yaml:5:17: error: unknown type 'lst'; did you mean 'list'?"]),
        ("flow id spelling", """
         id: Career_Checkin
         title: F
         start: a
         nodes:
           a: {end: Bye}
         """, ["f.yaml:1:5: error: flow id 'Career_Checkin' may only hold a-z, 0-9 and '-'"]),
        ("two node kinds", """
         id: f
         title: F
         start: a
         nodes:
           a: {say: Hi, ask: Why, next: b}
           b: {end: Bye}
         """, ["f.yaml:5:16: error: node 'a' cannot have both 'say' and 'ask'"]),
        ("no node kind", """
         id: f
         title: F
         start: a
         nodes:
           a: {next: b}
           b: {end: Bye}
         """, ["f.yaml:5:3: error: node 'a' needs one of say, ask, set, branch, reflect, loop, call, end, classify, match_occupation"]),
        ("branch without else", """
         id: f
         title: F
         start: a
         nodes:
           a:
             branch:
               - {if: "true", goto: b}
           b: {end: Bye}
         """, ["f.yaml:6:5: error: a branch needs a final 'else'"]),
        ("else before the last arm", """
         id: f
         title: F
         start: a
         nodes:
           a:
             branch:
               - else: b
               - else: b
           b: {end: Bye}
         """, ["f.yaml:7:15: error: 'else' must come last in a branch"]),
        ("bad variable name", """
         id: f
         title: F
         start: a
         nodes:
           a: {ask: Name, save: my name, next: b}
           b: {end: Bye}
         """, ["f.yaml:5:24: error: 'my name' is not a variable name (letters, digits and '_', parts joined by '.')"]),
        ("mapping expected", """
         id: f
         title: F
         start: a
         nodes: [a, b]
         """, ["f.yaml:4:8: error: expected a mapping for 'nodes', found a list"]),
        ("empty nodes", """
         id: f
         title: F
         start: a
         nodes: {}
         """, ["f.yaml:4:8: error: 'nodes' is empty; a flow needs at least an end node"]),
        ("node that is not a mapping", """
         id: f
         title: F
         start: a
         nodes:
           a: hello
         """, ["f.yaml:5:6: error: expected a mapping for node 'a', found 'hello'"]),
        ("negative count", """
         id: f
         title: F
         start: a
         nodes:
           a: {ask: Age, max_reasks: -1, next: b}
           b: {end: Bye}
         """, ["f.yaml:5:29: error: 'max_reasks' must be 0 or more, found '-1'"]),
        ("choice without options", """
         id: f
         title: F
         start: a
         nodes:
           a: {ask: Pick, input: choice, next: b}
           b: {end: Bye}
         """, ["f.yaml:5:25: error: input 'choice' needs its options"]),
        ("two input kinds", """
         id: f
         title: F
         start: a
         nodes:
           a: {ask: Pick, input: {text: null, yesno: null}, next: b}
           b: {end: Bye}
         """, ["f.yaml:5:38: error: an input has one kind, found 'text' and 'yesno'"]),
        ("multi min above max", """
         id: f
         title: F
         start: a
         nodes:
           a:
             ask: Which?
             input: {multi: {options: [x, y, z], min: 3, max: 2}}
             next: b
           b: {end: Bye}
         """, ["f.yaml:7:46: error: multi min 3 is more than max 2"]),
        ("scale labels", """
         id: f
         title: F
         start: a
         nodes:
           a:
             ask: Energy?
             input: {scale: {max: 5, labels: [low]}}
             next: b
           b: {end: Bye}
         """, ["f.yaml:7:37: error: 'labels' needs 2 items (low end, high end), found 1"]),
        ("else before the last next step", """
         id: f
         title: F
         start: a
         next_steps:
           - {else: s, say: Rest.}
           - {else: t, say: Go.}
         nodes:
           a: {end: Bye}
         """, ["f.yaml:5:12: error: 'else' must come last in next_steps"]),
        ("say and prompt in a next step", """
         id: f
         title: F
         start: a
         next_steps:
           - {else: s, say: Rest., prompt: x}
         nodes:
           a: {end: Bye}
         """, ["f.yaml:5:35: error: a next step has 'say' or 'prompt', not both"]),
        ("score that is not one pair", """
         id: f
         title: F
         start: a
         scores:
           - total
         nodes:
           a: {end: Bye}
         """, ["f.yaml:5:5: error: each score is one 'name: expression' pair, found 'total'"]),
        ("reflect without rules", """
         id: f
         title: F
         start: a
         nodes:
           a: {reflect: {on: "x", save: r}, next: b}
           b: {end: Bye}
         """, ["f.yaml:5:16: error: missing key 'rules'"]),
        ("yaml syntax", """
         id: f
         title: "F
         start: a
         """, ["f.yaml:2:8: error: yaml: found unexpected end of stream while scanning a quoted scalar"]),
        ("duplicate key", """
         id: f
         title: F
         title: G
         start: a
         nodes:
           a: {end: Bye}
         """, ["f.yaml:3:1: error: yaml: duplicate key 'title'"]),
        ("neither flow nor rule set", """
         id: f
         title: F
         """, ["f.yaml:1:1: error: expected 'nodes' (a flow), 'keywords' (a rule set), 'kind: task-classifier' or 'kind: safety-net'"]),
        ("top level not a mapping", """
         - id: f
         """, ["f.yaml:1:1: error: expected a mapping at the top of the file, found a list"]),
    ]

    @Test(arguments: cases)
    func diagnostics(name: String, yaml: String, expected: [String]) {
        #expect(lint(yaml) == expected, "\(name)")
    }
}
