#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import GroundworkCore

/// Reads plain lines from a file descriptor that is not a terminal: no prompts, no echo, no escapes.
///
/// Bytes are read directly so invalid UTF-8 becomes U+FFFD instead of a crash, NUL bytes are
/// dropped, and a trailing carriage return (Windows line ends) is removed. A line longer than
/// `limit` bytes is skipped to its end without being kept (`.tooLong`); each byte is looked at once,
/// so reading is linear in the input, however long its lines.
public final class PlainLineReader: LineReader {
    private let fd: Int32
    private let limit: Int
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`; the bytes before it are compacted away now and then.
    private var start = 0
    /// Bytes of `buffer` from `start` already searched for a newline.
    private var scanned = 0
    private var atEnd = false

    public init(fileDescriptor: Int32 = 0, limit: Int = InputLimits.maximumLineBytes) {
        self.fd = fileDescriptor
        self.limit = limit
    }

    /// Piped input shows no prompt, hides nothing (there is no echo) and has no timer to tick
    /// while waiting: a group's ticks run between lines.
    public func readLine(_ request: LineRequest) -> ReadResult {
        /// Bytes of an over-long line skipped so far (nil while the line is within the limit).
        var skipped: Int?
        while true {
            if let newline = buffer[(start + scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[start..<newline]
                start = newline + 1
                scanned = 0
                if let skipped { return .tooLong(bytes: skipped + line.count) }
                if line.count > limit { return .tooLong(bytes: line.count) }
                return .line(Self.decode(line))
            }
            scanned = buffer.count - start
            if scanned > limit {
                // Too long already: count it and let its bytes go.
                skipped = (skipped ?? 0) + scanned
                buffer.removeAll(keepingCapacity: true)
                start = 0
                scanned = 0
            }
            if atEnd {
                let rest = buffer[start...]
                buffer.removeAll()
                start = 0
                scanned = 0
                if let skipped { return .tooLong(bytes: skipped + rest.count) }
                if rest.isEmpty { return .endOfInput }
                return .line(Self.decode(rest))
            }
            fill()
        }
    }

    private func fill() {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(..<start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count > 0 {
            buffer.append(contentsOf: chunk[..<count])
        } else if count < 0 && errno == EINTR {
            return
        } else {
            atEnd = true
        }
    }

    /// Decodes one line's bytes, replacing invalid UTF-8 and dropping NULs and a final CR.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var cleaned = bytes.filter { $0 != 0 }
        if cleaned.last == UInt8(ascii: "\r") { cleaned.removeLast() }
        return String(decoding: cleaned, as: UTF8.self)
    }
}
