import Foundation
import GroundworkCore
import GroundworkRoom
import GroundworkStore
import Synchronization

/// The group file and participants' sessions of a hosted room: the first save (at `/start`)
/// creates the record.
///
/// The group file is written on every save, before the save returns: it is what `--resume` reads
/// and what an acknowledgement promises. Participants' own session files are rebuilt from it, so
/// they are written behind, on a thread of their own (not Dispatch's, which the room's sockets
/// need), at most once a second (and at each new step, at the end, and when the host leaves):
/// fifty answers at once would otherwise be fifty more durable writes, and a new step fifty more
/// before the answer that finished the last one is acknowledged. A write behind that fails stops
/// the next save, as a failed group file would.
final class RoomSaving: Sendable {
    private struct Files {
        var writer: GroupWriter
        var record: GroupRecord?
        /// Nil: every participant's session file is due (the first save, or after a resume).
        var due: Set<String>?
        var writtenAt = ContinuousClock.now
        var step = -1
    }

    /// Session files waiting to be written behind: the newest record and everyone due in it.
    private struct Behind {
        var record: GroupRecord?
        var writer: GroupWriter?
        var names: Set<String> = []
        var scheduled = false
        var failure: String?
    }

    private let exercise: GroupExercise
    private let files: Mutex<Files>
    private let behind = Mutex(Behind())
    /// Shared by every room of the process: one room is hosted at a time.
    private static let lane = DiskLane()
    static let participantsEvery = Duration.seconds(1)

    init(exercise: GroupExercise, writer: GroupWriter, record: GroupRecord?) {
        self.exercise = exercise
        files = Mutex(Files(writer: writer, record: record, due: nil))
    }

    func save(_ result: GroupResult) throws {
        if let failure = behind.withLock({ $0.failure }) { throw AppError("a participant's session file could not be saved: \(failure)") }
        try files.withLock { (files: inout Files) throws in
            var record = files.record ?? GroupRecord(id: SessionRecord.newID(), exerciseID: exercise.id, exerciseTitle: exercise.title,
                                                     startedAt: .now(), state: result.state)
            record.state = result.state
            files.due = files.due.map { $0.union(result.touched) }
            let now = ContinuousClock.now
            let participantsToo = files.due == nil || now - files.writtenAt >= RoomSaving.participantsEvery
                || result.state.stepIndex != files.step || result.state.status != .active
            let names = participantsToo ? (files.due.map { Array($0) } ?? record.state.participants.map(\.name)).sorted() : []
            do throws(StoreError) {
                try files.writer.saveGroupFile(&record, exercise: exercise, creatingSessionsFor: names)
            } catch {
                throw AppError(error)
            }
            files.record = record
            if participantsToo {
                files.due = []
                files.writtenAt = now
                files.step = result.state.stepIndex
                writeBehind(record, names: names, writer: files.writer)
            }
        }
    }

    /// Queues the session files of `names`, to be written from `record` (or a newer one).
    private func writeBehind(_ record: GroupRecord, names: [String], writer: GroupWriter) {
        let start = behind.withLock { behind -> Bool in
            behind.record = record
            behind.writer = writer
            behind.names.formUnion(names)
            defer { behind.scheduled = true }
            return !behind.scheduled
        }
        guard start else { return }
        RoomSaving.lane.submit { [self] in
            while let job = behind.withLock({ behind -> (record: GroupRecord, writer: GroupWriter, names: Set<String>)? in
                guard let record = behind.record, let writer = behind.writer, !behind.names.isEmpty else {
                    behind.scheduled = false
                    return nil
                }
                defer { behind.names = [] }
                return (record, writer, behind.names)
            }) {
                do {
                    try WriteGuard.holding { () throws(StoreError) in
                        try job.writer.saveSessions(job.record, exercise: exercise, names: job.names.sorted())
                    }
                } catch {
                    behind.withLock { $0.failure = "\(error)" }
                }
            }
        }
    }

    /// Writes the session files still due (the host is leaving), once those queued are written.
    func finish() throws {
        RoomSaving.lane.drain()
        if let failure = behind.withLock({ $0.failure }) { throw AppError("a participant's session file could not be saved: \(failure)") }
        try files.withLock { (files: inout Files) throws in
            guard var record = files.record, files.due?.isEmpty != true else { return }
            do throws(StoreError) {
                try files.writer.save(&record, exercise: exercise, touched: files.due)
            } catch {
                throw AppError(error)
            }
            files.record = record
            files.due = []
        }
    }

    /// Takes the lock of someone joining: busy in another groundwork process, they cannot join.
    func admit(_ name: String) throws {
        try files.withLock { (files: inout Files) throws in
            do throws(StoreError) { try files.writer.addParticipant(name) } catch { throw AppError(error.description) }
        }
    }

    func writeSummary(_ summary: String) throws -> String {
        try files.withLock { (files: inout Files) throws -> String in
            guard let record = files.record else { throw AppError("the group was never saved") }
            do throws(StoreError) { return try files.writer.writeSummary(summary, record: record) } catch { throw AppError(error) }
        }
    }
}
