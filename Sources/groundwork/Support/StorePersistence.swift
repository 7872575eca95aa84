import GroundworkCore
import GroundworkStore
import GroundworkTerminal

/// Saves a session through GroundworkStore after every turn: the state, and the transcript as the
/// person saw it (their lines, then the coach's).
final class StorePersistence: SessionPersistence {
    private let writer: UserWriter
    private let flowTitle: String
    /// The session's record as last written, without its state: the runner owns the state, and a
    /// second reference kept here would make the runner's next append copy the whole session.
    private var record: SessionRecord?
    /// Inputs already in the transcript; /back shortens the list and adds no line.
    private var inputsRecorded: Int
    /// What the last write held, to skip a save that would change nothing (leaving right after a turn).
    private var written: Written?

    private struct Written: Equatable {
        var inputs: Int
        var answers: Int
        var status: SessionState.Status
        var cursor: Cursor
        var waitingReflection: String?
        var followUp: FollowUp?
        var awaitingChoice: Bool
        var awaitingCheck: Bool

        init(_ state: SessionState) {
            inputs = state.inputs.count
            answers = state.answers.count
            status = state.status
            cursor = state.cursor
            waitingReflection = state.waitingReflection
            followUp = state.followUp
            awaitingChoice = state.safety.awaitingChoice
            awaitingCheck = state.safety.awaitingCheck
        }
    }

    init(writer: UserWriter, flowTitle: String, record: SessionRecord? = nil) {
        self.writer = writer
        self.flowTitle = flowTitle
        self.record = record.map(Self.withoutState)
        self.inputsRecorded = record?.state.inputs.count ?? 0
        self.written = record.map { Written($0.state) }
    }

    /// The store's `WriteGuard`, for the whole turn rather than only the write.
    func holdingSignals<T>(_ turn: () throws -> T) rethrows -> T {
        try WriteGuard.holding(turn)
    }

    func save(_ state: SessionState, _ events: [Event]) throws {
        let now = Timestamp.now()
        var entries: [TranscriptEntry] = []
        if state.inputs.count > inputsRecorded {
            entries += state.inputs[inputsRecorded...].map { TranscriptEntry.personLine(for: $0, at: now) }
        }
        inputsRecorded = state.inputs.count
        entries += TranscriptEntry.coachLines(for: events, at: now)
        // Leaving at the end of input saves again what the last turn just saved: skip that write
        // (and its two fsyncs); only the record's time would change.
        if entries.isEmpty, written == Written(state) { return }
        do throws(StoreError) {
            let current: SessionRecord
            if var next = takeRecord() {
                next.state = state
                next.transcript += entries
                do {
                    try writer.save(&next, now: now)
                } catch {
                    next.transcript.removeLast(entries.count)
                    record = Self.withoutState(next)
                    throw error
                }
                current = next
            } else {
                current = try writer.createSession(flowID: state.flowID, flowTitle: flowTitle, flowHash: state.flowHash,
                                                   state: state, transcript: entries, now: now)
            }
            written = Written(state)
            record = Self.withoutState(current)
        } catch {
            throw AppError(error)
        }
    }

    /// The held record, no longer held, so the transcript's storage has one owner and grows in place.
    private func takeRecord() -> SessionRecord? {
        defer { record = nil }
        return record
    }

    /// `record` with an empty state in place of the session's (the next save puts the real one back).
    private static func withoutState(_ record: SessionRecord) -> SessionRecord {
        var record = record
        record.state = SessionState(flowID: record.state.flowID, flowHash: record.state.flowHash, seed: record.state.seed)
        return record
    }
}

extension AppError {
    /// A store failure with its documented exit status.
    init(_ error: StoreError) {
        switch error {
        case .locked: self.init(error.description, status: .locked)
        case .invalidUserName: self.init(error.description, status: .usage)
        case .unreadable: self.init(error.description, status: .unreadableState)
        default: self.init(error.description)
        }
    }
}
