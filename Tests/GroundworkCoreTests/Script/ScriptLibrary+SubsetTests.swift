import Testing
@testable import GroundworkCore

/// Loading only what one flow needs (`ScriptLibrary.load(scripts:prompts:only:)`), as start and resume do.
struct ScriptLibrarySubsetTests {
    static let caller = """
        id: a
        title: A
        start: s
        nodes:
          s: {say: {prompt: greet}, next: r}
          r: {reflect: listening, next: c}
          c: {call: b, next: e}
          e: {end: Bye}
        """
    static let callee = "id: b\ntitle: B\nstart: q\nnodes:\n  q: {ask: \"Name?\", input: text, save: name, next: e}\n  e: {end: null}\n"
    static let unrelated = "id: c\ntitle: C\nstart: e\nnodes:\n  e: {end: Bye, next: nowhere}\n"
    static let safety = listeningRuleSet.replacingOccurrences(of: "id: listening", with: "id: safety")

    static func scripts(callee: String = callee, caller: String = caller) -> [SourceFile] {
        [("a.yaml", caller), ("b.yaml", callee), ("c.yaml", unrelated), ("rules/listening.yaml", listeningRuleSet),
         ("rules/safety.yaml", safety)].map { SourceFile(path: $0.0, text: $0.1) }
    }

    static let prompts: [(name: String, file: SourceFile)] = [
        ("greet", "Hello. {{> common/footer}}"), ("common/footer", "See you."), ("safety/message", "Call someone."),
        ("other", "{{#broken}}never closed"),
    ].map { (name: $0.0, file: SourceFile(path: "prompts/\($0.0).mustache", text: $0.1)) }

    @Test func loadsTheFlowAndWhatItUsesOnly() throws {
        let (library, diagnostics) = ScriptLibrary.load(scripts: Self.scripts(), prompts: Self.prompts, only: "a")
        #expect(diagnostics.isEmpty) // c.yaml and prompts/other have errors, but a does not use them
        #expect(Set(library.flows.keys) == ["a", "b"])
        #expect(Set(library.ruleSets.keys) == ["listening", "safety"])
        #expect(Set(library.prompts.templates.keys) == ["greet", "common/footer", "safety/message"])
        let first = try Engine(library: library).start(flow: "a", seed: 1)
        #expect(first.events.contains { "\($0)".contains("Hello. See you.") })
    }

    @Test func theFullLoadSeesTheErrorsTheSubsetSkips() {
        let (library, diagnostics) = ScriptLibrary.load(scripts: Self.scripts(), prompts: Self.prompts)
        #expect(library.flows["c"] == nil)
        #expect(diagnostics.contains { $0.location.path == "c.yaml" && $0.severity == .error })
        #expect(diagnostics.contains { $0.location.path == "prompts/other.mustache" })
    }

    @Test func aFlowWhoseDependencyHasAnErrorStillRefusesToRun() {
        let broken = Self.callee.replacingOccurrences(of: "next: e}\n  e:", with: "next: missing}\n  e:")
        let (library, diagnostics) = ScriptLibrary.load(scripts: Self.scripts(callee: broken), prompts: Self.prompts, only: "a")
        #expect(library.flows["a"] == nil)
        #expect(diagnostics.contains { $0.location.path == "b.yaml" && $0.severity == .error })
        #expect(throws: EngineError.self) { try Engine(library: library).start(flow: "a", seed: 1) }
    }

    @Test func aMissingCalledFlowIsReportedAsByTheFullLoad() {
        let caller = Self.caller.replacingOccurrences(of: "call: b", with: "call: bb")
        let subset = ScriptLibrary.load(scripts: Self.scripts(caller: caller), prompts: Self.prompts, only: "a")
        let full = ScriptLibrary.load(scripts: Self.scripts(caller: caller), prompts: Self.prompts)
        #expect(subset.0.flows["a"] == nil)
        #expect(subset.1.map(\.description) == full.1.map(\.description))
        #expect(subset.1.contains { $0.description.contains("unknown flow 'bb'; did you mean 'b'?") })
    }

    @Test func aFlowWhoseIDTheScanCannotReadStillLoads() throws {
        let flowStyle = "{id: a, title: A, start: e, nodes: {e: {end: Bye}}}\n"
        let scripts = [SourceFile(path: "a.yaml", text: flowStyle), SourceFile(path: "rules/safety.yaml", text: Self.safety)]
        let (library, diagnostics) = ScriptLibrary.load(scripts: scripts, prompts: [], only: "a")
        #expect(diagnostics.isEmpty)
        #expect(library.flows["a"] != nil)
    }

    @Test(arguments: [
        ("id: career-checkin\nnodes: {}\n", "career-checkin"),
        ("# comment\ntitle: T\nid: 'quoted' # trailing\n", "quoted"),
        ("id:   \"dq\"\r\n", "dq"),
        ("nodes:\n  x:\n    id: inner\n", nil),
        ("id: {weird: yes}\n", nil),
        ("id: a#b\n", nil),
        ("identity: x\n", nil),
    ] as [(String, String?)])
    func declaredID(text: String, id: String?) {
        #expect(ScriptHeader.value(of: "id", in: text) == id)
    }
}
