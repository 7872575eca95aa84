import Testing
@testable import GroundworkCore

/// Transcripts over flows loaded from YAML, the way `groundwork test` runs them.
struct TranscriptRunnerTests {
    static let flow = """
        id: week-review
        title: Week review
        start: intro
        variables:
          tasks: {type: list, default: []}
          more: {type: bool, default: true}
        scores:
          - busy: "len(tasks) * 10"
        summary: "{{user}}, {{flow.title}}: energy {{energy}}, busy {{busy}}. {{next_step.text}}"
        next_steps:
          - if: "energy <= 2"
            step: rest
            say: "Plan one evening off."
          - else: keep-going
            say: "Keep the rhythm."
        nodes:
          intro:
            say: "Hello {{user}}."
            next: energy
          energy:
            ask: "Energy this week?"
            input: {scale: {min: 1, max: 5, labels: [drained, full]}}
            save: energy
            next: tasks_loop
          tasks_loop:
            loop: {while: "more", do: task, max: 3, counter: count}
            next: picks
          task:
            ask: "Task {{progress.index}}: what took your time?"
            input: text
            save: task
            next: add
          add:
            set: {tasks: "tasks + [task]"}
            next: again
          again:
            ask: "Another?"
            input: yesno
            save: more
            next: tasks_loop
          picks:
            ask: "Which helped?"
            input: {multi: {options: [sleep, friends, walks], min: 1, max: 2}}
            save: picks
            next: done
          done:
            end: "Thanks."
        """

    static func library() throws -> ScriptLibrary {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "week-review.yaml", text: flow)], prompts: [])
        #expect(diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        return library
    }

    static let golden = """
        flow: week-review
        seed: 3
        user: ana
        ---
        Hello ana.
        (about 4 questions left)
        Energy this week?
          (1 = drained … 5 = full)
        > 6
        Please give a whole number from 1 to 5.
        (about 4 questions left)
        Energy this week?
          (1 = drained … 5 = full)
        > 2
        (round 1 · about 3 questions left)
        Task 2: what took your time?
        > reports
        (round 1 · about 2 questions left)
        Another?
          (yes or no)
        > yep
        (round 2 · about 3 questions left)
        Task 4: what took your time?
        > meetings
        (round 2 · about 2 questions left)
        Another?
          (yes or no)
        > no
        (question 6 of 6)
        Which helped?
          1. sleep
          2. friends
          3. walks
          (numbers or names, separated by commas)
        > 1, walks
        Thanks.
        ana, Week review: energy 2, busy 20. Plan one evening off.
        Next step: Plan one evening off.

        """

    @Test func aYAMLFlowPlaysItsGoldenTranscript() throws {
        let result = TranscriptRunner.run(file: SourceFile(path: "week-review.transcript", text: Self.golden), library: try Self.library())
        #expect(result.diff == "")
        #expect(result.passed)
    }
}


/// `rules:` transcripts: each user line answered by the rule set, the safety set first when asked.
struct TranscriptRunnerRulesTests {
    static func library() throws -> ScriptLibrary {
        let (library, diagnostics) = ScriptLibrary.load(
            scripts: [SourceFile(path: "safety.yaml", text: RuntimeTests.EngineSafetyTests.safetyRules),
                      SourceFile(path: "listening.yaml", text: RuntimeTests.EngineSafetyTests.listening)],
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
            \(SafetyNet.builtInMessage)
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
