import ArgumentParser
import GroundworkCore
import GroundworkTerminal

/// `groundwork journal`: free journaling with reflective replies.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Write freely; each line gets a reflective reply. /done finishes with a summary.",
        discussion: "With --no-save through a pipe, stdout holds exactly one reply line per input line.")

    @Flag(name: .customLong("no-save"), help: "Keep nothing on disk.")
    var noSave = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let app = App(options)
        let files = noSave ? nil : try app.openUserFiles()
        // Journaling needs only the rule sets, not every flow.
        let dialogues = try ResourcePaths.dialogues(options)
        let rulesFolder = dialogues + "/rules"
        let loaded = try ScriptFiles.loadLibrary(
            scripts: [ResourcePaths.isDirectory(rulesFolder) ? rulesFolder : dialogues],
            prompts: ResourcePaths.prompts(options))
        _ = try loaded.require(loaded.library.ruleSets["listening"], thing: "rule set 'listening'",
                               missing: "no rule set 'listening' in '\(dialogues)'; add rules/listening.yaml or pass --dialogues DIR")
        let library = loaded.library
        let state = JournalRunner.newState(seed: app.seed)
        guard let files else {
            return try app.runJournal(state: state, library: library, persistence: DiscardingPersistence())
        }
        let persistence = files.persistence(for: files.newSessionPath(flowID: JournalRunner.flowID))
        try app.runJournal(state: state, library: library, persistence: persistence)
    }
}
