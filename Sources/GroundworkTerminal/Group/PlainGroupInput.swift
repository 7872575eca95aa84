#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GroundworkCore

/// Lines from a file descriptor that is not a terminal (a pipe or a file): no prompts, no echo
/// handling, one line at a time, read through `PlainLineReader` (so a line over
/// `InputLimits.maximumLineBytes` is skipped and reported, and reading stays linear).
public final class PlainGroupInput: GroupInput {
    private let reader: PlainLineReader

    public init(fd: Int32 = 0) {
        self.reader = PlainLineReader(fileDescriptor: fd)
    }

    public func readLine(prompt: () -> String, secret: Bool, idle: () -> String?) -> GroupRead {
        switch reader.readLine(prompt: "") {
        case .line(let line): return .line(line)
        case .tooLong(let bytes): return .tooLong(bytes: bytes)
        case .endOfInput, .interrupted: return .endOfInput
        }
    }
}
