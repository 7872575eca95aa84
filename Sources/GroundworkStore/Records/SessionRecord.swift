import GroundworkCore

/// One session as stored in `users/<user>/sessions/<started-at>-<flow>-<id>.json`.
///
/// The engine's `SessionState` holds the cursor, variables, answers, inputs, safety events, seed and
/// summary; the record adds who, which flow, when, and the transcript as shown.
public struct SessionRecord: Sendable, Hashable, Codable {
    /// The schema this build writes. Version 1 is the earlier flat layout (see `SessionRecordV1`).
    public static let currentSchemaVersion = 2

    public var schemaVersion: Int
    /// Short random id, unique per user.
    public var id: String
    public var user: String
    public var flowID: String
    public var flowTitle: String
    /// The flow file's content hash when the session began.
    public var flowHash: String
    /// Mirrors `state.status` on every save, so listings need not look inside `state`.
    public var status: SessionState.Status
    public var startedAt: Timestamp
    public var updatedAt: Timestamp
    public var state: SessionState
    public var transcript: [TranscriptEntry]
    /// Where the record was read from; not stored, and ignored when comparing records.
    public var origin = Origin()

    enum CodingKeys: String, CodingKey {
        case schemaVersion, id, user, flowID, flowTitle, flowHash, status, startedAt, updatedAt, state, transcript
    }

    public init(id: String, user: String, flowID: String, flowTitle: String, flowHash: String,
                startedAt: Timestamp, state: SessionState, transcript: [TranscriptEntry] = []) {
        self.schemaVersion = SessionRecord.currentSchemaVersion
        self.id = id
        self.user = user
        self.flowID = flowID
        self.flowTitle = flowTitle
        self.flowHash = flowHash
        self.status = state.status
        self.startedAt = startedAt
        self.updatedAt = startedAt
        self.state = state
        self.transcript = transcript
        self.origin = Origin()
    }

    /// `<started-at>-<flow>-<id>.json`, with a file-name-safe UTC time so names sort by start.
    public var fileName: String {
        "\(startedAt.fileNameStamp)-\(SessionRecord.safeComponent(flowID))-\(SessionRecord.safeComponent(id)).json"
    }

    /// Keeps `[A-Za-z0-9_-]`, replacing anything else, so a flow id can never leave the folder.
    static func safeComponent(_ text: String) -> String {
        let mapped = text.unicodeScalars.map { s -> Character in
            switch s {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return Character(s)
            default: return "_"
            }
        }
        return mapped.isEmpty ? "_" : String(String(mapped).prefix(64))
    }

    /// A new random session id: 12 lowercase hex digits.
    public static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() & 0xFFFF_FFFF_FFFF
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 12 - hex.count) + hex
    }
}

extension SessionRecord {
    /// The node the session waits at, if any.
    public var currentNode: String? { state.cursor.node }
    public var variables: [String: Value] { state.variables }
    public var answers: [Answer] { state.answers }
    public var seed: UInt64 { state.seed }
    public var summary: SessionSummary? { state.summary }
    public var safetyEvents: [SafetyEvent] { state.safety.events }
    /// Named scores of a completed session (empty otherwise).
    public var scores: [String: Value] { state.summary?.scores ?? [:] }
    public var isActive: Bool { status == .active }
    public var isCompleted: Bool { status == .completed }
}

/// Where a record was read from. Not part of the file; equal for every record, so that a record read
/// back compares equal to the one written.
public struct Origin: Sendable, Hashable {
    /// The file name in `sessions/` it was read from (nil for a new record).
    public var fileName: String?
    /// The older schema version the file had; the first write after a migration keeps a copy of it.
    public var migratedFrom: Int?

    public init(fileName: String? = nil, migratedFrom: Int? = nil) {
        self.fileName = fileName
        self.migratedFrom = migratedFrom
    }

    public static func == (lhs: Origin, rhs: Origin) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
