import Foundation
import GroundworkStore
import GroundworkTerminal

/// The user's data for a command: where it lives and whose it is. Store errors are thrown as
/// `AppError`s, which `Groundwork.main` alone turns into a message and an exit status.
struct StoreContext {
    let location: DataLocation
    let user: UserName
    let store: UserStore

    /// Resolves the data folder (`--data-dir`, `GROUNDWORK_HOME`, the config file, `XDG_DATA_HOME`,
    /// home) and the user (`--user`, the config file, else the login name); throws when either is unusable. When the
    /// user's files are encrypted, asks for the passphrase (or reads `GROUNDWORK_PASSPHRASE`) and
    /// unlocks them, unless `unlock` is false (`forget --all` must work without it).
    init(_ options: GlobalOptions, unlock: Bool = true) throws {
        let environment = ProcessInfo.processInfo.environment
        let settings = try options.settings()
        do throws(StoreError) {
            location = try settings.dataLocation(environment: environment)
            user = try StoreContext.userName(settings, environment: environment)
            let plain = UserStore(location: location, user: user)
            store = unlock ? try plain.unlockedIfEncrypted() : plain
        } catch {
            throw AppError(error)
        }
    }

    /// The settings' user (`--user`, else the config file's), else `$USER`, else `$LOGNAME`, else the
    /// password database's name.
    static func userName(_ settings: Settings, environment: [String: String]) throws(StoreError) -> UserName {
        if let given = settings.user.value { return try UserName(given) }
        let login = [environment["USER"], environment["LOGNAME"]].compactMap { $0 }.first { !$0.isEmpty }
            ?? getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        guard let login else { throw .invalidUserName("", reason: "no login name found; pass --user NAME") }
        do throws(StoreError) {
            return try UserName(login)
        } catch .invalidUserName(let name, let reason) {
            throw .invalidUserName(name, reason: reason + "; pass --user NAME")
        }
    }

    /// Runs `body`, turning store errors into the `AppError` with their documented exit status.
    func run<T>(_ body: () throws(StoreError) -> T) throws(AppError) -> T {
        do throws(StoreError) {
            return try body()
        } catch {
            throw AppError(error)
        }
    }

    /// Takes the user's lock; another process holding it is status 3.
    func lockForWriting() throws(AppError) -> UserWriter {
        try run { () throws(StoreError) in try store.lockForWriting() }
    }

    /// Warns about files that could not be read; the rest of the data stays usable.
    func warn(_ unreadable: [UnreadableFile]) {
        for file in unreadable {
            StoreContext.printError("groundwork: warning: cannot read '\(file.path)': \(file.reason); 'groundwork doctor --fix' moves it aside")
        }
    }

    static func printError(_ line: String) {
        // Sanitised: messages name files and quote input, which may hold escape sequences.
        FileHandle.standardError.write(Data((TextSanitizer.clean(line) + "\n").utf8))
    }

    /// Prints to stdout without an extra newline (reports end with their own), through the
    /// sanitiser: reports show stored answers and file names, which may hold escape sequences.
    static func output(_ text: String) throws(AppError) {
        try write(TextSanitizer.clean(text))
    }

    /// Prints a JSON or Markdown report, whose writer escaped the control characters in the text it
    /// holds (`ReportEscaping`); should one be left, the whole report is sanitised instead.
    static func output(escaped text: String) throws(AppError) {
        let safe = !text.unicodeScalars.contains { ReportEscaping.isControl($0) && $0 != "\n" && $0 != "\t" }
        try write(safe ? text : TextSanitizer.clean(text))
    }

    /// Writes text exactly as given: only for output that sanitised its content itself (groups,
    /// tab-separated tool output). A failed write (a full disk, a closed pipe's reader) is thrown,
    /// to be one line on stderr and status 1, not the crash `FileHandle.write(_:)` would give.
    static func write(_ text: String) throws(AppError) {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? Int(EIO)
            let reason = String(cString: strerror(Int32(code))).lowercased()
            throw AppError("cannot write to standard output: \(reason); send the output somewhere with room")
        }
    }
}
