import GroundworkCore

/// What one attempt to read a line produced.
public enum ReadResult: Sendable, Hashable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C: the line being typed was dropped.
    case interrupted
    /// Ctrl-D, or the end of piped input.
    case endOfInput
    /// A line longer than `InputLimits.maximumLineBytes`, of `bytes` bytes: skipped, nothing of it kept.
    case tooLong(bytes: Int)
}

/// Where typed lines come from: the seam that lets tests drive a session without a terminal.
public protocol LineReader: AnyObject {
    /// Reads one line, showing `prompt` when the reader shows prompts at all.
    func readLine(prompt: String) -> ReadResult
    /// The question being asked, so completion can offer its options; nil between questions.
    func setCurrentPrompt(_ prompt: Prompt?)
    /// Remembers a line for Up/Down recall in this session.
    func addToHistory(_ line: String)
}

extension LineReader {
    public func setCurrentPrompt(_ prompt: Prompt?) {}
    public func addToHistory(_ line: String) {}
}

/// A reader that hands out fixed lines, then the end of input (for tests and scripted runs).
public final class ScriptedLineReader: LineReader {
    private var results: [ReadResult]
    /// Prompts passed to `readLine`, in order.
    public private(set) var promptsShown: [String] = []
    /// Questions announced with `setCurrentPrompt`, in order.
    public private(set) var questions: [Prompt?] = []

    public init(_ results: [ReadResult]) {
        self.results = results
    }

    public convenience init(lines: [String]) {
        self.init(lines.map { .line($0) })
    }

    public func readLine(prompt: String) -> ReadResult {
        promptsShown.append(prompt)
        return results.isEmpty ? .endOfInput : results.removeFirst()
    }

    public func setCurrentPrompt(_ prompt: Prompt?) {
        questions.append(prompt)
    }
}
