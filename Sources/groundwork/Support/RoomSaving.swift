import Foundation
import GroundworkCore
import GroundworkStore
import Synchronization

/// The group file and participants' sessions of a hosted room, written under the room's lock:
/// the first save (at `/start`) creates the record.
///
/// The group file is written on every save: it is what `--resume` reads and what an
/// acknowledgement promises. Participants' own session files are rebuilt from it, so they are
/// written at most once a second (and at each new step, at the end, and when the host leaves):
/// fifty answers at once would otherwise be fifty more durable writes.
final class RoomSaving: Sendable {
    private struct Files {
        var writer: GroupWriter
        var record: GroupRecord?
        /// Nil: every participant's session file is due (the first save, or after a resume).
        var due: Set<String>?
        var writtenAt = ContinuousClock.now
        var step = -1
    }

    private let exercise: GroupExercise
    private let files: Mutex<Files>
    static let participantsEvery = Duration.seconds(1)

    init(exercise: GroupExercise, writer: GroupWriter, record: GroupRecord?) {
        self.exercise = exercise
        files = Mutex(Files(writer: writer, record: record, due: nil))
    }

    func save(_ result: GroupResult) throws {
        try files.withLock { (files: inout Files) throws in
            var record = files.record ?? GroupRecord(id: SessionRecord.newID(), exerciseID: exercise.id, exerciseTitle: exercise.title,
                                                     startedAt: .now(), state: result.state)
            record.state = result.state
            files.due = files.due.map { $0.union(result.touched) }
            let now = ContinuousClock.now
            let participantsToo = files.due == nil || now - files.writtenAt >= RoomSaving.participantsEvery
                || result.state.stepIndex != files.step || result.state.status != .active
            do throws(StoreError) {
                try files.writer.save(&record, exercise: exercise, touched: participantsToo ? files.due : [])
            } catch {
                throw AppError(error)
            }
            files.record = record
            if participantsToo {
                files.due = []
                files.writtenAt = now
                files.step = result.state.stepIndex
            }
        }
    }

    /// Writes the session files still due (the host is leaving).
    func finish() throws {
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
