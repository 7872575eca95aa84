import ArgumentParser
import GroundworkStore

/// `groundwork decrypt`: turn encryption off for a user.
struct DecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Turn encryption off: write your sessions back as plain files (asks for the passphrase).",
        discussion: "To change the passphrase, run 'groundwork decrypt' and then 'groundwork encrypt'."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try StoreContext(options)
        guard context.store.isEncrypted else {
            StoreContext.printError("the data of '\(context.user)' is not encrypted")
            return
        }
        let writer = try context.lockForWriting()
        let opened = try context.run { () throws(StoreError) in try writer.disableEncryption() }
        StoreContext.printError("the data of '\(context.user)' is no longer encrypted (\(opened.count) file\(opened.count == 1 ? "" : "s") written back plain)")
    }
}
