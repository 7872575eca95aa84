/// A session file that could not be read, with the reason. It is reported and never overwritten.
public struct UnreadableFile: Error, Sendable, Hashable, Codable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
