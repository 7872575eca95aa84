import Foundation
import Testing

/// Writing to a full stdout (`> /dev/full`) is one line on stderr and status 1, never a crash
/// (issue 12, item 8).
@Suite(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full"), "needs /dev/full"))
struct OutputFailureTests {
    @Test(arguments: [["history"], ["export"], ["summary", "--last"], ["search", "hello"]])
    func aFullStdoutIsAnErrorNotACrash(_ command: [String]) throws {
        let data = try Groundwork.makeDataDir()
        let journal = try Groundwork.run(["journal", "--data-dir", data, "--user", "u"], input: "hello there\n/done\n")
        #expect(journal.status == 0, "stderr: \(journal.stderr)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Groundwork.binary)
        process.arguments = command + ["--data-dir", data, "--user", "u"]
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1)
        #expect(stderr == "groundwork: cannot write to standard output: no space left on device; send the output somewhere with room\n")
    }

    @Test func exportRefusesASymbolicLinkOrADevice() throws {
        let data = try Groundwork.makeDataDir()
        _ = try Groundwork.run(["journal", "--data-dir", data, "--user", "u"], input: "hello there\n/done\n")
        let target = data + "/target.md", link = data + "/link.md"
        try "keep me\n".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        for path in [link, "/dev/null"] {
            let result = try Groundwork.run(["export", "--data-dir", data, "--user", "u", "-o", path])
            #expect(result.status != 0)
            #expect(result.stderr.contains("export writes only regular files"), "\(result.stderr)")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me\n")
        let fresh = try Groundwork.run(["export", "--data-dir", data, "--user", "u", "-o", data + "/new.md"])
        #expect(fresh.status == 0, "\(fresh.stderr)")
    }
}
