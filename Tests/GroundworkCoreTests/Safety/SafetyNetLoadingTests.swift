import Testing
import GroundworkTestSupport
@testable import GroundworkCore

/// What `lint` says about a safety-net file: every problem with its line and column.
@Suite struct SafetyNetLoadingTests {
    static func diagnostics(_ body: String) -> [String] {
        let source = "kind: safety-net\nid: safety\n" + body
        let (_, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "net.yaml", text: source)], prompts: [])
        return diagnostics.map(\.description)
    }

    static let answers = "check_answers: {no: [\"no\"]}\n"

    @Test(arguments: [
        ("concepts: {a: [\"@b\"], b: [\"@a\"]}\nrules: []\n" + answers, "net.yaml:3:12: error: concept 'a' refers to itself: a → b → a"),
        ("concepts: {a: [x]}\nrules:\n  - {id: r, tier: crisis, category: suicide, screen: intent, match: [\"@c\"]}\n" + answers,
         "unknown concept 'c' in '@c'"),
        ("concepts: {a: [x]}\nrules:\n  - {id: r, tier: crisis, category: suicide, screen: intent, match: [\"(a|(b|c))\"]}\n" + answers,
         "alternatives cannot hold parentheses"),
        ("concepts: {a: [x]}\nrules:\n  - {id: r, tier: crisis, category: suicide, screen: intent, match: [\"* a\"]}\n" + answers,
         "a phrase cannot start with a gap"),
        ("concepts: {a: [x]}\nrules:\n  - {id: r, tier: urgent, category: suicide, screen: intent, match: [a]}\n" + answers,
         "tier must be 'crisis' or 'check', found 'urgent'"),
        ("concepts: {a: [x]}\nrules:\n  - {id: r, tier: crisis, category: sad, screen: intent, match: [a]}\n" + answers,
         "unknown category 'sad'"),
        ("concepts: {a: [x]}\nrules:\n  - {id: r, tier: crisis, category: suicide, screen: intent, near: [a], within: 5}\n" + answers,
         "'near' must be a list of at least two parts"),
        ("concepts: {a: [x]}\nrules:\n  - {id: r, tier: crisis, category: suicide, screen: intent, match: [a], not_near: [b]}\n" + answers,
         "rule 'r': 'not_near' works only with 'near'"),
        ("concepts: {a: [x]}\nrules:\n  - {id: r, tier: crisis, category: suicide, screen: intent, match: [a], within: 4}\n" + answers,
         "rule 'r': 'within' works only with 'near'"),
        ("concepts: {a: [x]}\nrules:\n  - {id: r, tier: crisis, category: suicide, screen: intent, match: [a], unless: [nope]}\n" + answers,
         "unknown guard 'nope'"),
        ("concepts: {a: [x]}\nrules: []\n", "a safety net needs 'check_answers'"),
        ("barriers: [not, she]\nfillers: [really, not]\nconcepts: {a: [x]}\nrules: []\n" + answers,
         "net.yaml:4:10: error: filler 'not' is also a barrier; a phrase may not pass over it"),
        ("barriers: [she]\nordinary_after: {shed: [the]}\nconcepts: {a: [x]}\nrules: []\n" + answers,
         "net.yaml:4:18: error: ordinary_after names 'shed', which is not a barrier word"),
        ("concepts: {a: [x]}\nrules: []\nguards: {g: {scope: everywhere, phrases: [x]}}\n" + answers,
         "scope must be 'overlap', 'line' or 'any', found 'everywhere'"),
    ])
    func problemsAreNamed(_ body: String, _ expected: String) {
        let found = Self.diagnostics(body)
        #expect(found.contains { $0.contains(expected) }, "\(found)")
        #expect(found.allSatisfy { $0.hasPrefix("net.yaml:") })
    }

    @Test func theBundledNetHasNoProblems() throws {
        let text = try Repository.read("dialogues/rules/safety.yaml")
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "dialogues/rules/safety.yaml", text: text)], prompts: [])
        #expect(diagnostics.map(\.description) == [])
        #expect(library.safetyNet != nil)
    }
}
