import GroundworkCore
import GroundworkStore
import GroundworkTerminal

/// Saves a session through GroundworkStore after every turn: the state, and the transcript as the
/// person saw it (their lines, then the coach's).
final class StorePersistence: SessionPersistence {
    private let writer: UserWriter
    private let flowTitle: String
    private(set) var record: SessionRecord?
    /// Inputs already in the transcript; /back shortens the list and adds no line.
    private var inputsRecorded: Int

    init(writer: UserWriter, flowTitle: String, record: SessionRecord? = nil) {
        self.writer = writer
        self.flowTitle = flowTitle
        self.record = record
        self.inputsRecorded = record?.state.inputs.count ?? 0
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
        if entries.isEmpty, let record, record.state == state { return }
        do throws(StoreError) {
            if var current = record {
                current.state = state
                current.transcript += entries
                try writer.save(&current, now: now)
                record = current
            } else {
                record = try writer.createSession(flowID: state.flowID, flowTitle: flowTitle, flowHash: state.flowHash,
                                                  state: state, transcript: entries, now: now)
            }
        } catch {
            throw AppError(error)
        }
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
