import Foundation

/// A fresh folder under the system temp folder, removed (read-only parts included) when released.
public final class TemporaryFolder {
    public let path: String

    /// Makes the folder; `prefix` names it, so a folder left by a crashed run says whose it was.
    public init(prefix: String = "groundwork-test") throws {
        path = try TemporaryFolder.make(prefix: prefix)
    }

    deinit {
        // Restore write permission on anything a test made read-only, then remove it all.
        _ = try? FileManager.default.subpathsOfDirectory(atPath: path).forEach {
            chmod(path + "/" + $0, 0o700)
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A fresh, empty folder that the caller owns (not removed automatically), e.g. a data folder
    /// a child process writes into.
    public static func make(prefix: String = "groundwork-test") throws -> String {
        var template = Array((NSTemporaryDirectory() + prefix + "-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw TestSupportError("cannot create a temp folder under \(NSTemporaryDirectory()) (errno \(errno))")
        }
        return String(cString: made)
    }
}

/// A test-support failure with a message that says what to do.
public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
