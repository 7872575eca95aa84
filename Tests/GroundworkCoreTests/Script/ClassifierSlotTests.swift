import Testing
@testable import GroundworkCore

/// The task classifier parsed on first use (`deferringClassifier`), for a faster start.
@Suite struct ClassifierSlotTests {
    static let rules = SourceFile(path: "classifier.yaml", text: """
        id: tiny
        kind: task-classifier
        base:
          E0: {points: 10, reason: "base e0"}
          E1: {points: 0, reason: "base e1"}
          E2: {points: 5, reason: "base e2"}
        families:
          writing: {label: E1, reason: "writing reason"}
        rules:
          - {starts: write, points: {E1: 30}, family: writing}
        """)

    @Test(arguments: [
        ("kind: task-classifier\n", true),
        ("id: x\nkind: task-classifier", true),
        ("id: x\nkind: task-classifier   # the rules\n", true),
        ("id: x\r\nkind: task-classifier\r\n", true),
        ("  kind: task-classifier\n", false),
        ("kind: task-classifiers\n", false),
        ("kind: \"task-classifier\"\n", true), // quoted, as the parser reads it too
        ("id: journal\nnodes: {}\n", false),
        ("", false),
    ])
    func declaresClassifier(_ text: String, _ expected: Bool) {
        #expect(ClassifierSlot.declaresClassifier(SourceFile(path: "f.yaml", text: text)) == expected)
    }

    @Test func deferredClassifierAnswersLikeTheEagerOne() {
        let (eager, eagerDiagnostics) = ScriptLibrary.load(scripts: [Self.rules], prompts: [])
        let (deferred, deferredDiagnostics) = ScriptLibrary.load(scripts: [Self.rules], prompts: [], deferringClassifier: true)
        #expect(eagerDiagnostics.isEmpty && deferredDiagnostics.isEmpty)
        for task in ["Write memos", "Lift boxes"] {
            #expect(deferred.classifier?.classify(task) == eager.classifier?.classify(task))
        }
        // Copies of the library share the one parse.
        let copy = deferred
        #expect(copy.classifier?.ruleCount == eager.classifier?.ruleCount)
    }

    @Test func deferredFileWithErrorsReadsAsNoClassifier() {
        let broken = SourceFile(path: "classifier.yaml", text: "id: tiny\nkind: task-classifier\nrules: 3\n")
        let (library, diagnostics) = ScriptLibrary.load(scripts: [broken], prompts: [], deferringClassifier: true)
        #expect(diagnostics.isEmpty)
        #expect(library.classifier == nil)
        let (_, eager) = ScriptLibrary.load(scripts: [broken], prompts: [])
        #expect(!eager.isEmpty)
    }

    @Test func secondClassifierIsStillAnError() {
        let (_, diagnostics) = ScriptLibrary.load(scripts: [Self.rules, Self.rules], prompts: [], deferringClassifier: true)
        #expect(diagnostics.map(\.description) == ["classifier.yaml:1:1: error: a second task classifier; only one may be loaded"])
    }
}
