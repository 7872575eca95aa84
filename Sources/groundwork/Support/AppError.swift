/// A failure reported to the person as one line on stderr, with a documented exit status.
struct AppError: Error, CustomStringConvertible {
    /// Exit statuses, as the README documents them.
    enum Status: Int32 {
        case failure = 1
        case usage = 2
        case locked = 3
        case unreadableState = 4
    }

    var message: String
    var status: Status

    init(_ message: String, status: Status = .failure) {
        self.message = message
        self.status = status
    }

    var description: String { message }
}
