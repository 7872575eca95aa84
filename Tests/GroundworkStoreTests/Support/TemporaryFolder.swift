import Foundation
@testable import GroundworkStore

/// A fresh folder under the system temp folder, removed when the test is done with it.
final class TemporaryFolder {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "groundwork-store-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw StoreError.io(operation: "create temp folder", path: "", errno: errno) }
        path = String(cString: made)
    }

    deinit {
        // Restore write permission on anything a test made read-only, then remove it all.
        _ = try? FileManager.default.subpathsOfDirectory(atPath: path).forEach {
            chmod(path + "/" + $0, 0o700)
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    var location: DataLocation { DataLocation(root: path + "/data") }

    func mode(of path: String) -> UInt32? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return UInt32(st.st_mode & 0o7777)
    }

    func bytes(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    func write(_ text: String, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
}
