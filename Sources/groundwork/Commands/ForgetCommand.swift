import ArgumentParser
import Foundation
import GroundworkStore

/// `groundwork forget`: delete one session, or all of your data.
struct ForgetCommand: AsyncParsableCommand {
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

    func run() async throws {
        // Deleting everything needs no passphrase: a person who forgot it can still remove their data.
        let context = StoreContext(options, unlock: !all)
        let writer = context.lockForWriting()
        if let session {
            let header = context.run { () throws(StoreError) in try context.store.find(session) }
            confirm("Forget the \(header.flowTitle) session of \(header.startedAt.shortUTC) UTC (\(header.id))?")
            context.run { () throws(StoreError) in try writer.forget(fileName: header.fileName) }
            StoreContext.printError("forgot session \(header.id)")
        } else {
            let count = (try? context.store.sessionFileNames().count) ?? 0
            confirm("Forget all of the data of '\(context.user)' (\(count) session\(count == 1 ? "" : "s"))? This cannot be undone.")
            context.run { () throws(StoreError) in try writer.forgetAll() }
            StoreContext.printError("forgot all of the data of '\(context.user)'")
        }
    }

    /// Asks on stderr and reads a line; anything but yes ends the command without deleting.
    private func confirm(_ question: String) {
        if yes { return }
        FileHandle.standardError.write(Data((question + " [y/N] ").utf8))
        guard let line = readLine() else {
            StoreContext.fail("not confirmed (no answer); pass --yes to forget without asking")
        }
        let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else { StoreContext.fail("not confirmed; nothing was deleted") }
    }
}
