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

/// What the conversation asks of the next read.
public struct LineRequest {
    /// The prompt to show (when the reader shows prompts at all).
    public var prompt: String
    /// Typing is not shown at all (a private answer in a group) and the line is not kept in history.
    public var secret: Bool
    /// Called about once a second while waiting (a group's timer): what to show above the line
    /// being typed, the prompt to show now, and whether to stop reading (a failed save).
    public var idle: (() -> Idle)?
    /// A descriptor that becomes readable when something happened elsewhere (a hosted room): the
    /// idle tick runs at once rather than at the next second.
    public var wake: Int32?

    public init(prompt: String, secret: Bool = false, idle: (() -> Idle)? = nil, wake: Int32? = nil) {
        self.prompt = prompt
        self.secret = secret
        self.idle = idle
        self.wake = wake
    }
}

/// What one idle tick wants done while a line is being typed.
public struct Idle {
    /// Text to print above the line (a bell, a notice), ending with a newline; nil for nothing.
    public var text: String?
    /// The prompt to show from now on (its countdown changes).
    public var prompt: String
    /// Stop reading: the read returns `.endOfInput` and the caller finds out why.
    public var stop: Bool

    public init(text: String? = nil, prompt: String, stop: Bool = false) {
        self.text = text
        self.prompt = prompt
        self.stop = stop
    }
}

/// Where typed lines come from: the seam that lets tests drive a session without a terminal.
public protocol LineReader: AnyObject {
    /// Reads one line as `request` asks.
    func readLine(_ request: LineRequest) -> ReadResult
    /// The question being asked, so completion can offer its options; nil between questions.
    func setCurrentPrompt(_ prompt: Prompt?)
    /// Remembers a line for Up/Down recall in this session.
    func addToHistory(_ line: String)
}

extension LineReader {
    /// Reads one line, showing `prompt` when the reader shows prompts at all.
    public func readLine(prompt: String) -> ReadResult {
        readLine(LineRequest(prompt: prompt))
    }

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

    /// Idle ticks to run before each line is handed out (a group's timer in tests).
    public var ticksBeforeEachLine = 0
    /// What the idle ticks returned, in order.
    public private(set) var ticks: [Idle] = []

    public func readLine(_ request: LineRequest) -> ReadResult {
        promptsShown.append(request.prompt)
        if let idle = request.idle {
            for _ in 0..<ticksBeforeEachLine {
                let tick = idle()
                ticks.append(tick)
                if tick.stop { return .endOfInput }
            }
        }
        return results.isEmpty ? .endOfInput : results.removeFirst()
    }

    public func setCurrentPrompt(_ prompt: Prompt?) {
        questions.append(prompt)
    }
}
