import Testing
@testable import GroundworkCore

struct TranscriptTests {
    static func parse(_ text: String) throws(TranscriptError) -> Transcript {
        try Transcript.parse(SourceFile(path: "t.transcript", text: text))
    }

    @Test func parsesHeaderCommentsAndTurns() throws {
        let t = try Self.parse("""
            # a comment
            flow: checkin   # trailing comment
            seed: 42
            ---
            Hello friend.

            > 12
            Which sector?
            >no space
            >
            done

            """)
        #expect(t.subject == .flow("checkin"))
        #expect(t.seed == 42)
        #expect(t.header.count == 4)
        #expect(t.opening == [Transcript.Line(text: "Hello friend.", number: 5)])
        #expect(t.inputs == ["12", "no space", ""])
        #expect(t.turns[0].expected == [Transcript.Line(text: "Which sector?", number: 8)])
        #expect(t.turns[2].expected.map(\.text) == ["done"])
    }

    @Test(arguments: [
        ("flow: a\nseed: 1\n", "t.transcript:3:1: error: missing '---' between the header and the conversation"),
        ("seed: 1\n---\n", "t.transcript:2:1: error: the header names no flow or rule set: add 'flow: ID' or 'rules: ID'"),
        ("flow: a\nseed: -3\n---\n", "t.transcript:2:7: error: seed must be a whole number from 0 to 18446744073709551615, found '-3'"),
        ("flow: a\n  colour: red\n---\n", "t.transcript:2:3: error: unknown header key 'colour' (expected flow, rules, seed, safety, user or previous)"),
        ("flow: a\nflow: b\n---\n", "t.transcript:2:1: error: duplicate header key 'flow'"),
        ("flow: a\nrules: b\n---\n", "t.transcript:2:1: error: a transcript names a flow or a rule set, not both"),
        ("rules: b\nsafety: maybe\n---\n", "t.transcript:2:9: error: safety must be 'on' or 'off', found 'maybe'"),
        ("rules: b\n---\nHello\n> hi\n", "t.transcript:3:1: error: a rule-set transcript starts with a '> ' line; found coach text before it"),
        ("flow: a\njust words\n---\n", "t.transcript:2:1: error: expected 'key: value' or '---', found 'just words'"),
        ("flow:\n---\n", "t.transcript:1:6: error: 'flow' needs an id"),
        ("rules: r\nuser: ana\n---\n", "t.transcript:2:1: error: 'user' applies to flow transcripts only"),
        ("flow: f\nsafety: on\n---\n", "t.transcript:2:1: error: 'safety' applies to rule-set transcripts only; flows always use the safety set"),
        ("flow: f\nprevious: first.transcript\n---\n",
         "t.transcript:2:11: error: previous must be 'FILE.transcript on YYYY-MM-DD, N days ago', found 'first.transcript'"),
        ("flow: f\nprevious: first.transcript on 2026-03-01, soon\n---\n",
         "t.transcript:2:11: error: previous must be 'FILE.transcript on YYYY-MM-DD, N days ago', found 'first.transcript on 2026-03-01, soon'"),
        ("rules: r\nprevious: a.transcript on 2026-03-01, 2 days ago\n---\n> hi\n", "t.transcript:2:1: error: 'previous' applies to flow transcripts only"),
    ])
    func parseErrorsNameLineAndColumn(_ text: String, _ message: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("expected a parse error")
        } catch {
            #expect(error.description == message)
        }
    }

    static var library: ScriptLibrary { RuntimeTests.EngineTests.checkinLibrary }

    static let passing = """
        flow: checkin
        seed: 5
        ---
        Hello friend.
        (question 1 of 3)
        Years in Check-in? 1/3
          (a whole number from 0 to 60)
        > lots
        Whole years from 0 to 60, friend.
        (question 1 of 3)
        Years in Check-in? 1/3
          (a whole number from 0 to 60)
        > 12
        (question 2 of 3)
        Which sector?
          1. Health
          2. Finance
        > /why
        node 'years' (ask, number): accepted '12', saved to years
        node 'sector' (ask, choice): waiting for an answer
        > /skip
        (Skipped.)
        (question 3 of 3)
        Shall we go on?
          (yes or no)
        > /back
        (Went back one answer.)
        (question 2 of 3)
        Which sector?
          1. Health
          2. Finance
        > fin
        Thank you, friend.
        friend: 12 years, band 24.
        Next step: Mentor someone.

        """

    @Test func aMatchingFlowTranscriptPasses() throws {
        let result = TranscriptRunner.run(try Self.parse(Self.passing), library: Self.library)
        #expect(result.diff == "")
        #expect(result.passed)
        #expect(result.recorded == Self.passing)
    }

    @Test func aFailingTranscriptShowsAUnifiedDiffWithLineNumbers() throws {
        let wrong = Self.passing.replacingOccurrences(of: "(question 3 of 3)", with: "(question 4 of 3)")
            .replacingOccurrences(of: "Next step: Mentor someone.", with: "Next step: Rest.\nAnd more.")
        let result = TranscriptRunner.run(try Self.parse(wrong), library: Self.library)
        #expect(!result.passed)
        #expect(result.diff == """
            t.transcript: transcript differs (- expected, + actual)
            @@ expected line 21, actual line 21 @@
             21 | > /skip
             22 | (Skipped.)
            -23 | (question 4 of 3)
            +23 | (question 3 of 3)
             24 | Shall we go on?
             25 |   (yes or no)
            @@ expected line 33, actual line 33 @@
             33 | Thank you, friend.
             34 | friend: 12 years, band 24.
            -35 | Next step: Rest.
            -36 | And more.
            +35 | Next step: Mentor someone.
            """)
        #expect(result.recorded == Self.passing)
    }

    @Test func recordProducesTheTranscriptFromItsInputs() throws {
        let skeleton = "# re-recorded\nflow: checkin\nseed: 5\n---\n> 3\n> 1\n> y\n"
        let text = TranscriptRunner.record(try Self.parse(skeleton), library: Self.library)
        #expect(text.hasPrefix("# re-recorded\nflow: checkin\nseed: 5\n---\nHello friend.\n"))
        #expect(TranscriptRunner.run(try Self.parse(text), library: Self.library).passed)
    }

    @Test func unknownFlowShowsAsAnErrorLine() throws {
        let result = TranscriptRunner.run(try Self.parse("flow: nope\n---\n> hi\n"), library: Self.library)
        #expect(!result.passed)
        #expect(result.recorded == "flow: nope\n---\nerror: no flow named 'nope'; 'groundwork flows' lists them\n> hi\n")
    }

    /// `previous:` plays the earlier transcript first and starts the flow with its `previous.` variables.
    @Test func aRepeatTranscriptStartsFromTheEarlierOnesAnswers() throws {
        let library = try RuntimeTests.KeepTests.library()
        let first = SourceFile(path: "d/first.transcript", text: "flow: f\n---\n> 30\n> 1\n> yes\n> 4\n> a long week\n")
        let skeleton = "flow: f\nprevious: first.transcript on 2026-03-01, 3 days ago\n---\n> \n> \n> \n> \n> \n"
        let earlier: (String) -> SourceFile? = { $0 == "first.transcript" ? first : nil }
        let recorded = TranscriptRunner.run(file: SourceFile(path: "d/again.transcript", text: skeleton), library: library, earlier: earlier).recorded
        #expect(recorded.contains("What share?\n(Last time: 30%. Press Enter to keep it, or type another answer.)"), "\(recorded)")
        #expect(recorded.contains("(Last time: 'a long week'. Press Enter to keep it, or type another answer.)"))
        #expect(TranscriptRunner.run(file: SourceFile(path: "d/again.transcript", text: recorded), library: library, earlier: earlier).passed)
        let missing = TranscriptRunner.run(file: SourceFile(path: "d/again.transcript", text: skeleton), library: library)
        #expect(missing.diff == "d/again.transcript: error: cannot read the previous transcript 'first.transcript'; give its path relative to this file")
        let unfinished = SourceFile(path: "d/first.transcript", text: "flow: f\n---\n> 30\n")
        let stopped = TranscriptRunner.run(file: SourceFile(path: "d/again.transcript", text: skeleton), library: library) { _ in unfinished }
        #expect(stopped.diff == "d/again.transcript: error: the previous transcript 'first.transcript' does not complete its flow")
    }

    @Test func runFileReportsParseErrorsAsFailures() {
        let result = TranscriptRunner.run(file: SourceFile(path: "x.transcript", text: "flow: a\n"), library: Self.library)
        #expect(!result.passed)
        #expect(result.diff == "x.transcript:2:1: error: missing '---' between the header and the conversation")
    }
}
