import GroundworkCore
import GroundworkTerminal

/// What every command shares: the terminal, the scripts, the user's files.
final class App {
    let options: GlobalOptions
    let terminal = TerminalInfo.current()

    init(_ options: GlobalOptions) {
        self.options = options
    }

    var interactive: Bool { terminal.isInteractive }

    func makeRenderer() -> Renderer {
        Renderer(terminal: terminal, noColorFlag: options.noColor)
    }

    /// libedit when stdin and stdout are terminals; plain lines otherwise. One per process: a plain
    /// reader buffers input past the line it returns, so a second one would lose those lines.
    lazy var reader: LineReader = interactive ? EditLineReader() : PlainLineReader()

    /// The seed given, or a fresh random one.
    var seed: UInt64 { options.seed ?? UInt64.random(in: 0...UInt64.max) }

    /// Every script under the dialogues folder, with the prompts.
    func loadLibrary() throws -> LoadedLibrary {
        try ScriptFiles.loadLibrary(scripts: [ResourcePaths.dialogues(options)], prompts: ResourcePaths.prompts(options))
    }

    /// The user's session files, locked for this process.
    func openUserFiles() throws -> SessionFiles {
        let user = try ResourcePaths.user(options)
        let files = SessionFiles(dataDirectory: ResourcePaths.dataDirectory(options), user: user)
        try files.open(user: user)
        return files
    }

    /// Starts `flowID` as a new session and runs it.
    func startFlow(_ flowID: String, library: ScriptLibrary, files: SessionFiles) throws {
        _ = reader  // set up the line editor (and its Ctrl-C handler) before anything is shown
        let engine = Engine(library: library)
        let first: Step
        do {
            // Flows may greet the person by the `user` variable, as transcripts' `user:` header does.
            first = try engine.start(flow: flowID, seed: seed, variables: ["user": .string(files.user)])
        } catch {
            throw AppError(error.description)
        }
        let persistence = files.persistence(for: files.newSessionPath(flowID: flowID))
        try run(engine: engine, first: first, persistence: persistence)
    }

    /// Continues a saved session where it stopped.
    func resume(_ saved: (path: String, record: SessionFiles.Record), library loaded: LoadedLibrary, files: SessionFiles) throws {
        let state = saved.record.state
        let library = loaded.library
        if state.flowID == JournalRunner.flowID {
            _ = try loaded.require(library.ruleSets["listening"], thing: "rule set 'listening'",
                                   missing: "no rule set 'listening' in the dialogues folder; add rules/listening.yaml or pass --dialogues DIR")
            return try runJournal(state: state, library: library, persistence: files.persistence(for: saved.path, transcript: saved.record.transcript))
        }
        let flow = try loaded.require(library.flows[state.flowID], thing: "flow '\(state.flowID)'",
                                      missing: "the saved session runs flow '\(state.flowID)', which is no longer in the dialogues; start another with 'groundwork start FLOW'")
        if let node = state.cursor.node, state.cursor.flowID == flow.id, flow.nodes[node] == nil {
            throw AppError("flow '\(flow.id)' changed and no longer has question '\(node)'; start it again with 'groundwork start \(flow.id)'")
        }
        let renderer = makeRenderer()
        if interactive { renderer.notice("continuing '\(flow.title)' where you left off") }
        // Show the question waiting for an answer again.
        var events: [Event] = []
        if let last = saved.record.transcript.last(where: { if case .ask = $0 { return true } else { return false } }) {
            events.append(last)
        }
        let persistence = files.persistence(for: saved.path, transcript: saved.record.transcript)
        try run(engine: Engine(library: library), first: Step(state: state, events: events),
                persistence: persistence, renderer: renderer, recordFirstEvents: false)
    }

    private func run(engine: Engine, first: Step, persistence: FilePersistence,
                     renderer: Renderer? = nil, recordFirstEvents: Bool = true) throws {
        let runner = SessionRunner(engine: engine, start: first, reader: reader,
                                   renderer: renderer ?? makeRenderer(),
                                   persistence: recordFirstEvents ? persistence : ReplayedStart(persistence),
                                   interactive: interactive)
        _ = try runner.run()
    }

    /// Runs free journaling over the `listening` rule set (and `safety` first, when present).
    func runJournal(state: SessionState, library: ScriptLibrary, persistence: SessionPersistence) throws {
        guard let listening = library.ruleSets["listening"] else {
            throw AppError("no rule set 'listening' in the dialogues folder; add rules/listening.yaml or pass --dialogues DIR")
        }
        let runner = JournalRunner(listening: listening, safety: library.ruleSets["safety"], state: state,
                                   reader: reader, renderer: makeRenderer(), persistence: persistence,
                                   interactive: interactive)
        _ = try runner.run()
    }
}

/// Keeps a resumed session's re-shown question out of its transcript (it is there already).
private final class ReplayedStart: SessionPersistence {
    private let inner: SessionPersistence
    private var first = true

    init(_ inner: SessionPersistence) {
        self.inner = inner
    }

    func save(_ state: SessionState, _ events: [Event]) throws {
        try inner.save(state, first ? [] : events)
        first = false
    }
}
