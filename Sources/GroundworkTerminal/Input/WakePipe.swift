import Glibc

/// A pipe that wakes the terminal's wait for a key: anything that happens on another thread (a
/// device's answer in a hosted room, a message to a joined terminal) writes a byte, and the line
/// reader runs its idle tick at once (`LineRequest.wake`).
public final class WakePipe: Sendable {
    /// The end the line reader waits on; nil if no pipe could be made (ticks then come each second).
    public let descriptor: Int32?
    private let writeEnd: Int32

    public init() {
        var fds: [Int32] = [-1, -1]
        guard Glibc.pipe(&fds) == 0 else {
            descriptor = nil
            writeEnd = -1
            return
        }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        descriptor = fds[0]
        writeEnd = fds[1]
    }

    /// Wakes the reader; never blocks (a full pipe already wakes it).
    public func wake() {
        guard writeEnd >= 0 else { return }
        var byte: UInt8 = 1
        _ = Glibc.write(writeEnd, &byte, 1)
    }

    deinit {
        if let descriptor { close(descriptor) }
        if writeEnd >= 0 { close(writeEnd) }
    }
}
