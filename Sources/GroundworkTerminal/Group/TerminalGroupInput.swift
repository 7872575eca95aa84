#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GroundworkCore

/// Lines typed at a terminal, read key by key so the prompt's countdown can tick and the bell
/// can ring while someone is typing. Private turns echo nothing at all (not even dots), so
/// neighbours cannot count letters.
public final class TerminalGroupInput: GroupInput {
    private let fd: Int32
    private let out: Int32

    public init(fd: Int32 = 0, out: Int32 = 1) {
        self.fd = fd
        self.out = out
    }

    public func readLine(prompt: () -> String, secret: Bool, idle: () -> String?) -> GroupRead {
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return .endOfInput }
        var raw = saved
        // Keys one by one, no echo, and Ctrl-C arrives as a byte so the terminal is always restored.
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(fd, TCSANOW, &raw)
        defer { tcsetattr(fd, TCSANOW, &saved) }

        var line: [UInt8] = []
        var overflow = 0
        var escape = 0
        func redraw() {
            var text = "\r\u{1B}[K" + prompt()
            if !secret { text += String(decoding: line, as: UTF8.self) }
            emit(text)
        }
        redraw()
        while true {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 1000)
            if ready == 0 {
                if let message = idle() { emit("\r\u{1B}[K" + message) }
                redraw()
                continue
            }
            if ready < 0 {
                if errno == EINTR { continue }
                return .endOfInput
            }
            var byte: UInt8 = 0
            let count = read(fd, &byte, 1)
            if count <= 0 { return .endOfInput }
            if escape > 0 {
                // Arrow keys and the like: ESC [ x, ignored.
                escape = (escape == 1 && byte == UInt8(ascii: "[")) ? 2 : 0
                if escape == 2, byte != UInt8(ascii: "["), !(0x30...0x3F).contains(byte) { escape = 0 }
                continue
            }
            switch byte {
            case 13, 10:
                emit("\r\n")
                if overflow > 0 { return .tooLong(bytes: line.count + overflow) }
                return .line(String(decoding: line, as: UTF8.self))
            case 3, 4:
                if byte == 4, !line.isEmpty { continue }
                emit("\r\n")
                return .endOfInput
            case 127, 8:
                // Past the limit, Backspace takes back the bytes that were only counted.
                if overflow > 0 {
                    overflow -= 1
                    continue
                }
                while let last = line.popLast(), last & 0xC0 == 0x80 {}
                redraw()
            case 21:
                line.removeAll()
                overflow = 0
                redraw()
            case 27:
                escape = 1
            default:
                guard byte >= 32 else { continue }
                // Past the limit the bytes are counted, not kept; Enter then reports the line as too long.
                if line.count < InputLimits.maximumLineBytes { line.append(byte) } else { overflow += 1 }
                if !secret { redraw() }
            }
        }
    }

    private func emit(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(out, $0.baseAddress, $0.count) }
            if written <= 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
