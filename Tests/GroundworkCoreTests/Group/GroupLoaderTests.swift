import Testing
@testable import GroundworkCore

struct GroupLoaderTests {
    static func load(_ text: String) -> (GroupExercise?, [String]) {
        let (exercise, diagnostics) = GroupLoader.load(SourceFile(path: "g.yaml", text: text), library: ScriptLibrary())
        return (exercise, diagnostics.map(\.description))
    }

    static let valid = """
        kind: group-exercise
        id: mini
        title: Mini
        anonymous: true
        participants: {min: 3, max: 6}
        steps:
          - id: idea
            ask: "Your idea?"
            private: true
            timebox: 1m30s
          - id: pick
            ask: "Pick one"
            input: {choice: [red, blue]}
            to: pairs
            record: decision
          - id: see
            say: "All ideas:"
            show: idea
          - id: vote
            vote: {on: idea, dots: 2, choose: 1, record: next-step}
          - id: count
            tally: pick
          - id: talk
            discuss: "Talk."
            timebox: 2m
        """

    @Test func loadsEveryStepKind() throws {
        let (exercise, diagnostics) = GroupLoaderTests.load(GroupLoaderTests.valid)
        #expect(diagnostics.isEmpty)
        let loaded = try #require(exercise)
        #expect(loaded.id == "mini" && loaded.anonymous && loaded.minParticipants == 3 && loaded.maxParticipants == 6)
        #expect(loaded.steps.map(\.id) == ["idea", "pick", "see", "vote", "count", "talk"])
        #expect(loaded.steps[0].timebox == 90)
        #expect(loaded.steps[0].title == "Idea")
        guard case .ask(let idea) = loaded.steps[0].kind, case .ask(let pick) = loaded.steps[1].kind,
              case .show("idea") = loaded.steps[2].kind, case .vote(let vote) = loaded.steps[3].kind,
              case .tally("pick") = loaded.steps[4].kind, case .discuss = loaded.steps[5].kind else {
            Issue.record("wrong step kinds")
            return
        }
        #expect(idea.isPrivate && idea.audience == .each && idea.record == .contribution)
        #expect(pick.audience == .pairs && pick.record == .decision)
        #expect(vote.on == "idea" && vote.dots == 2 && vote.choose == 1 && vote.record == .nextStep)
        #expect(loaded.steps[2].intro != nil)
        #expect(!loaded.contentHash.isEmpty)
    }

    @Test(arguments: [
        ("  - id: x\n    ask: q\n    to: trios\n", "g.yaml:9:9: error: unknown audience 'trios'"),
        ("  - id: x\n    ask: q\n    timebox: soon\n", "g.yaml:9:14: error: expected a duration such as '90s', '2m' or '1m30s' for 'timebox', found 'soon'"),
        ("  - id: x\n    show: nowhere\n", "g.yaml:8:11: error: unknown earlier step 'nowhere'"),
        ("  - id: x\n    vote: {on: pick, dots: 2}\n", "g.yaml:8:16: error: step 'pick' does not take free text, so there is nothing to vote on"),
        ("  - id: x\n    vote: {on: talk}\n", "g.yaml:8:16: error: step 'talk' asks nothing, so it has no answers to use"),
        ("  - id: pick\n    say: again\n", "g.yaml:7:9: error: duplicate step id 'pick'"),
        ("  - id: x\n    ask: q\n    colour: red\n", "g.yaml:9:5: error: unknown key 'colour'"),
        ("  - id: x\n    ask: q\n    vote: {on: pick}\n", "g.yaml:9:11: error: a step has one kind, found 'ask' and 'vote'"),
        ("  - id: x\n    title: Nothing\n", "g.yaml:7:5: error: a step needs one of 'say', 'discuss', 'ask', 'vote', 'show', 'tally', 'spread'"),
        ("  - id: Bad_Id\n    say: hi\n", "g.yaml:7:9: error: step id 'Bad_Id' may only hold a-z, 0-9 and '-'"),
        ("  - id: x\n    ask: q\n    input: {scale: {min: 1}}\n", "g.yaml:9:13: error: missing key 'max'"),
    ])
    func reportsProblems(_ step: String, _ message: String) {
        let text = """
            kind: group-exercise
            id: bad
            title: Bad
            steps:
              - {id: pick, ask: "Pick", input: {choice: [a, b]}}
              - {id: talk, discuss: "Talk"}

            """ + step
        let (exercise, diagnostics) = GroupLoaderTests.load(text)
        #expect(exercise == nil)
        #expect(diagnostics.contains { $0.hasPrefix(message) }, "\(diagnostics)")
    }

    @Test func reportsTopLevelProblems() {
        let (exercise, diagnostics) = GroupLoaderTests.load("kind: group-exercise\nid: x y\nparticipants: {min: 5, max: 2}\nsteps: []\n")
        #expect(exercise == nil)
        #expect(diagnostics.contains("g.yaml:1:1: error: missing key 'title'"))
        #expect(diagnostics.contains("g.yaml:2:5: error: exercise id 'x y' may only hold a-z, 0-9 and '-'"))
        #expect(diagnostics.contains("g.yaml:3:15: error: participants min 5 is more than max 2"))
        #expect(diagnostics.contains("g.yaml:4:8: error: 'steps' is empty; an exercise needs at least one step"))
    }

    @Test func unknownPromptTemplateIsAnError() {
        let (_, diagnostics) = GroupLoaderTests.load("kind: group-exercise\nid: x\ntitle: X\nsteps:\n  - id: a\n    say: {prompt: group/nothing}\n")
        #expect(diagnostics == ["g.yaml:6:19: error: unknown prompt template 'group/nothing'"])
    }

    @Test(arguments: [("kind: group-exercise\nid: x\n", true), ("kind: 'group-exercise' # c\n", true),
                      ("id: x\nnodes: {}\n", false), ("kind: task-classifier\n", false)])
    func recognisesGroupFiles(_ text: String, _ isGroup: Bool) {
        #expect(GroupLoader.isGroupExercise(SourceFile(path: "x.yaml", text: text)) == isGroup)
    }
}
