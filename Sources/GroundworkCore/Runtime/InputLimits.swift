/// The longest line groundwork takes as an answer or a journal entry, and what it says about a longer one.
///
/// A line is read up to the limit and the rest of it is skipped without being kept, so a pasted
/// 50 MB line costs a pass over its bytes, never 50 MB of memory, a slow match or a huge session file.
public enum InputLimits {
    /// 64 KiB of UTF-8: about 10,000 words of English, far past any answer typed or pasted on purpose.
    public static let maximumLineBytes = 65_536

    /// The one-line message for a line of `bytes` bytes over the limit; nothing of it is kept.
    public static func tooLongMessage(bytes: Int) -> String {
        "that line is too long (\(bytes) bytes; a line may be at most \(maximumLineBytes), about 10,000 words), "
            + "so nothing of it was kept; split it into shorter lines"
    }
}
