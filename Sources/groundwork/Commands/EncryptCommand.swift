import ArgumentParser
import GroundworkStore

/// `groundwork encrypt`: encrypt a user's sessions at rest with a passphrase.
struct EncryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encrypt",
        abstract: "Encrypt your sessions with a passphrase, now and from now on (asked without echo, or GROUNDWORK_PASSPHRASE).",
        discussion: """
        Every session file, backup and quarantined file of the user is encrypted in place, and every later \
        write is encrypted too (AES-GCM; the key comes from the passphrase by PBKDF2-SHA256). Commands then \
        ask for the passphrase, or read GROUNDWORK_PASSPHRASE. There is no way back in without the passphrase: \
        if it is lost, the sessions are lost ('groundwork forget --all' still deletes them). Running it again \
        on an encrypted user checks the passphrase and finishes any files left plain.
        """
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let context = try StoreContext(options, unlock: false)
        let writer = try context.lockForWriting()
        let encrypted = context.store.isEncrypted
        guard let passphrase = try encrypted ? Passphrase.read(for: context.user) : Passphrase.readNew(for: context.user) else {
            throw AppError("no passphrase: run 'groundwork encrypt' in a terminal, or set \(Passphrase.environmentName)", status: .usage)
        }
        if !encrypted && passphrase.count < 8 {
            throw AppError("a passphrase needs at least 8 characters; nothing was changed", status: .usage)
        }
        let result = try context.run { () throws(StoreError) in try writer.enableEncryption(passphrase: passphrase) }
        let count = result.sealed.count
        let files = "\(count) file\(count == 1 ? "" : "s")"
        if result.wasEncrypted {
            StoreContext.printError(count == 0 ? "the data of '\(context.user)' is already encrypted"
                                    : "the data of '\(context.user)' is encrypted; \(files) left plain, or sealed without their names, were sealed now")
        } else {
            StoreContext.printError("the data of '\(context.user)' is encrypted now (\(files)); keep the passphrase safe: without it the sessions cannot be read")
        }
    }
}
