import ArgumentParser
import GroundworkCore

/// `groundwork lint [PATH...]`: checks scripts and templates without running them.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check dialogue scripts; prints 'path:line:column: error: message' lines, exit 1 on any error.")

    @Argument(help: "Script files or folders (default: the dialogues folder).", completion: .file(extensions: ["yaml"]))
    var paths: [String] = []

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let scriptPaths = paths.isEmpty ? [try ResourcePaths.dialogues(options)] : paths
        let files = try ScriptFiles.yamlFiles(in: scriptPaths)
        let scripts = files.filter { ScriptFiles.otherKind(of: $0) == nil }
        let prompts = try ResourcePaths.prompts(options).map { try ScriptFiles.prompts(in: $0) } ?? []
        var (_, diagnostics) = ScriptLibrary.load(scripts: scripts, prompts: prompts)
        for file in files where ScriptFiles.otherKind(of: file) != nil {
            switch ScriptFiles.otherKind(of: file) {
            case "task-classifier":
                _ = TaskClassifier.load(file, diagnostics: &diagnostics)
            default:
                diagnostics.append(Diagnostic(.error, SourceLocation(path: file.path, line: 1, column: 1),
                                              "unknown kind '\(ScriptFiles.otherKind(of: file) ?? "")'; flows and rule sets have no 'kind'"))
            }
        }
        for diagnostic in diagnostics { print(diagnostic.description) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        guard errors == 0 else {
            throw AppError("\(errors) error\(errors == 1 ? "" : "s") in \(files.count) file\(files.count == 1 ? "" : "s")")
        }
    }
}
