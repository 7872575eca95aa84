import Foundation
import GroundworkTestSupport
@testable import GroundworkStore

/// `mount` failed, with what it said.
struct MountError: Error, CustomStringConvertible {
    var arguments: [String]
    var message: String
    var description: String { "mount \(arguments.joined(separator: " ")): \(message)" }
}

/// A tmpfs mounted on a fresh folder, unmounted and removed when done.
final class MountedFolder {
    let path: String

    static let canMount: Bool = {
        guard getuid() == 0, let probe = try? MountedFolder(size: "64k") else { return false }
        return (try? probe.remount(readOnly: true)) != nil
    }()

    init(size: String) throws {
        path = try TemporaryFolder.make(prefix: "groundwork-mount")
        do {
            try MountedFolder.mount(["-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", path])
        } catch {
            rmdir(path)
            throw error
        }
    }

    func remount(readOnly: Bool) throws {
        try MountedFolder.mount(["-o", readOnly ? "remount,ro" : "remount,rw", path])
    }

    deinit {
        umount2(path, Int32(MNT_DETACH))
        rmdir(path)
    }

    private static func mount(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardError = pipe
        try process.run()
        let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw MountError(arguments: arguments, message: message)
        }
    }
}
