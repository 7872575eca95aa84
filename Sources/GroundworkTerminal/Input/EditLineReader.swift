import CEditLine
import GroundworkCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads lines through libedit's readline-compatible API: editing, in-session history, Tab completion.
///
/// Use only when stdin and stdout are terminals. Ctrl-C drops the line being typed and reports
/// `.interrupted`; Ctrl-D on an empty line reports `.endOfInput`. A request with idle ticks (a
/// group's timer) keeps libedit's editing while the prompt's countdown changes and the bell rings
/// above the line; a secret request (a private answer) is read with the terminal's echo off.
public final class EditLineReader: LineReader {
    public init() {
        // Without the locale, Backspace after a non-ASCII character deletes single bytes; without a
        // UTF-8 one (LANG unset: the "C" locale), libedit drops every non-ASCII character typed.
        // Groundwork reads and writes UTF-8 whatever the locale, so the character type falls back
        // to C.UTF-8 (always present with glibc) when the environment's is not UTF-8.
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) != "UTF-8" {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "en_US.UTF-8") }
        }
        gw_set_readline_name()
        gw_install_sigint_handler()
        gw_configure_completion()
        gw_set_completion_function(editLineComplete)
        gw_install_getc()
        CompletionState.prompt = nil
    }

    public func readLine(_ request: LineRequest) -> ReadResult {
        _ = gw_take_sigint()
        if request.secret { return SecretLine.read(request) }
        IdleState.begin(request)
        defer { IdleState.end() }
        let raw = readline(request.prompt)
        // Text a tick could not show while a long line was being typed is shown now, above the next prompt.
        IdleState.flushHeld()
        guard let raw else {
            // The cursor is still on the prompt line; what follows belongs on the next one.
            _ = "\n".withCString { write(1, $0, 1) }
            // NULL is both Ctrl-C (with the handler's flag set) and Ctrl-D.
            return gw_take_sigint() != 0 ? .interrupted : .endOfInput
        }
        defer { free(raw) }
        if gw_take_sigint() != 0 { return .interrupted }
        let length = strlen(raw)
        if length > InputLimits.maximumLineBytes { return .tooLong(bytes: length) }
        return .line(String(cString: raw))
    }

    public func setCurrentPrompt(_ prompt: Prompt?) {
        CompletionState.prompt = prompt
    }

    public func addToHistory(_ line: String) {
        guard !line.trimmingWhitespace().isEmpty else { return }
        add_history(line)
    }
}

/// What the idle tick, called from libedit's C key reader, works with; one terminal, one reader, one thread.
enum IdleState {
    nonisolated(unsafe) static var idle: (() -> Idle)?
    nonisolated(unsafe) static var held: [String] = []

    static func begin(_ request: LineRequest) {
        idle = request.idle
        gw_set_tick(request.idle == nil ? nil : editLineTick)
        gw_set_wake(request.wake ?? -1)
    }

    static func end() {
        idle = nil
        gw_set_tick(nil)
        gw_set_wake(-1)
    }

    static func flushHeld() {
        guard !held.isEmpty else { return }
        TerminalWrite.all(held.joined())
        held = []
    }

    /// Columns a prompt takes: the characters outside libedit's \u{1}…\u{2} ignore markers.
    static func visibleWidth(_ prompt: String) -> Int {
        var width = 0
        var ignoring = false
        for character in prompt {
            if character == "\u{1}" { ignoring = true } else if character == "\u{2}" { ignoring = false } else if !ignoring { width += 1 }
        }
        return width
    }
}

/// One idle tick: show the tick's text above the line and the new prompt, then let libedit redraw
/// what is typed. libedit redraws correctly only a line that fits on one row, and its readline
/// layer does not say what is typed, so the bytes received bound it: past one row the line is left
/// alone, the bell rings, and the text waits until the line is done (nothing is drawn twice).
private let editLineTick: @convention(c) () -> Int32 = {
    guard let idle = IdleState.idle else { return 0 }
    let tick = idle()
    if tick.stop { return 1 }
    let columns = Int(gw_window_columns(1))
    let fits = columns <= 0 || IdleState.visibleWidth(tick.prompt) + Int(gw_typed_bytes()) < columns
    guard fits else {
        if let text = tick.text {
            if text.contains("\u{07}") { TerminalWrite.all("\u{07}") }
            IdleState.held.append(text.replacingOccurrences(of: "\u{07}", with: ""))
        }
        return 0
    }
    TerminalWrite.all("\r\u{1B}[K" + (tick.text ?? ""))
    _ = rl_set_prompt(tick.prompt)
    rl_forced_update_display()
    return 0
}

/// A private answer: the terminal's own line editing (Backspace, Ctrl-U) with its echo off, so
/// nothing of it is shown, not even its length; the prompt still ticks.
enum SecretLine {
    static func read(_ request: LineRequest) -> ReadResult {
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return .endOfInput }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO | ECHONL)
        quiet.c_lflag |= tcflag_t(ICANON | ISIG)
        tcsetattr(0, TCSANOW, &quiet)
        // Restored on every path, also when a tick asks to stop after a failed save.
        defer { tcsetattr(0, TCSANOW, &saved) }
        var prompt = request.prompt.filter { $0 != "\u{1}" && $0 != "\u{2}" }
        TerminalWrite.all(prompt)
        var line: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, request.idle == nil ? -1 : 1000)
            if ready == 0, let idle = request.idle {
                let tick = idle()
                if tick.stop {
                    TerminalWrite.all("\r\n")
                    return .endOfInput
                }
                prompt = tick.prompt.filter { $0 != "\u{1}" && $0 != "\u{2}" }
                TerminalWrite.all("\r\u{1B}[K" + (tick.text ?? "") + prompt)
                continue
            }
            if ready < 0 {
                if errno == EINTR && gw_take_sigint() == 0 { continue }
                TerminalWrite.all("\r\n")
                return errno == EINTR ? .interrupted : .endOfInput
            }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR && gw_take_sigint() == 0 { continue }
                TerminalWrite.all("\r\n")
                return .interrupted
            }
            if count == 0 {
                // Ctrl-D: on an empty line the end of input; within a line the kernel hands over what is typed.
                if line.isEmpty {
                    TerminalWrite.all("\r\n")
                    return .endOfInput
                }
                continue
            }
            line.append(contentsOf: chunk[..<count])
            if line.last == UInt8(ascii: "\n") {
                TerminalWrite.all("\r\n")
                line.removeLast()
                if line.count > InputLimits.maximumLineBytes { return .tooLong(bytes: line.count) }
                return .line(PlainLineReader.decode(line[...]))
            }
        }
    }
}

/// Writes straight to the terminal, around libedit's own output.
enum TerminalWrite {
    static func all(_ text: String) {
        FileDescriptorOutput(fileDescriptor: 1).write(text)
    }
}

/// The question libedit's C callbacks complete against; one terminal, one reader, one thread.
enum CompletionState {
    nonisolated(unsafe) static var prompt: Prompt?
    nonisolated(unsafe) static var matches: [String] = []
}

/// libedit's completion entry point: offers slash commands and the current question's options.
private let editLineComplete: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
    gw_completion_over()
    let typed = text.map { String(cString: $0) } ?? ""
    CompletionState.matches = Completion.candidates(for: typed, prompt: CompletionState.prompt)
    guard !CompletionState.matches.isEmpty else { return nil }
    return rl_completion_matches(typed, completionGenerator)
}

/// Hands libedit one `strdup`ed match per call, as the readline API expects.
private let completionGenerator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
    let index = Int(state)
    guard index < CompletionState.matches.count else { return nil }
    return strdup(CompletionState.matches[index])
}
