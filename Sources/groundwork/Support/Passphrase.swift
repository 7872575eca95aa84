import Foundation
import GroundworkStore

/// Where a passphrase comes from: `GROUNDWORK_PASSPHRASE` (for scripts and tests), else a prompt on
/// the terminal with echo off. Never from a flag: arguments show in `ps` and shell history.
enum Passphrase {
    static let environmentName = "GROUNDWORK_PASSPHRASE"

    /// The passphrase of `user`; nil when there is neither the variable nor a terminal.
    static func read(for user: UserName) -> String? {
        if let given = given { return given }
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        return prompt("Passphrase for '\(user)': ")
    }

    /// A new passphrase for `user`, typed twice on a terminal; throws when the two differ.
    static func readNew(for user: UserName) throws -> String? {
        if let given = given { return given }
        guard isatty(STDIN_FILENO) == 1, let first = prompt("Passphrase for '\(user)': ") else { return nil }
        guard let second = prompt("The same passphrase again: ") else { return nil }
        guard first == second else { throw AppError("the two passphrases differ; nothing was changed") }
        return first
    }

    private static var given: String? {
        ProcessInfo.processInfo.environment[environmentName].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Reads one line from the terminal with echo off, restoring the terminal whatever happens
    /// (Ctrl-C included); the question goes to stderr so stdout stays clean for reports.
    private static func prompt(_ question: String) -> String? {
        FileHandle.standardError.write(Data(question.utf8))
        var saved = termios()
        let hasTerminal = tcgetattr(STDIN_FILENO, &saved) == 0
        // The handlers in place before (the store's WriteGuard, the line editor's) come back after.
        let signals = [SIGINT, SIGTERM, SIGHUP]
        let blank = sigaction()
        var previous: [sigaction] = Array(repeating: blank, count: signals.count)
        if hasTerminal {
            EchoGuard.saved = saved
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            quiet.c_lflag |= tcflag_t(ECHONL)
            var action = sigaction()
            sigemptyset(&action.sa_mask)
            action.__sigaction_handler.sa_handler = EchoGuard.restoreAndExit
            for (index, number) in signals.enumerated() { sigaction(number, &action, &previous[index]) }
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        let line = readLine(strippingNewline: true)
        if hasTerminal {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            for (index, number) in signals.enumerated() { sigaction(number, &previous[index], nil) }
        }
        return line
    }
}

/// The terminal settings to restore if a signal arrives while echo is off.
private enum EchoGuard {
    nonisolated(unsafe) static var saved = termios()

    static let restoreAndExit: @convention(c) (Int32) -> Void = { signal in
        // Only async-signal-safe calls here: tcsetattr, write, _exit.
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &EchoGuard.saved)
        _ = write(STDERR_FILENO, "\n", 1)
        _exit(128 + signal)
    }
}

extension UserStore {
    /// The store unlocked with the user's passphrase when their files are encrypted; itself when not.
    /// `StoreError.passphraseNeeded` when there is neither a terminal nor `GROUNDWORK_PASSPHRASE`.
    func unlockedIfEncrypted() throws(StoreError) -> UserStore {
        guard isEncrypted else { return self }
        guard let passphrase = Passphrase.read(for: user) else { throw .passphraseNeeded(user: user.rawValue) }
        return try unlocked(passphrase: passphrase)
    }
}
