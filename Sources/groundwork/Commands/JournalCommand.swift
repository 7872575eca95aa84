import ArgumentParser
import GroundworkCore
import GroundworkStore
import GroundworkTerminal

/// `groundwork journal`: free journaling with reflective replies; `groundwork journal "one line"`
/// saves a quick entry from the shell.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Write freely; each line gets a reflective reply. /done finishes with a summary.",
        discussion: """
            With words after it, saves them as one journal entry and prints its reflective reply, without \
            the coach's questions: groundwork journal "a long day, but #calm". The safety net reads the \
            entry first; if it finds signs of risk it shows the crisis lines (--country) and saves nothing. \
            The reply goes to stdout, "Saved to your journal." to stderr.

            With --no-save through a pipe, stdout holds exactly one reply line per input line.
            """)

    @Flag(name: .customLong("no-save"), help: "Keep nothing on disk.")
    var noSave = false

    @Argument(help: ArgumentHelp("A quick entry to save (words are joined with spaces).", valueName: "entry"))
    var entry: [String] = []

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        guard !entry.isEmpty else { return }
        if JournalEntry.trimmed(entry.joined(separator: " ")).isEmpty {
            throw ValidationError("the entry is empty; give some words, or leave them out to write in the journal")
        }
        if noSave {
            throw ValidationError("--no-save keeps nothing, so it takes no entry; pipe the line instead: echo 'the line' | groundwork journal --no-save")
        }
    }

    func run() throws {
        let app = try App(options)
        if !entry.isEmpty { return try QuickEntry(app: app).save(JournalEntry.trimmed(entry.joined(separator: " "))) }
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
        let dialogues = try ResourcePaths.dialogues(app.settings)
        let rulesFolder = dialogues + "/rules"
        let loaded = try ScriptFiles.loadLibrary(
            scripts: [ResourcePaths.isDirectory(rulesFolder) ? rulesFolder : dialogues],
            prompts: ResourcePaths.prompts(app.settings))
        _ = try loaded.require(loaded.library.ruleSets["listening"], thing: "rule set 'listening'",
                               missing: "no rule set 'listening' in '\(dialogues)'; add rules/listening.yaml or pass --dialogues DIR")
        try app.runJournal(state: JournalSession.newState(seed: app.seed), library: loaded.library,
                           persistence: DiscardingPersistence())
    }
}

/// One journal entry from the command line: a `journal` session of that one entry, run through
/// the engine (so the safety net reads it first) and saved through the store, completed at once.
struct QuickEntry {
    let app: App

    /// Saves `text` as a completed journal session and prints its reflective reply; when the safety
    /// net finds signs of risk, shows the crisis lines instead and writes nothing.
    func save(_ text: String) throws {
        let store = try app.userStore()
        let writer = try app.lockForWriting(store)
        let loaded = try app.loadLibrary(only: "journal")
        let library = loaded.library
        let flow = try loaded.require(library.flows["journal"], thing: "flow 'journal'",
                                      missing: "no flow named 'journal' in the dialogues folder; add journal.yaml or pass --dialogues DIR")
        let engine = Engine(library: library)
        // No follow-up of an earlier commitment: a quick entry asks nothing.
        var variables: [String: Value] = ["user": .string(store.user.rawValue)]
        if let country = app.country { variables["country"] = .string(country) }
        let first: Step
        do {
            first = try engine.start(flow: flow.id, seed: app.seed, variables: variables)
        } catch {
            throw AppError(error.description)
        }
        let written = engine.step(first.state, .line(text))
        let renderer = app.makeRenderer()
        if written.state.safety.awaitingChoice || written.state.safety.awaitingCheck {
            // Nothing is written: the entry is not kept, and there is no session to come back to.
            renderer.message(library.prompts.safetyText(.crisis, country: app.country, choices: false))
            StoreContext.printError("Nothing was saved. 'groundwork journal' is there when you want to write more.")
            return
        }
        var finished = engine.step(written.state, .finish)
        // A quick entry ends without a next step: there was no conversation to act on, and the next
        // session should not follow one up.
        finished.state.summary?.nextStepID = nil
        finished.state.summary?.nextStepText = nil
        finished.state.variables["next_step.id"] = nil
        finished.state.variables["next_step.text"] = nil
        let replies = written.events.filter { if case .reflect = $0 { return true } else { return false } }
        let persistence = StorePersistence(writer: writer, flowTitle: flow.title)
        try persistence.holdingSignals {
            try persistence.save(finished.state, replies)
        }
        renderer.render(replies)
        StoreContext.printError("Saved to your journal.")
    }
}
