import Testing
@testable import GroundworkCore

/// Scripts that would run forever or nest without end: the loader or the engine stops them and
/// says which node.
@Suite struct HostileEngineTests {
    private func library(_ files: [(String, String)]) -> (ScriptLibrary, [String]) {
        let (library, diagnostics) = ScriptLibrary.load(scripts: files.map { SourceFile(path: $0.0, text: $0.1) }, prompts: [])
        return (library, diagnostics.map(\.description))
    }

    /// Flows `c0` … `c<count-1>`, each calling the next; the last ends.
    private func callChain(_ count: Int, askFirst: Bool = false) -> [(String, String)] {
        (0..<count).map { i in
            let body = i == count - 1
                ? "nodes:\n  c: {end: null}\n"
                : "nodes:\n" + (i == 0 && askFirst ? "  q: {ask: \"Go?\", save: go, next: c}\n" : "") + "  c: {call: c\(i + 1), next: e}\n  e: {end: null}\n"
            let start = i == 0 && askFirst ? "q" : "c"
            return ("c\(i).yaml", "id: c\(i)\ntitle: C\(i)\nstart: \(start)\n" + body)
        }
    }

    @Test func callsNestedToTheLimitRun() throws {
        let (library, diagnostics) = library(callChain(Engine.maxCallDepth + 1))
        #expect(diagnostics == [])
        let step = try Engine(library: library).start(flow: "c0", seed: 1)
        #expect(step.state.status == .completed)
    }

    @Test func callsNestedPastTheLimitAreRefusedAtStart() {
        let (library, diagnostics) = library(callChain(40))
        #expect(diagnostics == [])
        #expect(throws: EngineError.callTooDeep(flow: "c16", node: "c")) {
            _ = try Engine(library: library).start(flow: "c0", seed: 1)
        }
        #expect(EngineError.callTooDeep(flow: "c16", node: "c").description == "flow 'c16' nests calls too deeply at node 'c'")
    }

    @Test func callsNestedPastTheLimitMidSessionStopWithANotice() throws {
        let (library, diagnostics) = library(callChain(40, askFirst: true))
        #expect(diagnostics == [])
        let engine = Engine(library: library)
        let first = try engine.start(flow: "c0", seed: 1)
        let step = engine.step(first.state, .line("yes"))
        #expect(step.events.contains(.notice("Stopped: flow 'c16' nests calls too deeply at node 'c'.")))
        #expect(step.state.status == .abandoned)
    }

    @Test func recursionThroughCallIsACycleAtLoad() {
        let (_, diagnostics) = library([
            ("a.yaml", "id: a\ntitle: A\nstart: c\nnodes:\n  c: {call: b, next: e}\n  e: {end: null}\n"),
            ("b.yaml", "id: b\ntitle: B\nstart: c\nnodes:\n  c: {call: a, next: e}\n  e: {end: null}\n"),
        ])
        #expect(diagnostics == ["b.yaml:5:13: error: call cycle: 'a' → 'b' → 'a'"])
    }

    static let spinning = """
        id: spin
        title: Spin
        start: q
        variables:
          n: {type: number, default: 0}
        nodes:
          q: {ask: "Ready?", save: ready, next: bump}
          bump: {set: {n: "n + 1"}, next: again}
          again:
            branch:
              - if: "n >= 0"
                goto: bump
              - else: done
          done: {end: null}
        """

    @Test func loopThatAsksNothingStopsNamingTheNode() throws {
        let (library, diagnostics) = library([("spin.yaml", Self.spinning)])
        #expect(diagnostics.filter { $0.contains("error") } == [])
        let engine = Engine(library: library)
        let first = try engine.start(flow: "spin", seed: 1)
        let clock = ContinuousClock()
        var step: Step?
        let elapsed = clock.measure { step = engine.step(first.state, .line("yes")) }
        let message = "Stopped: flow 'spin' ran too many steps at node 'bump' without asking anything."
        #expect(step?.events.contains(.notice(message)) == true)
        #expect(step?.state.status == .abandoned)
        #expect(elapsed < .seconds(2))
    }

    @Test func loopThatAsksNothingBeforeTheFirstQuestionIsRefusedAtStart() {
        let text = Self.spinning.replacingOccurrences(of: "start: q", with: "start: bump")
        let (library, _) = library([("spin.yaml", text)])
        #expect(throws: EngineError.runaway(flow: "spin", node: "bump")) {
            _ = try Engine(library: library).start(flow: "spin", seed: 1)
        }
    }

    @Test func loopNodeWithoutABodyQuestionIsBoundedByItsMax() throws {
        let text = """
            id: counting
            title: Counting
            start: l
            variables:
              n: {type: number, default: 0}
            nodes:
              l:
                loop: {while: "true", do: body, max: 100000}
                next: done
              body: {set: {n: "n + 1"}, next: l}
              done: {end: "Counted {{n}}."}
            """
        let (library, diagnostics) = library([("counting.yaml", text)])
        #expect(diagnostics.filter { $0.contains("error") } == [])
        #expect(throws: EngineError.runaway(flow: "counting", node: "l")) {
            _ = try Engine(library: library).start(flow: "counting", seed: 1)
        }
    }
}
