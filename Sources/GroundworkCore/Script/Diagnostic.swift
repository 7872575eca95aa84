/// One problem found while loading or validating scripts.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible, Codable {
    /// How bad the problem is; an error keeps the script from running.
    public enum Severity: String, Sendable, Hashable, Codable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation
    /// Short, lowercase, quoting the user's token in single quotes.
    public var message: String
    /// The source line the problem is on, for a caret line; nil when unknown.
    public var sourceLine: String?

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, sourceLine: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
    }

    /// `path:line:column: error: message`
    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    /// The description followed, when the source line is known, by the line and a caret under the column.
    public var rendered: String {
        guard let line = sourceLine else { return description }
        let pad = String(repeating: " ", count: max(0, location.column - 1))
        return "\(description)\n\(line)\n\(pad)^"
    }
}
