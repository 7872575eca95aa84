#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where rendered text goes: standard output in the app, a buffer in tests.
public protocol TextOutput: AnyObject {
    func write(_ text: String)
}

/// Writes straight to a file descriptor (no stdio buffering, so output and prompts keep their order).
public final class FileDescriptorOutput: TextOutput {
    private let fd: Int32

    public init(fileDescriptor: Int32 = 1) {
        self.fd = fileDescriptor
    }

    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return  // a closed pipe: nothing more can be shown, and the session is saved regardless
            }
        }
    }
}

/// Collects output in memory.
public final class BufferOutput: TextOutput {
    public private(set) var text = ""

    public init() {}

    public func write(_ text: String) {
        self.text += text
    }
}
