#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Lets a durable write, or a whole turn, that has begun finish before SIGTERM or SIGHUP ends the process.
///
/// Without it the signal's default action kills the process mid-write: the rename makes that safe
/// for the session file, but a temp file full of session text would stay behind until the next run.
/// With it, a signal that arrives during a write is held until the write is done (renamed, folder
/// flushed); then the default action runs, so the process still ends as the signal asks. The
/// session runners hold signals for a whole turn (`holding`: engine step, save, render), so a
/// signal cannot fall between the save and the acknowledgement either. A signal arriving between
/// turns (while the coach waits for input) ends the process at once, as before. Installed by the
/// first `lockForWriting()`, only over the default disposition, never over a handler someone else set.
public enum WriteGuard {
    /// The signals held during a write.
    public static let signals: [Int32] = [SIGTERM, SIGHUP]

    private static let depth = Atomic<Int32>(0)
    private static let pending = Atomic<Int32>(0)
    private static let installed = Atomic<Bool>(false)

    /// Installs the handlers once per process.
    public static func install() {
        guard installed.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged else { return }
        for number in signals {
            var current = sigaction()
            guard sigaction(number, nil, &current) == 0, isDefault(current) else { continue }
            var action = sigaction()
            sigemptyset(&action.sa_mask)
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = onSignal
            #else
            action.__sigaction_u.__sa_handler = onSignal
            #endif
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
    }

    /// Runs `body` (a write) with the guarded signals held until it returns.
    static func during<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try holding(body)
    }

    /// Runs a whole turn with the guarded signals held until it returns: a signal that arrives
    /// after the person's line was read ends the process only once the turn's answer is saved and
    /// acknowledged. Nests with the writes inside it (only the outermost end acts on a held signal).
    public static func holding<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        enter()
        do {
            let result = try body()
            leave(completed: true)
            return result
        } catch {
            leave(completed: false)
            throw error
        }
    }

    private static func enter() {
        depth.add(1, ordering: .sequentiallyConsistent)
    }

    /// `completed` is false when the write or turn failed: the held signal still ends the process,
    /// without claiming that a file was saved.
    private static func leave(completed: Bool) {
        if depth.subtract(1, ordering: .sequentiallyConsistent).newValue == 0 {
            let number = pending.exchange(0, ordering: .sequentiallyConsistent)
            if number != 0 { WriteGuard.end(number, afterWrite: completed) }
        }
    }

    /// The signal's default action, after one line on stderr. Called from the handler, so only
    /// async-signal-safe calls: static text (no allocation), write(2), signal, sigprocmask, raise.
    fileprivate static func end(_ number: Int32, afterWrite: Bool) -> Never {
        let message: StaticString
        switch (number == SIGHUP, afterWrite) {
        case (true, true): message = "\ngroundwork: stopped by SIGHUP (the terminal closed) once the file being saved was complete\n"
        case (true, false): message = "\ngroundwork: stopped by SIGHUP (the terminal closed)\n"
        case (false, true): message = "\ngroundwork: stopped by SIGTERM once the file being saved was complete\n"
        case (false, false): message = "\ngroundwork: stopped by SIGTERM\n"
        }
        _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
        signal(number, SIG_DFL)
        // Inside the handler the signal is blocked; unblock it so raise() ends the process by it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        raise(number)
        _exit(128 + number)
    }

    fileprivate static func hold(_ number: Int32) -> Bool {
        guard depth.load(ordering: .sequentiallyConsistent) > 0 else { return false }
        pending.store(number, ordering: .sequentiallyConsistent)
        return true
    }

    private static func isDefault(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == 0
        #else
        return unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self) == 0
        #endif
    }
}

private let onSignal: @convention(c) (Int32) -> Void = { number in
    if !WriteGuard.hold(number) { WriteGuard.end(number, afterWrite: false) }
}
