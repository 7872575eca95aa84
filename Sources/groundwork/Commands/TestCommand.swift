import ArgumentParser
import Foundation
import GroundworkCore

/// `groundwork test [PATH...]`: replays golden transcripts and shows a diff for each that differs.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Replay golden transcripts (*.transcript); prints a diff on failure, exit 1.",
        discussion: "With GROUNDWORK_RECORD=1 each transcript is re-recorded from its own inputs instead.")

    @Argument(help: "Transcript files or folders (default: the dialogues folder).", completion: .file(extensions: ["transcript"]))
    var paths: [String] = []

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let settings = try options.settings()
        let dialogues = try ResourcePaths.dialogues(settings)
        let transcripts = try ScriptFiles.transcripts(in: paths.isEmpty ? [dialogues] : paths)
        let loaded = try ScriptFiles.loadLibrary(scripts: [dialogues], prompts: ResourcePaths.prompts(settings))
        if !loaded.errors.isEmpty { throw loaded.scriptErrors("a script the transcripts use") }
        let record = ProcessInfo.processInfo.environment["GROUNDWORK_RECORD"] == "1"
        var failed = 0
        for file in transcripts {
            let folder = URL(fileURLWithPath: file.path).deletingLastPathComponent()
            let result = TranscriptRunner.run(file: file, library: loaded.library) { name in
                let path = folder.appendingPathComponent(name).path
                return (try? String(contentsOfFile: path, encoding: .utf8)).map { SourceFile(path: path, text: $0) }
            }
            if record {
                guard result.recorded != file.text else { continue }
                do {
                    try Data(result.recorded.utf8).write(to: URL(fileURLWithPath: file.path))
                } catch {
                    throw AppError("cannot write '\(file.path)'; check its permissions")
                }
                print("recorded \(file.path)")
            } else if !result.passed {
                failed += 1
                print(result.diff, terminator: result.diff.hasSuffix("\n") ? "" : "\n")
            }
        }
        if failed > 0 {
            throw AppError("\(failed) of \(transcripts.count) transcript\(transcripts.count == 1 ? "" : "s") failed; run with GROUNDWORK_RECORD=1 to re-record if the change is intended")
        }
        if !record { print("\(transcripts.count) transcript\(transcripts.count == 1 ? "" : "s") passed") }
    }
}
