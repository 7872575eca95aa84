import CEditLine
#if canImport(Glibc)
import Glibc
#endif

/// What the process is connected to, read once at start.
public struct TerminalInfo: Sendable, Hashable {
    public var stdinIsTerminal: Bool
    public var stdoutIsTerminal: Bool
    /// Columns of the output terminal; nil when stdout is not a terminal.
    public var columns: Int?
    /// NO_COLOR is set to a non-empty value (https://no-color.org).
    public var noColorEnvironment: Bool

    public init(stdinIsTerminal: Bool, stdoutIsTerminal: Bool, columns: Int?, noColorEnvironment: Bool) {
        self.stdinIsTerminal = stdinIsTerminal
        self.stdoutIsTerminal = stdoutIsTerminal
        self.columns = columns
        self.noColorEnvironment = noColorEnvironment
    }

    /// Reads the real process's file descriptors, window size and environment.
    public static func current() -> TerminalInfo {
        let stdoutTTY = isatty(1) == 1
        let columns = stdoutTTY ? Int(gw_window_columns(1)) : 0
        let noColor = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
        return TerminalInfo(stdinIsTerminal: isatty(0) == 1, stdoutIsTerminal: stdoutTTY,
                            columns: columns > 0 ? columns : (stdoutTTY ? 80 : nil),
                            noColorEnvironment: noColor)
    }

    /// Interactive line editing needs both ends to be a terminal.
    public var isInteractive: Bool { stdinIsTerminal && stdoutIsTerminal }

    /// Colour only on a terminal, never with NO_COLOR or `--no-color`.
    public func useColor(noColorFlag: Bool) -> Bool {
        stdoutIsTerminal && !noColorEnvironment && !noColorFlag
    }
}
