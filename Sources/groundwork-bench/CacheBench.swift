import Foundation
import GroundworkCore
import GroundworkStore

/// In-process cost of the script cache (`ScriptCache`) on the library `journal --no-save` loads
/// (the rule sets and every template): hashing the files for the key, and reading the library back
/// with the cache's compact coder beside Foundation's JSON and binary property-list coders (the
/// choice of format was made on these figures).
struct CacheBench {
    var folder: ScriptFolder
    var runs: Int

    func run() -> [Row] {
        let scripts = folder.scripts.filter { $0.path.contains("/rules/") }
        let library = folder.load(scripts: scripts, deferringClassifier: true)
        let entry = ScriptCache.Entry(library: library.library, errors: [])
        let files = (scripts + folder.prompts.map(\.file)).map { (path: $0.path, bytes: Array($0.text.utf8)) }
        let bytes = files.reduce(0) { $0 + $1.bytes.count }
        let inputs = files.map { ScriptCache.Input(path: $0.path, bytes: $0.bytes) }
        var rows: [Row] = []
        rows.append(Row(figure: "cache key from the bytes: SHA-256 of \(files.count) files, \(bytes / 1024) KB (in-process)",
                        value: Formatting.millis(median {
                            _ = ScriptCache.key(request: "bench", inputs: files.map { ScriptCache.Input(path: $0.path, bytes: $0.bytes) })
                        }), target: "", verdict: .info))
        // A warm start reads no file: each one's stamp, then the key from the recorded digests.
        rows.append(Row(figure: "  from the recorded digests after a stat of each file (as a warm start does)",
                        value: Formatting.millis(median {
                            for file in files { _ = ScriptCache.Stamp.of(file.path) }
                            _ = ScriptCache.key(request: "bench", inputs: inputs)
                        }), target: "", verdict: .info))
        rows.append(Row(figure: "  load + validate the same from the files (in-process)",
                        value: Formatting.millis(median { _ = folder.load(scripts: scripts, deferringClassifier: true) }), target: "", verdict: .info))
        do {
            let compact = try CompactEncoder().encode(entry)
            rows.append(Row(figure: "  read back, compact coder (\(compact.count / 1024) KB, as the cache does)",
                            value: Formatting.millis(median { _ = try? CompactDecoder().decode(ScriptCache.Entry.self, from: compact) }), target: "", verdict: .info))
            let json = try JSONEncoder().encode(entry)
            rows.append(Row(figure: "  read back, JSONDecoder (\(json.count / 1024) KB)",
                            value: Formatting.millis(median { _ = try? JSONDecoder().decode(ScriptCache.Entry.self, from: json) }), target: "", verdict: .info))
            let encoder = PropertyListEncoder()
            encoder.outputFormat = .binary
            let plist = try encoder.encode(entry)
            rows.append(Row(figure: "  read back, binary PropertyListDecoder (\(plist.count / 1024) KB)",
                            value: Formatting.millis(median { _ = try? PropertyListDecoder().decode(ScriptCache.Entry.self, from: plist) }), target: "", verdict: .info))
            rows += try partRows(entry.library)
        } catch {
            rows.append(.skipped("cache read-back", because: "could not encode: \(error)"))
        }
        return rows
    }

    /// The compact read-back of each part of the library alone, to show where a read goes.
    private func partRows(_ library: ScriptLibrary) throws -> [Row] {
        func row<T: Codable>(_ name: String, _ value: T) throws -> Row {
            let bytes = try CompactEncoder().encode(value)
            return Row(figure: "    \(name) (\(bytes.count / 1024) KB)",
                       value: Formatting.millis(median { _ = try? CompactDecoder().decode(T.self, from: bytes) }), target: "", verdict: .info)
        }
        var rows: [Row] = []
        for name in library.ruleSets.keys.sorted() {
            if let ruleSet = library.ruleSets[name] { rows.append(try row("rule set '\(name)'", ruleSet)) }
        }
        if let net = library.safetyNet { rows.append(try row("safety net", net)) }
        rows.append(try row("\(library.prompts.templates.count) templates", library.prompts))
        return rows
    }

    private func median(_ work: () -> Void) -> UInt64 {
        var times = Samples()
        for pass in 0...runs {
            let elapsed = MonotonicClock.measure(work).1
            if pass > 0 { times.append(elapsed) }
        }
        return times.median()
    }
}
