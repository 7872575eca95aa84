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
        guard noSave else {
            // Saved journaling is the `journal` flow: safety net, summary, footer and a next step.
            let store = try app.userStore()
            let writer = try app.lockForWriting(store)
            let loaded = try app.loadLibrary(only: "journal")
            _ = try loaded.require(loaded.library.flows["journal"], thing: "flow 'journal'",
                                   missing: "no flow named 'journal' in the dialogues folder; add journal.yaml or pass --dialogues DIR")
            return try app.startFlow("journal", library: loaded.library, store: store, writer: writer)
        }
        // Without saving: the rule sets alone, exactly one reply line per input line.
        let dialogues = try ResourcePaths.dialogues(options)
        let rulesFolder = dialogues + "/rules"
        let loaded = try ScriptFiles.loadLibrary(
            scripts: [ResourcePaths.isDirectory(rulesFolder) ? rulesFolder : dialogues],
            prompts: ResourcePaths.prompts(options))
        _ = try loaded.require(loaded.library.ruleSets["listening"], thing: "rule set 'listening'",
                               missing: "no rule set 'listening' in '\(dialogues)'; add rules/listening.yaml or pass --dialogues DIR")
        try app.runJournal(state: JournalRunner.newState(seed: app.seed), library: loaded.library,
                           persistence: DiscardingPersistence())
    }
}
