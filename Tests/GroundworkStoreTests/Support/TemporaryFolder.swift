import Foundation
import GroundworkTestSupport
@testable import GroundworkStore

/// What the store tests look at in a temp folder: a data location inside it and files' modes and bytes.
extension TemporaryFolder {
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
