import GroundworkCore

/// Schema version 1: the earlier, flatter layout. Read and upgraded to the current schema; never
/// written. It kept only accepted answers (no separate inputs, listener memory or safety events), and
/// no flow title.
///
/// ```json
/// {"version": 1, "id": "…", "user": "…", "flow": "career-checkin", "flowHash": "…",
///  "status": "active", "started": "2026-01-10T09:00:00.000Z", "updated": "…", "seed": 42,
///  "node": "years", "variables": {…},
///  "answers": [{"node": "role", "question": "…", "answer": "nurse", "value": "nurse", "variable": "job_title"}],
///  "transcript": [{"at": "…", "who": "coach", "text": "…"}],
///  "summary": {"text": "…", "nextStep": "quarterly-checkin", "scores": {…}}}
/// ```
struct SessionRecordV1: Decodable {
    struct AnswerV1: Decodable {
        var node: String
        var question: String
        var answer: String
        var value: Value
        var variable: String?
    }

    struct LineV1: Decodable {
        var at: Timestamp
        var who: TranscriptEntry.Speaker
        var text: String
    }

    struct SummaryV1: Decodable {
        var text: String
        var nextStep: String?
        var scores: [String: Value]?
    }

    var version: Int
    var id: String
    var user: String
    var flow: String
    var flowHash: String
    var status: SessionState.Status
    var started: Timestamp
    var updated: Timestamp
    var seed: UInt64
    var node: String?
    var variables: [String: Value]
    var answers: [AnswerV1]
    var transcript: [LineV1]
    var summary: SummaryV1?

    /// The same session in the current schema. Inputs are rebuilt from the accepted answers, which
    /// is what version 1 replayed from.
    func upgraded() -> SessionRecord {
        var state = SessionState(flowID: flow, flowHash: flowHash, seed: seed)
        state.status = status
        state.cursor = Cursor(flowID: flow, node: node, returnStack: [])
        state.variables = variables
        state.answers = answers.map {
            Answer(flowID: flow, nodeID: $0.node, question: $0.question, raw: $0.answer, value: $0.value, variable: $0.variable)
        }
        state.inputs = answers.map { .line($0.answer) }
        if let summary {
            state.summary = SessionSummary(text: summary.text, nextStepID: summary.nextStep, nextStepText: nil,
                                           scores: summary.scores ?? [:])
        }
        var record = SessionRecord(id: id, user: user, flowID: flow, flowTitle: flow, flowHash: flowHash,
                                   startedAt: started, state: state,
                                   transcript: transcript.map { TranscriptEntry(time: $0.at, speaker: $0.who, text: $0.text) })
        record.updatedAt = updated
        record.origin.migratedFrom = version
        return record
    }
}
