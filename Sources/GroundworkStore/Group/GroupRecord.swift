import GroundworkCore

/// One group exercise as stored in `groups/<started-at>-<exercise>-<id>.json`: the whole group state
/// (the source of truth for resuming) and the session file of each participant, which holds that
/// person's own contributions in their own user folder.
public struct GroupRecord: Sendable, Hashable, Codable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var id: String
    public var exerciseID: String
    public var exerciseTitle: String
    public var startedAt: Timestamp
    public var updatedAt: Timestamp
    /// Mirrors `state.status` on every save.
    public var status: SessionState.Status
    /// Session file name (in `users/<name>/sessions/`) of each participant.
    public var participantSessions: [String: String]
    public var state: GroupState

    public init(id: String, exerciseID: String, exerciseTitle: String, startedAt: Timestamp, state: GroupState) {
        self.schemaVersion = GroupRecord.currentSchemaVersion
        self.id = id
        self.exerciseID = exerciseID
        self.exerciseTitle = exerciseTitle
        self.startedAt = startedAt
        self.updatedAt = startedAt
        self.status = state.status
        self.participantSessions = [:]
        self.state = state
    }

    /// `<started-at>-<exercise>-<id>.json`, so names sort by start.
    public var fileName: String {
        "\(startedAt.fileNameStamp)-\(SessionRecord.safeComponent(exerciseID))-\(SessionRecord.safeComponent(id)).json"
    }
}

extension DataLocation {
    /// `<root>/groups`: one file per group exercise, linking its participants' sessions.
    public var groupsFolder: String { DataLocation.join(root, "groups") }
}
