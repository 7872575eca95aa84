import Foundation
import Testing
import GroundworkTestSupport

/// Faults met by the built binary: a signal while it writes, a read-only data folder, a folder in
/// place of a session file. The previous state stays intact, the person is told, and nothing
/// half-written is ever read back as valid.
@Suite
struct FaultTests {
    /// `count` sessions of about 2 MB each, so that writing one takes a noticeable moment.
    static func bigSessions(_ data: String, count: Int) throws {
        for i in 0..<count {
            try StoreCLI.writeSession(data, id: String(format: "d%011d", i), started: String(format: "2026-03-01T10:%02d:00.000Z", i), score: 40 + i)
        }
        let folder = data + "/users/tester/sessions"
        let long = String(repeating: "a long answer about my work and my worries. ", count: 45_000)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let path = folder + "/" + name
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "\"text\": \"nurse\"", with: "\"text\": \"\(long)\"")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// Starts `process` with SIGTERM and SIGHUP unblocked, as a shell starts commands. The test
    /// runner's threads block signals, and a child inherits the mask of the thread that spawns it.
    static func launchAsAShellWould(_ process: Process) throws {
        var unblock = sigset_t(), previous = sigset_t()
        sigemptyset(&unblock)
        for number in [SIGTERM, SIGHUP, SIGINT] { sigaddset(&unblock, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }

    /// Freezes the process (SIGSTOP) again and again until it is caught with a temp file in
    /// `folder`, that is, part-way through a durable write; then sends `number` and lets it go on.
    /// False when the process finished first.
    static func signalMidWrite(_ process: Process, _ number: Int32, folder: String) -> Bool {
        let pid = process.processIdentifier
        for _ in 0..<20_000 where process.isRunning {
            kill(pid, SIGSTOP)
            for _ in 0..<1000 where !isStopped(pid) { usleep(50) }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if names.contains(where: { $0.hasPrefix(".tmp-") }) {
                kill(pid, number)
                kill(pid, SIGCONT)
                return true
            }
            kill(pid, SIGCONT)
            usleep(300)
        }
        return false
    }

    /// Whether /proc says the process is stopped (its main thread; another thread may take a moment
    /// longer to stop, so a write seen in progress may still finish before the signal lands).
    static func isStopped(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(close, offsetBy: 2)...].hasPrefix("T")
    }

    /// SIGTERM or SIGHUP caught part-way through a durable write (a temp file on disk) while `encrypt`
    /// rewrites every session: the write in progress is finished, the process then ends by the
    /// signal and says so, no temp file is left, and every session reads back whole.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/stat"), "needs /proc"), arguments: [SIGTERM, SIGHUP])
    func signalWhileWritingLeavesEveryFileWhole(_ number: Int32) throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try Self.bigSessions(data, count: 12)
        let sessions = data + "/users/tester/sessions"
        var caught = 0
        for _ in 0..<4 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: StoreCLI.binary)
            process.arguments = ["encrypt", "--data-dir", data, "--user", "tester"]
            process.environment = GroundworkBinary.childEnvironment().merging(["GROUNDWORK_PASSPHRASE": "a long blue kettle"]) { $1 }
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            try Self.launchAsAShellWould(process)
            let midWrite = Self.signalMidWrite(process, number, folder: sessions)
            let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if midWrite {
                caught += 1
                #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == number, "\(said)")
                let name = number == SIGHUP ? "SIGHUP (the terminal closed)" : "SIGTERM"
                // Usually "... once the file being saved was complete"; without that tail when the
                // write finished just before the signal landed.
                #expect(said.contains("groundwork: stopped by \(name)"), "\(said)")
            } else {
                #expect(process.terminationStatus == 0, "\(said)")
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: sessions)
            #expect(names.filter { $0.hasPrefix(".tmp-") }.isEmpty, "temp files left: \(names)")
            #expect(names.count == 12)
        }
        #expect(caught > 0, "never caught the process part-way through a write; the test proved nothing")
        // Finishing the job leaves 12 whole, readable sessions, none of them half plain, half sealed.
        let finish = try EncryptionTests.run(["encrypt"], data: data, passphrase: "a long blue kettle")
        #expect(finish.status == 0, "\(finish.stderr)")
        let doctor = try EncryptionTests.run(["doctor"], data: data, passphrase: "a long blue kettle")
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        #expect(doctor.stdout.contains("12 of 12 session files readable"))
    }

    /// SIGTERM or SIGHUP part-way through a turn's save in a long journal fed through a pipe: the
    /// process ends by the signal, no temp file is left, and the session on disk is whole and
    /// readable (doctor finds nothing wrong), with the turns saved before the signal.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/stat"), "needs /proc"), arguments: [SIGTERM, SIGHUP])
    func signalDuringAJournal(_ number: Int32) throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let sessions = data + "/users/tester/sessions"
        let input = data + "/input.txt"
        let lines = (0..<4000).map { "line \($0): today I thought about my work and my family and what comes next" }
        try (lines.joined(separator: "\n") + "\n/done\n").write(toFile: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: StoreCLI.binary)
        process.arguments = ["journal", "--data-dir", data, "--user", "tester"]
        process.standardInput = FileHandle(forReadingAtPath: input)
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try Self.launchAsAShellWould(process)
        // Let the session grow first, so each save takes a moment.
        Thread.sleep(forTimeInterval: 1.5)
        let midWrite = Self.signalMidWrite(process, number, folder: sessions)
        // Read stderr to its end: that is the process's real end (it was stopped and continued).
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(midWrite, "the journal ended before a save was caught in progress")
        #expect(said.contains("groundwork: stopped by \(number == SIGHUP ? "SIGHUP" : "SIGTERM")"), "\(said)")
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == number,
                "\(process.terminationReason.rawValue) \(process.terminationStatus)")
        let names = try FileManager.default.contentsOfDirectory(atPath: sessions)
        #expect(names.filter { $0.hasPrefix(".tmp-") }.isEmpty, "temp files left: \(names)")
        let doctor = try StoreCLI.run(["doctor"], data: data)
        #expect(doctor.status == 0, "\(doctor.stdout)")
        #expect(doctor.stdout.contains("1 of 1 session file readable"), "\(doctor.stdout)")
        let history = try StoreCLI.run(["history", "--format", "json"], data: data)
        #expect(history.stdout.contains("\"status\": \"active\""), "\(history.stdout)")
    }

    /// A session file replaced by a folder: history warns by path and lists the rest; doctor reports it.
    @Test func folderInPlaceOfASessionFile() throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        try StoreCLI.writeSession(data, id: "eeeeeeeeeee1", started: "2026-03-01T10:00:00.000Z", score: 40)
        try StoreCLI.writeSession(data, id: "eeeeeeeeeee2", started: "2026-04-01T10:00:00.000Z", score: 50)
        let path = data + "/users/tester/sessions/20260301T100000Z-career-checkin-eeeeeeeeeee1.json"
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)

        let history = try StoreCLI.run(["history"], data: data)
        #expect(history.status == 0)
        #expect(history.stdout.contains("eeeeeeeeeee2") && !history.stdout.contains("eeeeeeeeeee1"))
        #expect(history.stderr.contains("groundwork: warning: cannot read '\(path)': is a directory"))
        let doctor = try StoreCLI.run(["doctor"], data: data)
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("unreadable: \(path): is a directory"))
    }

    /// A data folder on a read-only mount: reading works, writing is refused with the path and the
    /// reason (exit status 1), and nothing changes.
    @Test(.enabled(if: FaultTests.canMount, "needs root and permission to mount tmpfs (mount -t tmpfs)"))
    func readOnlyDataFolder() throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        guard Self.mount(["-t", "tmpfs", "-o", "size=1m", "tmpfs", data]) else {
            Issue.record("mount -t tmpfs failed although the probe worked")
            return
        }
        defer { umount2(data, Int32(MNT_DETACH)) }
        try StoreCLI.writeSession(data, id: "fffffffffff1", started: "2026-03-01T10:00:00.000Z", score: 40)
        #expect(Self.mount(["-o", "remount,ro", data]))
        let history = try StoreCLI.run(["history"], data: data)
        #expect(history.status == 0 && history.stdout.contains("fffffffffff1"), "\(history.stderr)")
        let forget = try StoreCLI.run(["forget", "--all", "--yes"], data: data)
        #expect(forget.status == 1)
        #expect(forget.stderr == "groundwork: could not open lock '\(data)/users/tester/.lock': read-only file system\n")
        #expect(FileManager.default.fileExists(atPath: data + "/users/tester/sessions/20260301T100000Z-career-checkin-fffffffffff1.json"))
    }

    /// The disk fills up part-way through a journal: the person is told which file could not be
    /// saved and why (exit status 1), and the session saved before stays whole and readable.
    @Test(.enabled(if: FaultTests.canMount, "needs root and permission to mount tmpfs (mount -t tmpfs)"))
    func diskFullDuringASession() throws {
        let data = try StoreCLI.dataFolder()
        defer { try? FileManager.default.removeItem(atPath: data) }
        guard Self.mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", data]) else {
            Issue.record("mount -t tmpfs failed although the probe worked")
            return
        }
        defer { umount2(data, Int32(MNT_DETACH)) }
        let first = try Groundwork.run(["journal", "--data-dir", data, "--user", "tester"], input: "a first line about work\n/done\n")
        #expect(first.status == 0, "\(first.stderr)")
        let saved = Groundwork.sessionFiles(data)
        #expect(saved.count == 1)
        let before = FileManager.default.contents(atPath: saved[0])
        // Fill the disk.
        _ = FileManager.default.createFile(atPath: data + "/filler", contents: nil)
        let filler = try #require(FileHandle(forWritingAtPath: data + "/filler"))
        let block = Data(repeating: 0x41, count: 1024)
        while (try? filler.write(contentsOf: block)) != nil {}
        try filler.close()

        let full = try Groundwork.run(["journal", "--data-dir", data, "--user", "tester"],
                                      input: String(repeating: "a long line about my week ", count: 40) + "\n/done\n")
        #expect(full.status == 1)
        #expect(full.stderr.hasPrefix("groundwork: could not save '\(data)/users/tester/sessions/"), "\(full.stderr)")
        #expect(full.stderr.hasSuffix("': no space left on device\n"), "\(full.stderr)")
        #expect(FileManager.default.contents(atPath: saved[0]) == before)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: data + "/users/tester/sessions")) ?? []
        #expect(names.allSatisfy { !$0.hasPrefix(".tmp-") }, "\(names)")
        try FileManager.default.removeItem(atPath: data + "/filler")
        let history = try StoreCLI.run(["history"], data: data)
        #expect(history.status == 0 && history.stderr.isEmpty, "\(history.stderr)")
    }

    /// Whether a tmpfs can be mounted here (root with CAP_SYS_ADMIN; not in every container).
    static let canMount: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount"),
              let probe = try? StoreCLI.dataFolder() else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]) else { return false }
        umount2(probe, Int32(MNT_DETACH))
        return true
    }()

    static func mount(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
