import GroundworkCore
import Testing
@testable import GroundworkStore

@Suite struct ResumePlanTests {
    static let record = Samples.record()   // active, hash "abc123", waiting at task-detail/hours

    @Test(arguments: [
        ("abc123", true, ResumePlan.continueAsIs),
        ("changed", true, .flowChanged(node: "hours")),
        ("changed", false, .nodeGone(flowID: "task-detail", node: "hours")),
    ] as [(String, Bool, ResumePlan)])
    func plans(_ hash: String, _ nodeExists: Bool, _ expected: ResumePlan) {
        var asked: [String] = []
        let plan = ResumePlan.plan(for: Self.record, currentFlowHash: hash) { flow, node in
            asked.append("\(flow)/\(node)")
            return nodeExists
        }
        #expect(plan == expected)
        if hash != "abc123" { #expect(asked == ["task-detail/hours"]) }
    }

    @Test func flowRemovedOrSessionFinished() {
        #expect(ResumePlan.plan(for: Self.record, currentFlowHash: nil) { _, _ in true } == .nodeGone(flowID: "career-checkin", node: "hours"))
        #expect(ResumePlan.plan(for: Samples.record(completed: true), currentFlowHash: "abc123") { _, _ in true } == .finished)
    }
}

@Suite struct TranscriptEventsTests {
    @Test func coachLinesFollowEvents() {
        let t = Samples.start
        let lines = TranscriptEntry.coachLines(for: [
            .say("Hello."), .ask(Prompt(text: "Which sector?", kind: .choice, options: ["Health", "Finance"], nodeID: "sector")),
            .nextStep(id: "x", text: "Do it."), .end,
        ], at: t)
        #expect(lines.map(\.text) == ["Hello.", "Which sector?\n  1. Health\n  2. Finance", "Next step: Do it."])
        #expect(lines.allSatisfy { $0.speaker == .coach && $0.time == t })
        #expect(TranscriptEntry.personLine(for: .skip, at: t).text == "/skip")
    }
}
