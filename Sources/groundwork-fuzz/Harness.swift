#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GroundworkCore
import Synchronization

/// The seeded mutation harness: runs every corpus entry, then mutated inputs until the time or
/// iteration budget is spent. Each input is written to `lastInputPath` before it runs, so when a
/// trap kills the process the input that did it is on disk.
struct Harness {
    var target: FuzzTarget
    var corpus: [[UInt8]]
    var seed: UInt64
    var seconds: Double
    var iterations: Int
    var lastInputPath: String
    /// An input running longer than this is reported as a hang and the process exits.
    var hangSeconds: Double

    struct Summary {
        var runs = 0
        var kept = 0
        var features = 0
        var slowest = 0.0
        var elapsed = 0.0
    }

    func run() -> Summary {
        let fd = open(lastInputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 { fail("cannot write '\(lastInputPath)'") }
        defer { close(fd) }
        let watchdog = Watchdog(limit: hangSeconds, name: target.name, lastInputPath: lastInputPath)
        watchdog.start()

        var rng = SplitMix64(seed: seed)
        let mutator = Mutator(dictionary: target.dictionary.map { Array($0.utf8) }, maxLength: target.maxLength)
        var pool = corpus.isEmpty ? [[]] : corpus
        var seen = Set<String>()
        var summary = Summary()
        let started = now()

        func execute(_ input: [UInt8]) -> Bool {
            record(input, fd: fd)
            let begin = now()
            watchdog.begin(at: begin)
            let features = target.run(input)
            let end = now()
            watchdog.end()
            summary.runs += 1
            summary.slowest = max(summary.slowest, end - begin)
            var new = false
            for feature in features where seen.insert(feature).inserted { new = true }
            return new
        }

        for input in corpus { _ = execute(input) }
        while summary.runs < iterations, now() - started < seconds {
            let base = pool.randomElement(using: &rng) ?? []
            let other = pool.randomElement(using: &rng) ?? []
            let input = mutator.mutate(base, other: other, using: &rng)
            if execute(input), pool.count < 5_000 {
                pool.append(input)
                summary.kept += 1
            }
        }
        summary.features = seen.count
        summary.elapsed = now() - started
        return summary
    }

    private func record(_ input: [UInt8], fd: Int32) {
        _ = ftruncate(fd, 0)
        _ = input.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }
}

/// Seconds on a monotonic clock.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Writes a line to standard error.
func printError(_ line: String) {
    let text = line + "\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
}

/// Prints a one-line error and exits with status 2.
func fail(_ message: String) -> Never {
    printError("groundwork-fuzz: \(message)")
    exit(2)
}

/// Watches the running input from a second thread; one that runs too long ends the process.
final class Watchdog: Sendable {
    private let limit: Double
    private let name: String
    private let lastInputPath: String
    /// Start of the running input in nanoseconds, 0 when none is running.
    private let startedAt = Atomic<UInt64>(0)

    init(limit: Double, name: String, lastInputPath: String) {
        self.limit = limit
        self.name = name
        self.lastInputPath = lastInputPath
    }

    func begin(at time: Double) { startedAt.store(UInt64(time * 1e9), ordering: .releasing) }
    func end() { startedAt.store(0, ordering: .releasing) }

    func start() {
        let box = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        _ = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let watchdog = Unmanaged<Watchdog>.fromOpaque(raw).takeRetainedValue()
            watchdog.watch()
            return nil
        }, box)
        pthread_detach(thread)
    }

    private func watch() {
        while true {
            usleep(100_000)
            let begun = startedAt.load(ordering: .acquiring)
            if begun != 0, now() - Double(begun) / 1e9 > limit {
                printError("groundwork-fuzz: \(name): an input ran longer than \(limit) s (a hang); it is in \(lastInputPath)")
                _exit(3)
            }
        }
    }
}
