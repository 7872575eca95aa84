import CProcessGuard
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Set up first thing in `main` (issue 12, item 4): a core dump of this process would hold
/// decrypted answers and the passphrase, so none is ever written, and SIGQUIT (Ctrl-\) ends the
/// process instead of being taken by the Swift runtime's crash handler, which printed
/// "Program crashed" for the first one and let the process run on.
enum ProcessGuard {
    static func apply() {
        // No core file whatever `ulimit -c` says: the soft and hard limits both 0, so nothing
        // started from here can raise them again.
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(coreLimitResource, &none)
        // Not dumpable: no core even where core_pattern pipes to a helper, and no ptrace or
        // /proc/PID/mem from other processes of the same user.
        _ = groundwork_set_not_dumpable()
        // SIGQUIT back to its default action (end the process; with the above, without a core),
        // unless it was ignored on purpose: then it stays ignored.
        var current = sigaction()
        if sigaction(SIGQUIT, nil, &current) == 0, !isIgnored(current) {
            signal(SIGQUIT, SIG_DFL)
        }
    }

    /// What `doctor` reports: whether a core dump could be written now.
    static var coreDumpsOff: (notDumpable: Bool, coreLimitZero: Bool) {
        var limit = rlimit()
        let zero = getrlimit(coreLimitResource, &limit) == 0 && limit.rlim_cur == 0 && limit.rlim_max == 0
        #if os(Linux)
        return (groundwork_is_dumpable() == 0, zero)
        #else
        return (true, zero)
        #endif
    }

    #if canImport(Glibc)
    private static let coreLimitResource = __rlimit_resource_t(RLIMIT_CORE.rawValue)
    #else
    private static let coreLimitResource = RLIMIT_CORE
    #endif

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == 1
        #else
        return unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self) == 1
        #endif
    }
}
