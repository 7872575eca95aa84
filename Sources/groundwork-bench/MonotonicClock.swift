#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nanoseconds from `CLOCK_MONOTONIC`: unaffected by wall-clock changes, cheap enough (vDSO) to
/// wrap a single engine step.
enum MonotonicClock {
    /// The current reading in nanoseconds.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Runs `body` and returns its result with the nanoseconds it took.
    @inline(__always)
    static func measure<T>(_ body: () throws -> T) rethrows -> (T, UInt64) {
        let start = now()
        let result = try body()
        return (result, now() - start)
    }

    /// What one pair of readings costs, so step latencies can be read against it.
    static func overhead() -> UInt64 {
        var samples = Samples()
        for _ in 0..<10_000 {
            let a = now()
            samples.append(now() - a)
        }
        return samples.percentile(50)
    }
}
