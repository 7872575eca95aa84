import ArgumentParser
import Foundation
import GroundworkCore
import GroundworkTerminal

/// `groundwork classify`: suggests E0, E1 or E2 for each task statement read from stdin.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Suggest E0, E1 or E2 for task statements, one per line on stdin.",
        discussion: """
            Writes 'LABEL<TAB>reason' for each input line, in order. E0: an AI chatbot would not halve \
            the task's time; E1: a chatbot given the material would; E2: software built on a chatbot would.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "Rule file to use (default: classifier/task-exposure.yaml in the dialogues folder).")
    var rules: String?

    @Flag(name: .long, help: "Add a third column: the id of the rule behind the reason.")
    var showRule = false

    func run() throws {
        guard let path = try rulesPath() else {
            throw AppError("cannot find the bundled dialogues folder; pass --rules FILE")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AppError("cannot read rule file '\(path)'; check that it exists and is readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AppError("rule file '\(path)' is not UTF-8 text")
        }
        var diagnostics: [Diagnostic] = []
        let loaded = TaskClassifier.load(SourceFile(path: path, text: text), diagnostics: &diagnostics)
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((TextSanitizer.clean(diagnostic.rendered) + "\n").utf8))
        }
        guard let classifier = loaded else { throw ExitCode(1) }

        var output = ""
        while let line = readLine(strippingNewline: true) {
            let suggestion = classifier.classify(line)
            var reason = suggestion.reason
            if let matched = suggestion.matched { reason += " (from '\(matched)')" }
            output += "\(suggestion.label.rawValue)\t\(reason)"
            if showRule { output += "\t\(suggestion.rule)" }
            output += "\n"
            if output.utf8.count > 1 << 16 {
                try StoreContext.write(output)
                output = ""
            }
        }
        try StoreContext.write(output)
    }

    /// The rule file: `--rules`, else under `--dialogues`, else under the bundled dialogues folder.
    private func rulesPath() throws -> String? {
        if let rules { return rules }
        let relative = "classifier/task-exposure.yaml"
        guard let folder = try options.settings().dialogues.value ?? Self.bundledDialogues() else { return nil }
        return (folder as NSString).appendingPathComponent(relative)
    }

    /// Walks up from the running executable to the first folder holding `dialogues/` (a checkout),
    /// or `share/groundwork/dialogues/` (an install under a prefix).
    static func bundledDialogues() -> String? {
        let fileManager = FileManager.default
        let executable = (try? fileManager.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        while true {
            for candidate in ["dialogues", "share/groundwork/dialogues"] {
                let path = folder.appendingPathComponent(candidate).path
                var isFolder: ObjCBool = false
                if fileManager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return path }
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}
