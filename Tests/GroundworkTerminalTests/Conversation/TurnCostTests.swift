import GroundworkCore
import Testing
@testable import GroundworkTerminal

/// A turn costs the same late in a long session as early on (issue 15): 8 times the lines take
/// about 8 times as long, where copying the session every turn makes it about 64 times (the copy
/// grows with the session). A bounded ratio, not an absolute time, so a slow machine does not fail
/// it; the bound (20) leaves room for a busy machine's noise and still catches a quadratic turn.
@Suite struct TurnCostTests {
    static let rules = SourceFile(path: "listening.yaml", text: """
        id: listening
        keywords:
          - word: job
            rank: 2
            memory: ["Earlier you said your job {2}."]
            patterns:
              - match: "* my job *"
                replies: ["Tell me more about your job.", "What is it about your job?"]
        fallback: ["Please go on."]
        """)

    static let journal = SourceFile(path: "journal.yaml", text: """
        id: journal
        title: Journal
        start: entries
        nodes:
          entries:
            loop: {while: "true", do: entry_q, max: 100000}
            next: done
          entry_q:
            ask: ""
            input: text
            next: listen
          listen:
            reflect: {rules: listening, wait: never}
            next: entries
          done:
            end: null
        """)

    static func lines(_ count: Int) -> [String] {
        (0..<count).map { $0 % 3 == 0 ? "i am tired of my job \($0)" : "another long day at work \($0)" }
    }

    /// The time for 8 times the lines, over the time for `small` lines (best of three runs each).
    static func ratio(small: Int, _ run: ([String]) throws -> Void) throws -> Double {
        func best(_ count: Int) throws -> Double {
            let input = lines(count)
            var times: [Duration] = []
            for _ in 0..<3 {
                let start = ContinuousClock.now
                try run(input)
                times.append(ContinuousClock.now - start)
            }
            let fastest = times.min() ?? .zero
            return Double(fastest.components.seconds) + Double(fastest.components.attoseconds) / 1e18
        }
        return try best(small * 8) / best(small)
    }

    @Test func journalWithoutSavingIsLinear() throws {
        let (library, _) = ScriptLibrary.load(scripts: [Self.rules], prompts: [])
        let listening = try #require(library.ruleSets["listening"])
        let ratio = try Self.ratio(small: 2_000) { lines in
            let runner = ConversationRunner.journal(listening: listening, safety: nil, state: JournalSession.newState(seed: 1),
                                       reader: ScriptedLineReader(lines: lines),
                                       renderer: Renderer(output: BufferOutput(), color: false, width: nil, decorate: false),
                                       persistence: DiscardingPersistence(), interactive: false, keepsEntries: false)
            _ = try runner.run()
        }
        #expect(ratio < 20, "16,000 lines took \(ratio) times as long as 2,000")
    }

    @Test func aFlowSessionIsLinear() throws {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [Self.rules, Self.journal], prompts: [])
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        let engine = Engine(library: library)
        let ratio = try Self.ratio(small: 1_000) { lines in
            let runner = ConversationRunner.flow(engine: engine, start: try engine.start(flow: "journal", seed: 1),
                                       reader: ScriptedLineReader(lines: lines),
                                       renderer: Renderer(output: BufferOutput(), color: false, width: nil, decorate: false),
                                       persistence: DiscardingPersistence(), interactive: false)
            _ = try runner.run()
        }
        #expect(ratio < 20, "8,000 lines took \(ratio) times as long as 1,000")
    }
}
