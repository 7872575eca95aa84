import ArgumentParser
import GroundworkCore
import GroundworkStore

/// `groundwork doctor`: find session files that cannot be read, and move them aside.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check your session files; --fix moves unreadable ones to quarantine/ and removes leftover temp files."
    )

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Move unreadable files to users/<user>/quarantine/ and remove leftover temp files.")
    var fix = false

    func run() async throws {
        let context = StoreContext(options)
        // With --fix, lock first: the files must not change while they are moved.
        let writer = fix ? context.lockForWriting() : nil
        let checkup = context.run { () throws(StoreError) in try context.store.checkup() }
        let count = context.run { () throws(StoreError) in try context.store.sessionFileNames().count }
        StoreContext.output("groundwork \(GroundworkVersion.current)\n")
        StoreContext.output("data: \(context.location.userFolder(context.user))\n")
        StoreContext.output("\(count - checkup.unreadable.count) of \(count) session file\(count == 1 ? "" : "s") readable\n")
        for file in checkup.unreadable { StoreContext.output("unreadable: \(file.path): \(file.reason)\n") }
        for path in checkup.leftoverTempFiles { StoreContext.output("leftover temp file: \(path)\n") }
        for path in checkup.plainInEncrypted {
            StoreContext.output("not encrypted: \(path): a plain file in an encrypted folder (left by an interrupted 'groundwork encrypt', or put there by someone); 'groundwork encrypt' seals it\n")
        }
        for path in checkup.unbound {
            StoreContext.output("sealed without its name: \(path): encrypted before files were bound to their names; 'groundwork encrypt' binds it\n")
        }
        // As this very process runs (ProcessGuard): a core file would hold decrypted answers.
        let guardState = ProcessGuard.coreDumpsOff
        StoreContext.output(guardState.notDumpable && guardState.coreLimitZero
            ? "core dumps: off (not dumpable, core size limit 0)\n"
            : "core dumps: ON (dumpable: \(!guardState.notDumpable), core size limit 0: \(guardState.coreLimitZero)); answers could end up in a core file\n")
        guard let writer else {
            if !checkup.isHealthy { StoreContext.fail("problems found; 'groundwork doctor --fix' moves unreadable files aside") }
            return
        }
        let moved = context.run { () throws(StoreError) in try writer.quarantine(checkup.unreadable) }
        for path in moved { StoreContext.output("moved to \(path)\n") }
        let removed = context.run { () throws(StoreError) in try writer.cleanTempFiles() }
        for path in removed { StoreContext.output("removed \(path)\n") }
        if checkup.isHealthy { StoreContext.output("all good\n") }
    }
}
