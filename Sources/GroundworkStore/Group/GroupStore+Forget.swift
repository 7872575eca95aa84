import Foundation
import GroundworkCore

/// One change that forgetting a person made outside their own folder, or could not make.
public enum ForgetChange: Sendable, Hashable, CustomStringConvertible {
    /// The group file, with what was redacted in it.
    case groupRedacted(path: String, GroupForgetting)
    /// The group's Markdown summary, written again without the person.
    case summaryRewritten(path: String)
    /// The group's summary, removed: its exercise is no longer in the dialogues to write it again.
    case summaryRemoved(path: String)
    /// Another participant's session of the group, rebuilt from the redacted group.
    case participantRewritten(user: String, path: String)
    /// A group left unchanged, and why (in use by another process, unreadable).
    case groupSkipped(path: String, reason: String)
    /// Another participant's session left unchanged, and why (encrypted, unreadable).
    case participantSkipped(user: String, reason: String)

    /// Whether this change left some of the person's words in place.
    public var isIncomplete: Bool {
        switch self {
        case .groupSkipped, .participantSkipped: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .groupRedacted(let path, let change):
            var parts = ["\(change.redacted) answer\(change.redacted == 1 ? "" : "s") replaced by '\(GroupState.forgottenText)'"
                + (change.shared > 0 ? " (\(change.shared) given together with others)" : "")]
            if change.ballots > 0 { parts.append("\(change.ballots) ballot\(change.ballots == 1 ? "" : "s") kept without the name") }
            if change.safetyEvents > 0 { parts.append("\(change.safetyEvents) safety event\(change.safetyEvents == 1 ? "" : "s") removed") }
            return "redacted group '\(path)': \(parts.joined(separator: ", ")); the name is now '\(change.placeholder)'"
        case .summaryRewritten(let path):
            return "rewrote the group summary '\(path)' without them"
        case .summaryRemoved(let path):
            return "removed the group summary '\(path)': its exercise is not in the dialogues, so it could not be written again without them"
        case .participantRewritten(let user, let path):
            return "redacted them in the session of '\(user)' ('\(path)')"
        case .groupSkipped(let path, let reason):
            return "left group '\(path)' unchanged: \(reason)"
        case .participantSkipped(let user, let reason):
            return "left the session of '\(user)' unchanged: \(reason)"
        }
    }
}

extension GroupStore {
    /// Forgets `name` in every group they took part in (issue 12, item 5): the group file redacted
    /// (`GroupState.forgetting`), its summary written again by `summarize` (or removed when it
    /// returns nil), and the other participants' sessions of that group rebuilt from it. Takes the
    /// other participants' locks, so a group running in another process is left alone and reported.
    /// `only`: just the group with this file name (forgetting one group session).
    public func forget(_ name: String, only: String? = nil,
                       summarize: (GroupRecord) -> String?) throws(StoreError) -> [ForgetChange] {
        var changes: [ForgetChange] = []
        for fileName in try fileNames() where only == nil || only == fileName {
            let path = path(of: fileName)
            var record: GroupRecord
            do throws(StoreError) {
                record = try load(fileName: fileName)
            } catch {
                changes.append(.groupSkipped(path: path, reason: StoreError.unreadableFile(from: error, path: path).reason
                    + "; it may still hold their words"))
                continue
            }
            guard record.state.involves(name) else { continue }
            let others = record.participantSessions.keys.filter { $0.lowercased() != name.lowercased() }.sorted()
            var writers: [String: UserWriter] = [:]
            var skipped: [ForgetChange] = []
            do throws(StoreError) {
                for other in others {
                    let store = UserStore(location: location, user: try UserName(other), fileSystem: fileSystem)
                    do throws(StoreError) {
                        writers[other] = try store.lockForWritingUnencrypted()
                    } catch .encryptedParticipant {
                        skipped.append(.participantSkipped(user: other, reason:
                            "their sessions are encrypted, so their copy of this group still holds the answers given together; they can 'groundwork forget' it"))
                    }
                }
            } catch .locked(let user) {
                changes.append(.groupSkipped(path: path, reason:
                    "user '\(user)' is in a session in another groundwork process; run forget again when it ends"))
                continue
            }
            let hadSummary = record.state.summary != nil
            let (state, change) = record.state.forgetting(name)
            record.state = state
            record.participantSessions = record.participantSessions.filter { $0.key.lowercased() != name.lowercased() }
            let summaryPath = self.path(of: String(fileName.dropLast(".json".count)) + ".md")
            let summaryFileExists = try fileSystem.status(summaryPath) != nil
            let summary = hadSummary || summaryFileExists ? summarize(record) : nil
            record.state.summary = hadSummary ? summary : nil
            let durable = DurableFile(fileSystem: fileSystem)
            try durable.write(try GroupWriter.encode(record), to: path)
            changes.append(.groupRedacted(path: path, change))
            if summaryFileExists {
                if let summary {
                    try durable.write(Array(summary.utf8), to: summaryPath)
                    changes.append(.summaryRewritten(path: summaryPath))
                } else {
                    try fileSystem.remove(summaryPath)
                    try fileSystem.syncDirectory(location.groupsFolder)
                    changes.append(.summaryRemoved(path: summaryPath))
                }
            }
            for other in others {
                guard let writer = writers[other], let sessionName = record.participantSessions[other] else { continue }
                do throws(StoreError) {
                    var session = try writer.store.load(fileName: sessionName)
                    session.state = GroupWriter.sessionState(for: other, record: record)
                    session.transcript = GroupWriter.transcript(for: other, state: record.state)
                    try writer.save(&session)
                    changes.append(.participantRewritten(user: other, path: writer.store.path(of: sessionName)))
                } catch .io(_, _, let code) where code == ENOENT {
                    continue
                } catch {
                    skipped.append(.participantSkipped(user: other, reason: error.description))
                }
            }
            changes += skipped
        }
        return changes
    }
}
