import ArgumentParser
import Foundation
import GroundworkCore

/// `groundwork safety`: what the safety net makes of each line on stdin, for authors testing its data.
struct SafetyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safety",
        abstract: "Show what the safety net makes of lines read from stdin.",
        discussion: """
            Writes 'TIER<TAB>CATEGORY<TAB>RULE<TAB>why' for each input line, in order. TIER is crisis \
            (the crisis message), check (the gentle question) or none. The net is the file with \
            'kind: safety-net' (rules/safety.yaml in the dialogues folder).
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "Safety-net file to use (default: rules/safety.yaml in the dialogues folder).")
    var rules: String?

    func run() throws {
        let dialogues = try options.settings().dialogues.value ?? ClassifyCommand.bundledDialogues()
        guard let path = rules ?? dialogues.map({ ($0 as NSString).appendingPathComponent("rules/safety.yaml") }) else {
            throw AppError("cannot find the bundled dialogues folder; pass --rules FILE")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw AppError("cannot read safety-net file '\(path)' as UTF-8 text; check that it exists and is readable")
        }
        let file = SourceFile(path: path, text: text)
        let (library, diagnostics) = ScriptLibrary.load(scripts: [file], prompts: [])
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.rendered + "\n").utf8))
        }
        guard let net = library.safetyNet else {
            if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
            throw AppError("'\(path)' holds no safety net (a file with 'kind: safety-net')")
        }
        var output = ""
        while let line = readLine(strippingNewline: true) {
            let found = net.assess(line)
            output += "\(found.tier.rawValue)\t\(found.category.isEmpty ? "-" : found.category)\t\(found.rule.isEmpty ? "-" : found.rule)\t\(found.explanation)\n"
            if output.utf8.count > 1 << 16 {
                try StoreContext.write(output)
                output = ""
            }
        }
        try StoreContext.write(output)
    }
}
