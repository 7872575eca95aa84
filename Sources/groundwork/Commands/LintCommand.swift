import ArgumentParser
import GroundworkCore
import GroundworkTerminal

/// `groundwork lint [PATH...]`: checks scripts and templates without running them.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check dialogue scripts; prints 'path:line:column: error: message' lines, exit 1 on any error.")

    @Argument(help: "Script files or folders (default: the dialogues folder).", completion: .file(extensions: ["yaml"]))
    var paths: [String] = []

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let settings = try options.settings()
        let scriptPaths = paths.isEmpty ? [try ResourcePaths.dialogues(settings)] : paths
        let files = try ScriptFiles.scripts(in: scriptPaths)
        let prompts = try ResourcePaths.prompts(settings).map { try ScriptFiles.prompts(in: $0) } ?? []
        let (_, diagnostics) = ScriptLibrary.load(scripts: files, prompts: prompts)
        // Messages quote the files' text, which may hold escape sequences.
        for diagnostic in diagnostics { print(TextSanitizer.clean(diagnostic.description)) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        guard errors == 0 else {
            throw AppError("\(errors) error\(errors == 1 ? "" : "s") in \(files.count) file\(files.count == 1 ? "" : "s")")
        }
    }
}
