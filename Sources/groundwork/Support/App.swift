import Foundation
import GroundworkCore
import GroundworkStore
import GroundworkTerminal

/// What every command shares: the terminal, the scripts, the user's files.
final class App {
    let options: GlobalOptions
    /// What the options, the environment and the config file say, resolved once.
    let settings: Settings
    let terminal = TerminalInfo.current()

    init(_ options: GlobalOptions) throws(AppError) {
        self.options = options
        self.settings = try options.settings()
    }

    var interactive: Bool { terminal.isInteractive }

    func makeRenderer() -> Renderer {
        // The config file's width narrows the window's; Renderer keeps it to its measure.
        let columns = terminal.columns.map { min($0, settings.width.value ?? $0) }
        return Renderer(output: FileDescriptorOutput(), color: terminal.useColor(noColorFlag: settings.color.value == false),
                        width: terminal.stdoutIsTerminal ? columns : nil, decorate: terminal.stdoutIsTerminal)
    }

    /// libedit when stdin and stdout are terminals; plain lines otherwise. One per process: a plain
    /// reader buffers input past the line it returns, so a second one would lose those lines.
    lazy var reader: LineReader = interactive ? EditLineReader() : PlainLineReader()

    /// The seed given, or a fresh random one.
    var seed: UInt64 { options.seed ?? UInt64.random(in: 0...UInt64.max) }

    /// Every script under the dialogues folder, with the prompts; with `flowID`, only what that
    /// flow needs to run (start and resume: loading everything was most of the cold start).
    func loadLibrary(only flowID: String? = nil) throws -> LoadedLibrary {
        var loaded = try ScriptFiles.loadLibrary(scripts: [ResourcePaths.dialogues(settings)], prompts: ResourcePaths.prompts(settings),
                                                 deferringClassifier: true, only: flowID)
        loaded.library.reference = try loadReference()
        return loaded
    }

