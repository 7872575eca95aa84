import Foundation
import Synchronization
import Testing
import GroundworkTestSupport

/// No core dumps, and SIGQUIT ends the process (issue 12, item 4). A core file would hold the
/// decrypted answers and the passphrase; the Swift runtime's crash handler used to take the first
/// SIGQUIT ("Program crashed") and let the process run on.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/limits"), "needs /proc"))
struct ProcessGuardTests {
    /// Whether the kernel writes core files as plain files (a pattern, not a pipe to a helper), so
    /// that one left in the working folder would show.
    static var coresAreFiles: Bool {
        guard let pattern = try? String(contentsOfFile: "/proc/sys/kernel/core_pattern", encoding: .utf8) else { return false }
        return !pattern.hasPrefix("|")
    }

    @Test func sigquitEndsTheProcessWithoutACore() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let process = Process()
        // As from a shell that allows core files of any size.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -c unlimited 2>/dev/null; exec \"$0\" \"$@\"", Groundwork.binary, "start", "mini"]
            + Groundwork.fixtureOptions(data + "/data")
        process.currentDirectoryURL = URL(fileURLWithPath: data)
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let shown = Mutex("")
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            shown.withLock { $0 += String(decoding: chunk, as: UTF8.self) }
        }
        defer { output.fileHandleForReading.readabilityHandler = nil }
        try Self.launchWithSignalsUnblocked(process)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !shown.withLock({ $0.contains("What should I call you?") }) { usleep(2_000) }
        #expect(shown.withLock { $0.contains("What should I call you?") })

        // The limit the shell raised is 0 again, soft and hard, in the running coach.
        let limits = try String(contentsOfFile: "/proc/\(process.processIdentifier)/limits", encoding: .utf8)
        let core = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }.map(String.init) ?? ""
        #expect(core.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).prefix(2) == ["0", "0"], "\(core)")

        kill(process.processIdentifier, SIGQUIT)
        let ended = Date().addingTimeInterval(10)
        while Date() < ended, process.isRunning { usleep(10_000) }
        #expect(!process.isRunning, "SIGQUIT did not end the process")
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGQUIT,
                "\(process.terminationReason.rawValue) \(process.terminationStatus)")
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!said.contains("Program crashed"), "\(said)")
        if Self.coresAreFiles {
            let names = try FileManager.default.contentsOfDirectory(atPath: data)
            #expect(!names.contains { $0.hasPrefix("core") }, "a core file was written: \(names)")
        }
        // The answers so far are still there to resume.
        #expect(Groundwork.sessionFiles(data + "/data").count == 1)
    }

    /// Ctrl-\\ at the line editor in a real terminal: the coach ends by SIGQUIT (status 131), with
    /// no core file even though the shell allows any size, and the answer given is saved.
    @Test
    func ctrlBackslashInATerminalEndsTheCoachWithoutACore() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let coach = ([Groundwork.binary, "start", "mini"] + Groundwork.fixtureOptions(data + "/data")).map(shellQuote).joined(separator: " ")
        let tmux = try Tmux("sh -c " + shellQuote("cd \(shellQuote(data)) && ulimit -c unlimited 2>/dev/null; exec \(coach)"))
        try tmux.waitForPrompt()
        try tmux.type("Ana")
        try tmux.send("Enter")
        try tmux.waitFor("Which sector do you work in?")
        try tmux.waitForPrompt()
        try tmux.send("C-\\")
        let screen = try tmux.waitFor("EXIT=")
        #expect(screen.contains("EXIT=131"), "\(screen)")
        #expect(!screen.contains("core dumped") && !screen.contains("Program crashed"), "\(screen)")
        if Self.coresAreFiles {
            let names = try FileManager.default.contentsOfDirectory(atPath: data)
            #expect(!names.contains { $0.hasPrefix("core") }, "a core file was written: \(names)")
        }
        let file = try #require(Groundwork.sessionFiles(data + "/data").first)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\"Ana\""))
    }

    @Test func doctorSaysCoreDumpsAreOff() throws {
        let data = try Groundwork.makeDataDir()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let doctor = try Groundwork.run(["doctor", "--data-dir", data, "--user", "tester"])
        #expect(doctor.status == 0, "\(doctor.stderr)")
        #expect(doctor.stdout.contains("core dumps: off (not dumpable, core size limit 0)\n"), "\(doctor.stdout)")
    }

    /// Starts `process` with SIGQUIT (and the other signals a shell leaves alone) unblocked: the test
    /// runner's threads block signals, and a child inherits the mask of the thread that spawns it.
    static func launchWithSignalsUnblocked(_ process: Process) throws {
        var unblock = sigset_t(), previous = sigset_t()
        sigemptyset(&unblock)
        for number in [SIGQUIT, SIGTERM, SIGHUP, SIGINT] { sigaddset(&unblock, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }
}
