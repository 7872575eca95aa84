import ArgumentParser
import GroundworkCore
import GroundworkStore

/// `groundwork doctor`: find session files that cannot be read, and move them aside.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check your session files; --fix moves unreadable ones to quarantine/ and removes leftover temp files."
    )

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Move unreadable files to users/<user>/quarantine/ and remove leftover temp files.")
    var fix = false

    func run() throws {
        let context = try StoreContext(options)
        // With --fix, lock first: the files must not change while they are moved.
        let writer = fix ? try context.lockForWriting() : nil
        let checkup = try context.run { () throws(StoreError) in try context.store.checkup() }
        let count = try context.run { () throws(StoreError) in try context.store.sessionFileNames().count }
        try StoreContext.output("groundwork \(GroundworkVersion.current)\n")
        try StoreContext.output("data: \(context.location.userFolder(context.user))\n")
        try StoreContext.output("\(count - checkup.unreadable.count) of \(count) session file\(count == 1 ? "" : "s") readable\n")
        for file in checkup.unreadable { try StoreContext.output("unreadable: \(file.path): \(file.reason)\n") }
        for path in checkup.leftoverTempFiles { try StoreContext.output("leftover temp file: \(path)\n") }
        for path in checkup.plainInEncrypted {
            try StoreContext.output("not encrypted: \(path): a plain file in an encrypted folder (left by an interrupted 'groundwork encrypt', or put there by someone); 'groundwork encrypt' seals it\n")
        }
        for path in checkup.unbound {
            try StoreContext.output("sealed without its name: \(path): encrypted before files were bound to their names; 'groundwork encrypt' binds it\n")
        }
        // As this very process runs (ProcessGuard): a core file would hold decrypted answers.
        let guardState = ProcessGuard.coreDumpsOff
        try StoreContext.output(guardState.notDumpable && guardState.coreLimitZero
            ? "core dumps: off (not dumpable, core size limit 0)\n"
            : "core dumps: ON (dumpable: \(!guardState.notDumpable), core size limit 0: \(guardState.coreLimitZero)); answers could end up in a core file\n")
        guard let writer else {
            if !checkup.isHealthy { throw AppError("problems found; 'groundwork doctor --fix' moves unreadable files aside") }
            return
        }
        let moved = try context.run { () throws(StoreError) in try writer.quarantine(checkup.unreadable) }
        for path in moved { try StoreContext.output("moved to \(path)\n") }
        let removed = try context.run { () throws(StoreError) in try writer.cleanTempFiles() }
        for path in removed { try StoreContext.output("removed \(path)\n") }
        if checkup.isHealthy { try StoreContext.output("all good\n") }
    }
}
