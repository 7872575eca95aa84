import Foundation
import GroundworkStore

// groundwork-bench: the in-process figures of `make bench` as tab-separated rows on stdout
// (figure, value, target, verdict); scripts/bench.sh adds the whole-process figures and prints the
// table. Progress and explanations go to stderr.
//
//   groundwork-bench [--dialogues DIR] [--prompts DIR] [--runs N] [--only reflection,steps,persistence,load,cache]
//                    [--steps N]       (engine steps to time, default 60,000)
//                    [--scratch DIR]   (a data folder for the save figures; default: a temporary one, removed)
//   groundwork-bench seed-history --home DIR [--user NAME] [--sessions N]
//   groundwork-bench table ROWS.tsv [--markdown]

/// The command line, parsed by hand (the bench takes few options and no package for them).
struct Arguments {
    static let flags: Set<String> = ["markdown"]

    var values: [String: String] = [:]
    var flags: Set<String> = []
    var command: String?
    var positional: [String] = []

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        if let first = rest.first, !first.hasPrefix("--") {
            command = first
            rest = rest.dropFirst()
        }
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else {
                positional.append(argument)
                continue
            }
            let name = String(argument.dropFirst(2))
            if Self.flags.contains(name) {
                flags.insert(name)
                continue
            }
            guard let value = rest.popFirst() else { throw BenchError("option '\(argument)' needs a value") }
            values[name] = value
        }
    }

    func int(_ name: String, default fallback: Int) throws -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text), value > 0 else { throw BenchError("--\(name) needs a positive whole number, not '\(text)'") }
        return value
    }
}

/// The repository folder: the current folder when it holds `dialogues/`, else found from the executable.
func repositoryFolder() -> String {
    let current = FileManager.default.currentDirectoryPath
    if FileManager.default.fileExists(atPath: current + "/dialogues") { return current }
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("dialogues").path) { return url.path }
        url.deleteLastPathComponent()
    }
    return current
}

func main() throws {
    let arguments = try Arguments(Array(CommandLine.arguments.dropFirst()))
    let repository = repositoryFolder()
    switch arguments.command {
    case nil:
        let folder = try ScriptFolder(dialogues: arguments.values["dialogues"] ?? repository + "/dialogues",
                                      prompts: arguments.values["prompts"] ?? repository + "/prompts")
        let runs = try arguments.int("runs", default: 5)
        let only = Set((arguments.values["only"] ?? "reflection,listening,safety,steps,persistence,load,cache").split(separator: ",").map(String.init))
        if only.contains("reflection") { ReflectionBench(folder: folder, runs: runs).run().forEach { $0.emit() } }
        if only.contains("listening") { ListeningBench(folder: folder, repository: repository).run().forEach { $0.emit() } }
        if only.contains("safety") {
            let corpus = ["tuning", "held-out"].flatMap { portion -> [String] in
                let path = repository + "/Tests/Corpora/safety/\(portion).tsv"
                let text = (try? ScriptFolder.read(path)) ?? ""
                return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: "\t").last.map(String.init) }
            }
            SafetyBench(folder: folder, corpus: corpus).run().forEach { $0.emit() }
        }
        if only.contains("steps") {
            StepBench(folder: folder, minimumSamples: try arguments.int("steps", default: 60_000)).run().forEach { $0.emit() }
        }
        if only.contains("persistence") {
            let scratch = arguments.values["scratch"] ?? NSTemporaryDirectory() + "groundwork-bench-\(getpid())"
            // A turn's save at 10, 100 and 1,000 entries: the write is a whole rewrite, so its cost
            // grows with the session; the turn's work in memory does not (TurnCostTests).
            for turns in [10, 100, 1_000] {
                PersistenceBench(scratch: scratch + "/\(turns)", turns: turns, saves: turns >= 1_000 ? 60 : 200).run().forEach { $0.emit() }
            }
            if arguments.values["scratch"] == nil { try? FileManager.default.removeItem(atPath: scratch) }
        }
        if only.contains("load") { LoadBench(folder: folder, runs: runs).run().forEach { $0.emit() } }
        if only.contains("cache") { CacheBench(folder: folder, runs: runs).run().forEach { $0.emit() } }
    case "seed-history"?:
        guard let home = arguments.values["home"] else { throw BenchError("usage: groundwork-bench seed-history --home DIR [--user NAME] [--sessions N]") }
        let count = try arguments.int("sessions", default: 1_000)
        do throws(StoreError) {
            let written = try SessionFactory.writeHistory(home: home, user: arguments.values["user"] ?? "bench", count: count)
            print("wrote \(written) sessions under \(home)")
        } catch {
            throw BenchError("\(error)")
        }
    case "table"?:
        guard let path = arguments.positional.first else { throw BenchError("usage: groundwork-bench table ROWS.tsv [--markdown]") }
        let table = try ResultsTable(contentsOf: path)
        print(arguments.flags.contains("markdown") ? table.markdown : table.plain)
    case let other?:
        throw BenchError("unknown command '\(other)'")
    }
}

do {
    try main()
} catch {
    note("error: \(error)")
    exit(1)
}
