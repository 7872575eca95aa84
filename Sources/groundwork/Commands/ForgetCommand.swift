import ArgumentParser
import Foundation
import GroundworkCore
import GroundworkStore

/// `groundwork forget`: delete one session, or all of your data.
struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Delete one session, or all of your data (--all), after confirmation."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The session to delete: its id (or first characters) or file name.")
    var session: String?

    @Flag(help: "Delete all of your data: every session, backup and quarantined file.")
    var all = false

    @Flag(name: .shortAndLong, help: "Do not ask for confirmation (for scripts).")
    var yes = false

    func validate() throws {
        if (session == nil) == !all { throw ValidationError("give a session to forget, or --all") }
    }

    func run() throws {
        // Deleting everything needs no passphrase: a person who forgot it can still remove their data.
        let context = try StoreContext(options, unlock: !all)
        let writer = try context.lockForWriting()
        let name = context.user.rawValue
        let groups = GroupStore(location: context.store.location, fileSystem: context.store.fileSystem)
        let changes: [ForgetChange]
        if let session {
            let header = try context.run { () throws(StoreError) in try context.store.find(session) }
            try confirm("Forget the \(header.flowTitle) session of \(header.startedAt.shortUTC) UTC (\(header.id))?")
            // A group session: the group's file and the others' copies hold the same words.
            let groupFile = (try? context.store.load(fileName: header.fileName))?.state.variables["group.file"]
            changes = try context.run { () throws(StoreError) -> [ForgetChange] in
                var changes: [ForgetChange] = []
                if case .string(let file)? = groupFile { changes = try groups.forget(name, only: file, summarize: summarize) }
                try writer.forget(fileName: header.fileName)
                return changes
            }
            StoreContext.printError("forgot session \(header.id)")
        } else {
            let count = (try? context.store.sessionFileNames().count) ?? 0
            try confirm("Forget all of the data of '\(context.user)' (\(count) session\(count == 1 ? "" : "s")), and their part in group exercises? This cannot be undone.")
            changes = try context.run { () throws(StoreError) -> [ForgetChange] in
                let changes = try groups.forget(name, summarize: summarize)
                try writer.forgetAll()
                return changes
            }
            StoreContext.printError("forgot all of the data of '\(context.user)'")
        }
        for change in changes { StoreContext.printError(change.description) }
        if changes.contains(where: \.isIncomplete) {
            throw AppError("some group records still hold words of '\(name)' (listed above); run forget again once they can be changed")
        }
    }

    /// The group's summary as its exercise writes it now; nil when the exercise is no longer in the
    /// dialogues. The dialogues are loaded once, on the first group that needs it.
    private var summarize: (GroupRecord) -> String? {
        let options = self.options
        var library: ScriptLibrary??
        return { record in
            if library == nil { library = .some(try? App(options).loadLibrary().library) }
            guard let loaded = library ?? nil, let exercise = loaded.groupExercises[record.exerciseID] else { return nil }
            return GroupEngine(exercise: exercise, library: loaded).summary(of: record.state)
        }
    }

    /// Asks on stderr and reads a line; anything but yes ends the command without deleting.
    private func confirm(_ question: String) throws {
        if yes { return }
        FileHandle.standardError.write(Data((question + " [y/N] ").utf8))
        guard let line = readLine() else {
            throw AppError("not confirmed (no answer); pass --yes to forget without asking")
        }
        let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else { throw AppError("not confirmed; nothing was deleted") }
    }
}
