#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of the results table: written as tab-separated fields for `scripts/bench.sh`, which
/// joins these with the whole-process figures and prints the table.
struct Row {
    /// Whether a figure met its target.
    enum Verdict: String {
        case met, missed
        /// No target for this figure (shown for context).
        case info = "—"
        /// Could not be measured here; the figure column says why.
        case skipped
    }

    var figure: String
    var value: String
    var target: String
    var verdict: Verdict

    /// Prints the row to stdout as `figure<TAB>value<TAB>target<TAB>verdict`.
    func emit() {
        print("\(figure)\t\(value)\t\(target)\t\(verdict.rawValue)")
    }

    static func skipped(_ figure: String, because reason: String, target: String = "") -> Row {
        Row(figure: figure, value: reason, target: target, verdict: .skipped)
    }
}

/// Progress and explanations for the person running the bench (stderr, so stdout stays the table).
func note(_ text: String) {
    var standardError = StandardError()
    print(text, to: &standardError)
}

/// stderr as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        writeToStandardError(Array(string.utf8))
    }
}

/// Writes all of `bytes` to file descriptor 2 (no shared `FILE*`, which Swift 6 rejects as unsafe).
private func writeToStandardError(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { buffer in
            write(2, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        }
        if written <= 0 { return }
        offset += written
    }
}
