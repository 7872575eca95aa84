import CEditLine
import GroundworkCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads lines through libedit's readline-compatible API: editing, in-session history, Tab completion.
///
/// Use only when stdin and stdout are terminals. Ctrl-C drops the line being typed and reports
/// `.interrupted`; Ctrl-D on an empty line reports `.endOfInput`.
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
        CompletionState.prompt = nil
    }

    public func readLine(prompt: String) -> ReadResult {
        _ = gw_take_sigint()
        guard let raw = readline(prompt) else {
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
        guard !line.trimmingSpaces().isEmpty else { return }
        add_history(line)
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