    /// The occupation table of `--reference` (or GROUNDWORK_REFERENCE, or the config file), nil when none is given.
    func loadReference() throws -> OccupationReference? {
        guard let path = settings.reference.value else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AppError("cannot read the occupation table '\(path)'; check the path given by \(settings.reference.source)")
        }
        do throws(OccupationReferenceError) {
            return try OccupationReference.parse(csv: String(decoding: data, as: UTF8.self), path: path)
        } catch {
            throw AppError("\(error)")
        }
    }

    /// The person's country for crisis lines (`Settings`); nil when none is known (the message then
    /// lists the international directory only).
    var country: String? { settings.country.value }

    /// The user's store (no lock needed to read), unlocked with the passphrase when encrypted.
    func userStore() throws -> UserStore {
        let environment = ProcessInfo.processInfo.environment
        do throws(StoreError) {
            let location = try settings.dataLocation(environment: environment)
            let user = try StoreContext.userName(settings, environment: environment)
            // Encrypted users are unlocked here, before any question is asked.
            return try UserStore(location: location, user: user).unlockedIfEncrypted()
        } catch {
            throw AppError(error)
        }
    }

    /// Takes the user's lock for the rest of the process; another process holding it is status 3.
    func lockForWriting(_ store: UserStore) throws -> UserWriter {
        do throws(StoreError) {
            return try store.lockForWriting()
        } catch {
            throw AppError(error)
        }
    }

    /// Variables every flow starts with: the user's name, their last open commitment and
    /// follow-through record (the engine asks how it went first), and their latest career check-in
    /// for the exposure footer of reflection flows (docs/reflection.md).
    func startVariables(_ store: UserStore, flow: Flow? = nil, library: ScriptLibrary? = nil) -> [String: Value] {
        var variables: [String: Value] = ["user": .string(store.user.rawValue)]
        if let country { variables["country"] = .string(country) }
        // One listing serves the follow-up, the trend and the latest check-in (headers hold them all).
        let headers = (try? store.headers().items) ?? []
        let now = Timestamp.now()
        if let commitment = FollowThrough.openCommitment(in: headers, ageInDays: { Self.calendarDays(from: $0, to: now) }) {
            variables.merge(commitment.variables) { $1 }
            variables.merge(FollowThrough.record(in: headers).variables) { $1 }
        }
        variables.merge(rememberedVariables(store, headers: headers, now: now)) { $1 }
        // The week behind a weekly review: only for a flow that declares `week.line` (it costs a read per session).
        if let flow, flow.variables.contains(where: { $0.name == "week.line" }) {
            let since = Timestamp(millisecondsSince1970: now.millisecondsSince1970 - Int64(WeekInReview.days) * 86_400_000)
            let records = headers.filter { $0.updatedAt >= since }.compactMap { try? store.load(fileName: $0.fileName) }
            let themes = library?.ruleSets["listening"]?.themeNames ?? []
            variables.merge(WeekInReview.variables(records: records, themeNames: themes)) { $1 }
        }
        // A flow that remembers its last run (`previous.` variables) reads that one session.
        if let flow, flow.remembersPreviousSession,
           let last = headers.filter({ $0.flowID == flow.id && $0.status == .completed }).max(by: { $0.updatedAt < $1.updatedAt }),
           let record = try? store.load(fileName: last.fileName) {
            variables.merge(flow.previousVariables(from: record.state.variables, date: record.updatedAt.dayUTC,
                                                   ageInDays: Self.calendarDays(from: record.updatedAt, to: now))) { $1 }
        }
        let checkIns = headers
            .filter { $0.flowID == "career-checkin" && $0.status == .completed }
            .sorted { $0.startedAt < $1.startedAt }
        let earlier = checkIns.compactMap { $0.scores["exposure.score"]?.number }
        if !earlier.isEmpty { variables["trend"] = .string(ExposureTrend.text(earlier: earlier)) }
        guard let latest = checkIns.last, let score = latest.scores["exposure.score"] else { return variables }
        variables["latest.exposure.score"] = score
        variables["latest.exposure.band"] = latest.scores["exposure.band"] ?? .string("")
        variables["latest.date"] = .string(latest.updatedAt.dayUTC)
        variables["latest.age_days"] = .number(Double((now.millisecondsSince1970 - latest.updatedAt.millisecondsSince1970) / 86_400_000))
        return variables
    }

    /// The remarks the latest session that listened left for the next one (journal memory across
    /// sessions): each rule set's remarks in their `later:` wording and the ones it carried, with
    /// their age in days. Only the newest finished or paused session is read (one file).
    func rememberedVariables(_ store: UserStore, headers: [SessionHeader], now: Timestamp) -> [String: Value] {
        guard let latest = headers.filter({ $0.status != .abandoned }).max(by: { $0.updatedAt < $1.updatedAt }),
              let record = try? store.load(fileName: latest.fileName) else { return [:] }
        let elapsed = Self.calendarDays(from: record.updatedAt, to: now)
        var variables: [String: Value] = [:]
        for (ruleSet, memory) in record.state.listeners {
            let carried = memory.carriedOn(elapsed: elapsed)
            guard !carried.isEmpty else { continue }
            let names = Engine.rememberedVariables(ruleSet)
            variables[names.texts] = .list(carried.map { .string($0.text) })
            variables[names.days] = .list(carried.map { .number(Double($0.days)) })
        }
        return variables
    }

    /// Calendar days from `then` to `now` in the local time zone (`TZ`): 1 is yesterday, whatever the hour.
    static func calendarDays(from then: Timestamp, to now: Timestamp) -> Int {
        let calendar = Calendar.current
        func day(_ time: Timestamp) -> Date {
            calendar.startOfDay(for: Date(timeIntervalSince1970: Double(time.millisecondsSince1970) / 1000))
        }
        return calendar.dateComponents([.day], from: day(then), to: day(now)).day ?? 0
    }

    /// Starts `flowID` as a new session and runs it.
    func startFlow(_ flowID: String, library: ScriptLibrary, store: UserStore, writer: UserWriter) throws {
        _ = reader  // set up the line editor (and its Ctrl-C handler) before anything is shown
        let engine = Engine(library: library)
        let first: Step
        do {
            first = try engine.start(flow: flowID, seed: seed, variables: startVariables(store, flow: library.flows[flowID], library: library))
        } catch {
            throw AppError(error.description)
        }
        let persistence = StorePersistence(writer: writer, flowTitle: library.flows[flowID]?.title ?? flowID)
        try run(engine: engine, first: first, persistence: persistence)
    }

    /// The newest active session; fails with status 4 naming an unreadable file when that is all there
    /// is, and warns about each unreadable file that may be newer than the one it continues.
    func latestActive(_ store: UserStore) throws -> SessionRecord? {
        let choice: UserStore.ResumeChoice
        do throws(StoreError) {
            choice = try store.resumeChoice()
        } catch {
            throw AppError(error)
        }
        guard let record = choice.record else {
            if let bad = choice.skipped.first {
                throw AppError("cannot read session file '\(bad.path)': \(bad.reason); 'groundwork doctor --fix' moves it aside",
                               status: .unreadableState)
            }
            return nil
        }
        for file in choice.skipped {
            StoreContext.printError("groundwork: warning: skipped '\(file.path)', which may be a newer session: \(file.reason); "
                + "resuming '\(record.flowTitle)' of \(record.startedAt.shortUTC) UTC instead ('groundwork doctor' checks the files)")
        }
        return record
    }

    /// Continues a saved session where it stopped.
    func resume(_ record: SessionRecord, library loaded: LoadedLibrary, writer: UserWriter) throws {
        let library = loaded.library
        let flow = try loaded.require(library.flows[record.flowID], thing: "flow '\(record.flowID)'",
                                      missing: "the saved session runs flow '\(record.flowID)', which is no longer in the dialogues; start another with 'groundwork start FLOW'")
        let plan = ResumePlan.plan(for: record, currentFlowHash: flow.contentHash) { flowID, node in
            library.flows[flowID]?.nodes[node] != nil
        }
        let renderer = makeRenderer()
        switch plan {
        case .continueAsIs:
            if interactive { renderer.notice("continuing '\(flow.title)' where you left off") }
        case .flowChanged:
            renderer.notice("'\(flow.title)' has changed since you began; continuing at the same question")
        case .nodeGone(let flowID, _):
            throw AppError("flow '\(flowID)' changed and your place in it is gone; start again with 'groundwork start \(record.flowID)'")
        case .finished:
            throw AppError("that session has already ended; start another with 'groundwork start FLOW'")
        }
        let engine = Engine(library: library)
        let persistence = StorePersistence(writer: writer, flowTitle: flow.title, record: record)
        // The waiting question is shown again but is already in the transcript.
        try run(engine: engine, first: engine.resume(record.state), persistence: ReplayedStart(persistence), renderer: renderer)
    }

    private func run(engine: Engine, first: Step, persistence: SessionPersistence, renderer: Renderer? = nil) throws {
        let flow = FlowConversation(engine: engine, start: first, persistence: persistence, interactive: interactive)
        try converse(flow, renderer: renderer)
    }

    /// Runs any conversation through the one runner, on this process's reader and screen.
    func converse(_ conversation: any Conversation, renderer: Renderer? = nil) throws {
        try ConversationRunner(conversation, reader: reader, renderer: renderer ?? makeRenderer(), explain: explainer).run()
    }

    /// With `--why`, every explanation goes to stderr as "why: …" lines, so stdout stays the plain output.
    var explainer: ((String) -> Void)? {
        guard options.why else { return nil }
        return { explanation in
            let text = explanation.split(separator: "\n").map { "why: " + $0 }.joined(separator: "\n") + "\n"
            FileHandle.standardError.write(Data(TextSanitizer.clean(text).utf8))
        }
    }

    /// Runs free journaling over the `listening` rule set (and `safety` first, when present).
    func runJournal(state: SessionState, library: ScriptLibrary, persistence: SessionPersistence) throws {
        guard let listening = library.ruleSets["listening"] else {
            throw AppError("no rule set 'listening' in the dialogues folder; add rules/listening.yaml or pass --dialogues DIR")
        }
        let prompts = library.prompts
        let country = self.country
        let session = JournalSession(listening: listening, safety: library.safetyNet,
                                     safetyText: { prompts.safetyText($0, country: country, choices: false) },
                                     state: state, keepsEntries: false)
        try converse(JournalConversation(session, persistence: persistence, interactive: interactive))
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

    func holdingSignals<T>(_ turn: () throws -> T) rethrows -> T {
        try inner.holdingSignals(turn)
    }
}
