import Testing
@testable import GroundworkCore

/// The journal's logic, without a terminal: one reply per line, the safety net first, entries kept
/// or only counted, the summary at `/done`.
struct JournalSessionTests {
    static func session(keepsEntries: Bool = true, safety: Bool = false) throws -> JournalSession {
        let rules = SourceFile(path: "listening.yaml", text: """
            id: listening
            keywords:
              - word: work
                group: work
                patterns:
                  - match: "*"
                    replies: ["Tell me about work."]
            fallback: ["Please go on."]
            """)
        let (library, diagnostics) = ScriptLibrary.load(scripts: [rules], prompts: [])
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let listening = try #require(library.ruleSets["listening"])
        return JournalSession(listening: listening, safety: safety ? try SafetyNetTests.net() : nil,
                              state: JournalSession.newState(seed: 1), keepsEntries: keepsEntries)
    }

    @Test(arguments: [("work again", "Tell me about work."), ("and the rest", "Please go on.")])
    func eachLineGetsOneReply(_ line: String, _ reply: String) throws {
        var session = try Self.session()
        #expect(session.write(line) == .reflect(reply))
        #expect(session.state.answers.map(\.raw) == [line])
    }

    @Test func withoutSavingEntriesAreCountedNotKept() throws {
        var session = try Self.session(keepsEntries: false)
        _ = session.write("work again")
        _ = session.write("more")
        #expect(session.state.answers.isEmpty && session.state.inputs.isEmpty)
        #expect(session.summaryText == "You wrote 2 entries. Themes that came up: work.")
    }

    @Test func doneCompletesWithTheSummary() throws {
        var session = try Self.session()
        _ = session.write("work again")
        #expect(session.finish() == [.summary("You wrote 1 entry. Themes that came up: work."), .end])
        #expect(session.isFinished)
        #expect(session.state.summary?.text == "You wrote 1 entry. Themes that came up: work.")
    }

    @Test func theSafetyNetAnswersBeforeTheRules() throws {
        var session = try Self.session(safety: true)
        guard case .reflect(let text) = session.write("i want to kill myself tonight") else {
            Issue.record("no reply")
            return
        }
        #expect(text != "Please go on." && !text.contains("\n"))
        #expect(session.state.why?.isEmpty == false)
    }
}
