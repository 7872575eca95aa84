#if !LIBFUZZER
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GroundworkCore

/// groundwork-fuzz TARGET... [--seconds S] [--iterations N] [--seed N] [--corpus DIR] [--out DIR]
///
/// Runs each target's seeds (DIR/<target>/* and the bundled dialogues and fixtures it reads) and then
/// mutated inputs for S seconds or N runs.
/// Before each run the input is written to OUT/last-input-<target>, so a crash leaves it behind.
/// (Built with -D LIBFUZZER instead, libFuzzer supplies `main`; see LibFuzzerEntry.swift.)
@main
struct FuzzCommand {
    static func main() {
        let usage = """
            usage: groundwork-fuzz [all | TARGET...] [--seconds S] [--iterations N] [--seed N] [--corpus DIR] [--out DIR] [--dialogues DIR] [--prompts DIR] [--fixtures DIR]
                   groundwork-fuzz TARGET... --show-features
                   groundwork-fuzz --write-dictionaries DIR
                   groundwork-fuzz --write-seeds DIR
            """
        var names: [String] = []
        var seconds = 5.0
        var iterations = Int.max
        var seed: UInt64 = 1
        var corpusDir = "Tests/FuzzCorpus"
        var outDir = ".build/fuzz"
        var dialoguesDir = "dialogues"
        var promptsDir = "prompts"
        var dictionaryDir: String?
        var seedsDir: String?
        var fixturesDir = "Tests/GroundworkStoreTests/Fixtures"
        var showFeatures = false
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            func value() -> String {
                guard let v = arguments.popFirst() else { fail("'\(argument)' needs a value\n\(usage)") }
                return v
            }
            switch argument {
            case "--seconds": seconds = Double(value()) ?? { fail("'--seconds' needs a number") }()
            case "--iterations": iterations = Int(value()) ?? { fail("'--iterations' needs a whole number") }()
            case "--seed": seed = UInt64(value()) ?? { fail("'--seed' needs a whole number") }()
            case "--corpus": corpusDir = value()
            case "--out": outDir = value()
            case "--dialogues": dialoguesDir = value()
            case "--prompts": promptsDir = value()
            case "--write-dictionaries": dictionaryDir = value()
            case "--write-seeds": seedsDir = value()
            case "--fixtures": fixturesDir = value()
            case "--show-features": showFeatures = true
            case "-h", "--help": print(usage); exit(0)
            default:
                if argument.hasPrefix("-") { fail("unknown option '\(argument)'\n\(usage)") }
                names.append(argument)
            }
        }

        let files = FileManager.default
        func read(_ path: String) -> [UInt8]? { files.contents(atPath: path).map { [UInt8]($0) } }
        func listing(_ dir: String) -> [String] { ((try? files.contentsOfDirectory(atPath: dir)) ?? []).sorted() }
        func tree(_ dir: String, ending suffix: String) -> [String] {
            ((files.enumerator(atPath: dir)?.allObjects as? [String]) ?? []).filter { $0.hasSuffix(suffix) }.sorted().map { dir + "/" + $0 }
        }
        /// A target's seeds: its committed corpus (`<corpus>/<target>/`), then the bundled files it
        /// reads, taken from where they live so the seeds never drift from them: the dialogue scripts
        /// (those within the target's input size) and transcripts, and the store's session fixtures.
        func seeds(for target: FuzzTarget) -> [(name: String, bytes: [UInt8])] {
            let committed = corpusDir + "/" + target.name
            var found = listing(committed).compactMap { name in read(committed + "/" + name).map { (name, $0) } }
            let bundled: [String] = switch target.name {
            case "yaml": tree(dialoguesDir, ending: ".yaml")
            case "transcript": tree(dialoguesDir, ending: ".transcript")
            case "session": tree(fixturesDir, ending: ".json")
            default: []
            }
            for path in bundled {
                guard let bytes = read(path), bytes.count <= target.maxLength else { continue }
                found.append(("bundled-" + path.replacingOccurrences(of: "/", with: "-"), bytes))
            }
            return found
        }

        let bundledRules = listing(dialoguesDir + "/rules").filter { $0.hasSuffix(".yaml") }.compactMap { name -> SourceFile? in
            let path = dialoguesDir + "/rules/" + name
            return read(path).map { SourceFile(path: path, text: String(decoding: $0, as: UTF8.self)) }
        }
        let targets = Targets.all(bundledRules: bundledRules, prompts: bundledPrompts(in: promptsDir),
                                  classifier: sourceFile(at: dialoguesDir + "/classifier/task-exposure.yaml"))
        if names.isEmpty || names == ["all"] { names = targets.map(\.name) }
        try? files.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        if let dictionaryDir {
            // libFuzzer's -dict format, one quoted token a line, for `make fuzz`.
            try? files.createDirectory(atPath: dictionaryDir, withIntermediateDirectories: true)
            for target in targets {
                let lines = target.dictionary.map { token in
                    "\"" + token.utf8.map { b in
                        b == 0x22 || b == 0x5C || b < 0x20 || b > 0x7E ? "\\x" + String(b, radix: 16).leftPadded(to: 2) : String(UnicodeScalar(b))
                    }.joined() + "\""
                }
                let path = dictionaryDir + "/" + target.name + ".dict"
                guard files.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8)) else {
                    fail("cannot write '\(path)'")
                }
            }
            return
        }
        if let seedsDir {
            // One folder of seeds a target, for libFuzzer (`make fuzz`), which reads seeds from folders.
            for target in targets {
                let folder = seedsDir + "/" + target.name
                try? files.removeItem(atPath: folder)
                try? files.createDirectory(atPath: folder, withIntermediateDirectories: true)
                for seed in seeds(for: target) where !files.createFile(atPath: folder + "/" + seed.name, contents: Data(seed.bytes)) {
                    fail("cannot write '\(folder)/\(seed.name)'")
                }
            }
            return
        }

        for name in names {
            guard let target = targets.first(where: { $0.name == name }) else {
                fail("unknown target '\(name)'; targets: \(targets.map(\.name).joined(separator: ", "))")
            }
            let seeded = seeds(for: target)
            let corpus = seeded.map(\.bytes)
            if showFeatures {
                // What each corpus entry shows, to check that a target reaches what it should.
                for seed in seeded { print("\(seed.name): \(Set(target.run(seed.bytes)).sorted())") }
                continue
            }
            let harness = Harness(target: target, corpus: corpus, seed: seed, seconds: seconds, iterations: iterations,
                                  lastInputPath: outDir + "/last-input-" + name, hangSeconds: 10)
            let summary = harness.run()
            print("\(name): \(summary.runs) runs in \(String(format: "%.1f", summary.elapsed)) s, corpus \(corpus.count), kept \(summary.kept), features \(summary.features), slowest input \(String(format: "%.1f", summary.slowest * 1000)) ms, no crash")
        }
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
#endif
