import Testing
@testable import GroundworkCore

/// `rules:` transcripts: each user line answered by the rule set, the safety set first when asked.
struct TranscriptRulesTests {
    static func library() throws -> ScriptLibrary {
        let (library, diagnostics) = ScriptLibrary.load(
            scripts: [SourceFile(path: "safety.yaml", text: EngineSafetyTests.safetyRules),
                      SourceFile(path: "listening.yaml", text: EngineSafetyTests.listening)],
            prompts: [])
        #expect(diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        return library
    }

    @Test func aRulesTranscriptWithSafetyOnPasses() throws {
        let text = """
            rules: listening
            safety: on
            ---
            > I remember my first job
            Do you often think of your first job?
            > I could kill for a holiday
            You matter.
            > nothing much
            Please go on.

            """
        let result = TranscriptRunner.run(file: SourceFile(path: "l.transcript", text: text), library: try Self.library())
        #expect(result.diff == "")
        #expect(result.passed)
    }

    @Test func withoutSafetyTheRuleSetAnswersAlone() throws {
        let text = "rules: listening\n---\n> I could kill for a holiday\nYou matter.\n"
        let result = TranscriptRunner.run(file: SourceFile(path: "l.transcript", text: text), library: try Self.library())
        #expect(!result.passed)
        #expect(result.recorded == "rules: listening\n---\n> I could kill for a holiday\nPlease go on.\n")
    }

    @Test func anUnknownRuleSetIsReported() throws {
        let result = TranscriptRunner.run(file: SourceFile(path: "l.transcript", text: "rules: nope\n---\n> hi\n"), library: try Self.library())
        #expect(result.recorded == "rules: nope\n---\nerror: no rule set named 'nope'\n> hi\n")
    }
}
