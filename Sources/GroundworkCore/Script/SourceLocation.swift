/// A place in a script file, for error messages (`path:line:column`).
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file path as given to the loader.
    public var path: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }
}

/// A text file handed to the loader: Core reads no disk itself.
public struct SourceFile: Sendable, Hashable, Codable {
    /// Path used in messages, relative to where the user pointed us.
    public var path: String
    /// The file's contents.
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}
