import Foundation

/// Golden files: compared on every run, rewritten only with `GROUNDWORK_RECORD=1`, and a run that
/// records still fails, so a re-recorded file is always read (its diff) before it is committed.
public enum Golden {
    /// Whether this run records: `GROUNDWORK_RECORD=1`, read here and nowhere else in the tests.
    public static let isRecording = ProcessInfo.processInfo.environment["GROUNDWORK_RECORD"] == "1"

    /// Checks the golden file at `path`: `difference` says how the current output differs (nil when
    /// it matches). With `GROUNDWORK_RECORD=1` the file is rewritten from `recorded` instead and the
    /// check fails saying so; a missing file fails with how to record it. Never writes otherwise.
    public static func check(_ path: String, recorded: () throws -> String, difference: () throws -> String?) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        if isRecording {
            let text = try recorded()
            if exists, try String(contentsOfFile: path, encoding: .utf8) == text { return }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            throw TestSupportError("recorded \(path); read its diff, then run again without GROUNDWORK_RECORD")
        }
        guard exists else {
            throw TestSupportError("no golden file at \(path); record it with GROUNDWORK_RECORD=1 and read it before committing")
        }
        if let difference = try difference() {
            throw TestSupportError("\(path) differs; if the change is intended, re-record with GROUNDWORK_RECORD=1\n\(difference)")
        }
    }

}
