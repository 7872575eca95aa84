#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GroundworkCore

/// Lines from a file descriptor that is not a terminal (a pipe or a file): no prompts, no echo
/// handling, one line at a time. Bytes are read unbuffered so nothing past the line is consumed.
public final class PlainGroupInput: GroupInput {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var ended = false
    /// Longest line kept; the rest of a longer line is dropped.
    public static let maxLineBytes = 64 * 1024

    public init(fd: Int32 = 0) {
        self.fd = fd
    }

    public func readLine(prompt: () -> String, secret: Bool, idle: () -> String?) -> GroupRead {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == 13 { line.removeLast() }
                return .line(String(decoding: line.prefix(PlainGroupInput.maxLineBytes), as: UTF8.self))
            }
            if ended {
                guard !buffer.isEmpty else { return .endOfInput }
                let line = buffer
                buffer = []
                return .line(String(decoding: line.prefix(PlainGroupInput.maxLineBytes), as: UTF8.self))
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
            if count < 0 {
                if errno == EINTR { continue }
                ended = true
            } else if count == 0 {
                ended = true
            } else {
                buffer += chunk[..<count]
                if buffer.count > PlainGroupInput.maxLineBytes * 2, buffer.firstIndex(of: 10) == nil {
                    buffer.removeSubrange(PlainGroupInput.maxLineBytes..<buffer.count)
                }
            }
        }
    }
}
