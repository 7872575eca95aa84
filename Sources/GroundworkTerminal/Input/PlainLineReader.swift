#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads plain lines from a file descriptor that is not a terminal: no prompts, no echo, no escapes.
///
/// Bytes are read directly so invalid UTF-8 becomes U+FFFD instead of a crash, NUL bytes are
/// dropped, and a trailing carriage return (Windows line ends) is removed.
public final class PlainLineReader: LineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var atEnd = false

    public init(fileDescriptor: Int32 = 0) {
        self.fd = fileDescriptor
    }

    public func readLine(prompt: String) -> ReadResult {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let bytes = buffer[..<newline]
                buffer.removeSubrange(...newline)
                return .line(Self.decode(bytes))
            }
            if atEnd {
                if buffer.isEmpty { return .endOfInput }
                let bytes = buffer
                buffer.removeAll()
                return .line(Self.decode(bytes[...]))
            }
            fill()
        }
    }

    private func fill() {
        var chunk = [UInt8](repeating: 0, count: 4096)
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
