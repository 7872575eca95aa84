import GroundworkCore

/// The part of a session file that listings need: decoding it skips building the transcript,
/// answers and inputs.
public struct SessionHeader: Sendable, Hashable, Codable {
    public var schemaVersion: Int
    public var id: String
    public var user: String
    public var flowID: String
    public var flowTitle: String
    public var status: SessionState.Status
    public var startedAt: Timestamp
    public var updatedAt: Timestamp
    /// Scores of a completed session.
    public var scores: [String: Value]
    public var nextStepID: String?
    public var nextStepText: String?
    /// The person's intention, when the flow records one (what the next session follows up).
    public var intention: String?
    /// The earlier commitment this session followed up, and how it went.
    public var followUp: FollowUp?
    /// Answers given so far (for the headline of an unfinished session).
    public var answerCount: Int
    /// The file's name inside `sessions/`.
    public var fileName: String

    public init(record: SessionRecord, fileName: String) {
        schemaVersion = record.schemaVersion
        id = record.id
        user = record.user
        flowID = record.flowID
        flowTitle = record.flowTitle
        status = record.status
        startedAt = record.startedAt
        updatedAt = record.updatedAt
        scores = record.scores
        nextStepID = record.summary?.nextStepID
        nextStepText = record.summary?.nextStepText
        intention = record.summary?.intention
        followUp = record.state.followUp
        answerCount = record.answers.count
        self.fileName = fileName
    }
}

/// The shape decoded from a session file for a header; nested keys not listed are skipped.
struct SessionHeaderProbe: Decodable {
    struct StateProbe: Decodable {
        var summary: SessionSummary?
        var answers: [Skip]
        var followUp: FollowUp?
    }

    /// Accepts any JSON value without building it.
    struct Skip: Decodable {
        init(from decoder: Decoder) throws {}
    }

    var schemaVersion: Int
    var id: String
    var user: String
    var flowID: String
    var flowTitle: String
    var status: SessionState.Status
    var startedAt: Timestamp
    var updatedAt: Timestamp
    var state: StateProbe

    func header(fileName: String) -> SessionHeader {
        var record = SessionRecord(id: id, user: user, flowID: flowID, flowTitle: flowTitle, flowHash: "",
                                   startedAt: startedAt, state: SessionState(flowID: flowID, flowHash: "", seed: 0))
        record.schemaVersion = schemaVersion
        record.status = status
        record.updatedAt = updatedAt
        record.state.summary = state.summary
        record.state.followUp = state.followUp
        var header = SessionHeader(record: record, fileName: fileName)
        header.answerCount = state.answers.count
        return header
    }
}
