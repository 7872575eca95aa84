@testable import GroundworkCore

/// Small builders for flows written in code (tests do not depend on the YAML loader).
enum Fixture {
    static let here = SourceLocation(path: "test.yaml", line: 1, column: 1)

    static func text(_ source: String) -> Text { .inline(try! Template(source, location: here)) }

    static func node(_ id: String, _ kind: Node.Kind, next: String? = nil) -> Node {
        Node(id: id, kind: kind, next: next, location: here)
    }

    static func say(_ id: String, _ words: String, next: String?) -> Node { node(id, .say(text(words)), next: next) }

    static func ask(_ id: String, _ question: String, _ input: InputKind, save: String? = nil, next: String?,
                    reask: String? = nil, maxReasks: Int = 3, onGiveUp: String? = nil, help: String? = nil,
                    skippable: Bool = true) -> Node {
        node(id, .ask(Question(prompt: text(question), input: input, save: save, reask: reask.map(text),
                               maxReasks: maxReasks, onGiveUp: onGiveUp, help: help.map(text), skippable: skippable)),
             next: next)
    }

    static func end(_ id: String, _ words: String? = nil) -> Node { node(id, .end(words.map(text))) }

    static func flow(_ id: String, title: String = "Test flow", start: String, _ nodes: [Node],
                     variables: [VariableDeclaration] = [], summary: String? = nil,
                     nextSteps: [NextStepRule] = [], scores: [Assignment] = []) -> Flow {
        Flow(id: id, title: title, start: start, variables: variables,
             nodes: Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) }), nodeOrder: nodes.map(\.id),
             summary: summary.map(text), nextSteps: nextSteps, scores: scores, location: here)
    }

    static func variable(_ name: String, _ type: VariableDeclaration.VariableType, _ value: Value) -> VariableDeclaration {
        VariableDeclaration(name: name, type: type, defaultValue: value, location: here)
    }

    static func engine(_ flows: Flow..., ruleSets: [String: RuleSet] = [:], prompts: PromptLibrary = PromptLibrary()) -> Engine {
        Engine(library: ScriptLibrary(flows: Dictionary(uniqueKeysWithValues: flows.map { ($0.id, $0) }),
                                      ruleSets: ruleSets, prompts: prompts))
    }

    // Expressions built directly (the parser lives in the expression work).
    static func v(_ name: String) -> Expression { .variable(name) }
    static func n(_ number: Double) -> Expression { .literal(.number(number)) }
    static func op(_ lhs: Expression, _ op: Expression.BinaryOperator, _ rhs: Expression) -> Expression { .binary(op, lhs, rhs) }

    /// Steps through `lines` (each a `.line`), returning the final step.
    static func run(_ engine: Engine, _ start: Step, _ lines: [String]) -> Step {
        var step = start
        for line in lines { step = engine.step(step.state, .line(line)) }
        return step
    }
}

extension Step {
    /// The plain lines all events of this step print.
    var lines: [String] { events.flatMap { $0.plainLines() } }
}
