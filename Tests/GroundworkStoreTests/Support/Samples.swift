import GroundworkCore
@testable import GroundworkStore

/// Sessions with every field filled, for round trips and reports.
enum Samples {
    static let start = Timestamp(parsing: "2026-11-23T09:15:42.123Z") ?? Timestamp(millisecondsSince1970: 0)

    static func state(answers: Int = 3, completed: Bool = false, exposure: Double? = nil) -> SessionState {
        var state = SessionState(flowID: "career-checkin", flowHash: "abc123", seed: 42)
        state.random = 987_654_321
        state.cursor = Cursor(flowID: "task-detail", node: "hours", returnStack: [Cursor.Frame(flowID: "career-checkin", returnNode: "next_task")])
        state.variables = ["years": .number(4), "job_title": .string("nurse"), "task_names": .list([.string("charting"), .string("rounds")]),
                           "go_on": .bool(true), "nothing": .null, "exposure.beta": .number(0.456)]
        for i in 0..<answers {
            state.answers.append(Answer(flowID: "career-checkin", nodeID: "q\(i)", question: "Question \(i)?", raw: "answer \(i)",
                                        value: .string("answer \(i)"), variable: i % 2 == 0 ? "v\(i)" : nil))
            state.inputs.append(.line("answer \(i)"))
        }
        state.inputs.append(.skip)
        state.inputs.append(.finish)
        state.reasks = 1
        state.questionsDone = answers
        state.startVariables = ["user": .string("ada"), "tags": .list([.string("x")])]
        state.loopPasses = ["career-checkin/tasks_loop": 2]
        state.listeners = ["listening": ListenerMemory(rotation: ["listening/my/0": 1], remarks: ["Earlier you said your job."])]
        state.lastText = "I like my job"
        state.explanation = "keyword 'my'"
        var event = SafetyEvent(category: "self-harm", nodeID: "role", inputIndex: 1, choice: "continue")
        (event.tier, event.rule, event.screen, event.concepts, event.answer) = (.check, "preparations", "preparatory", ["preparing"], "not a clear no")
        state.safety = SafetyState(events: [event, SafetyEvent(category: "suicide", nodeID: nil, inputIndex: 2)], awaitingChoice: false,
                                   awaitingCheck: true, heldLine: "a held line")
        if completed {
            state.status = .completed
            state.cursor.node = nil
            var scores: [String: Value] = ["ground.ownership": .number(1), "tasks": .list([.string("charting")])]
            if let exposure {
                scores["exposure.score"] = .number(exposure)
                scores["exposure.band"] = .number(3)
            }
            state.summary = SessionSummary(text: "You hold ground in care.", nextStepID: "own-an-outcome",
                                           nextStepText: "Pick one result you could own.", scores: scores)
        }
        return state
    }

    static func record(answers: Int = 3, completed: Bool = false, exposure: Double? = nil,
                       start: Timestamp = Samples.start, id: String = "0123456789ab") -> SessionRecord {
        var record = SessionRecord(id: id, user: "ada", flowID: "career-checkin", flowTitle: "Career check-in",
                                   flowHash: "abc123", startedAt: start, state: state(answers: answers, completed: completed, exposure: exposure))
        record.status = record.state.status
        record.updatedAt = Timestamp(millisecondsSince1970: start.millisecondsSince1970 + 60_000)
        for i in 0..<answers {
            let t = Timestamp(millisecondsSince1970: start.millisecondsSince1970 + Int64(i) * 1000)
            record.transcript.append(TranscriptEntry(time: t, speaker: .coach, text: "Question \(i)?"))
            record.transcript.append(TranscriptEntry(time: t, speaker: .person, text: "answer \(i) — with \"quotes\"\nand a newline"))
        }
        return record
    }
}
