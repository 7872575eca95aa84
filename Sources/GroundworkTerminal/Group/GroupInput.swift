import GroundworkCore

/// What one attempt to read a line of the room produced.
public enum GroupRead: Sendable, Hashable {
    case line(String)
    /// Ctrl-D, Ctrl-C or the end of piped input: save and leave.
    case endOfInput
    /// A line longer than `InputLimits.maximumLineBytes`, of `bytes` bytes: skipped, nothing of it kept.
    case tooLong(bytes: Int)
}

/// Where the room's lines come from.
public protocol GroupInput: AnyObject {
    /// Reads one line. `prompt` gives the prompt to show now (its countdown changes while waiting);
    /// `secret` hides typing; `idle` is called about once a second while waiting and returns text
    /// to print above the prompt (the bell), or nil.
    func readLine(prompt: () -> String, secret: Bool, idle: () -> String?) -> GroupRead
}
