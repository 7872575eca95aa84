import Foundation
import GroundworkCore
import GroundworkStore
import GroundworkTestSupport
import Testing
@testable import GroundworkTerminal

/// Nothing is shown as taken before it is on disk (issue 12, item 1): with fsync slowed down, as on
/// a loaded disk, every piece of output is written only once the turn that produced it is saved.
@Suite struct SaveBeforeRenderTests {
    static let flow = SourceFile(path: "slow.yaml", text: """
        id: slow
        title: Slow disk
        start: hello
        nodes:
          hello:
            say: "Hello."
            next: name
          name:
            ask: "What should I call you?"
            input: text
            save: name
            next: years
          years:
            ask: "How many years?"
            input: {number: {min: 0, max: 60}}
            save: years
            next: done
          done:
            end: "Thanks, {{name}}."
        """)

    @Test func aFlowShowsEachTurnOnlyOnceItsSaveIsFlushed() throws {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [Self.flow], prompts: [])
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let folder = try TemporaryFolder(prefix: "gw-slow")
        let log = Log()
        let store = UserStore(location: DataLocation(root: folder.path), user: try UserName("ana"),
                              fileSystem: SlowSyncFileSystem(delay: 30_000, log: log))
        let writer = try store.lockForWriting()
        let output = DiskCheckingOutput(store: store, log: log)
        let engine = Engine(library: library)
        let runner = ConversationRunner.flow(engine: engine, start: try engine.start(flow: "slow", seed: 1),
                                   reader: ScriptedLineReader(lines: ["Ana", "7"]),
                                   renderer: Renderer(output: output, color: false, width: nil, decorate: false),
                                   persistence: WriterPersistence(writer), interactive: false)
        #expect(try runner.run() == .ended)

        // What the disk held at the moment each piece of text was shown.
        let shown = output.shown
        #expect(shown.map(\.text).joined() == """
            Hello.
            (question 1 of 2)
            What should I call you?
            (question 2 of 2)
            How many years?
              (a number from 0 to 60)
            Thanks, Ana.

            """)
        let second = try #require(shown.first { $0.text.contains("How many years?") })
        #expect(second.answersOnDisk == 1, "the next question was shown before the answer 'Ana' was saved")
        let last = try #require(shown.first { $0.text.contains("Thanks, Ana.") })
        #expect(last.answersOnDisk == 2 && last.statusOnDisk == .completed)
        // And in time: the start, "Ana" and "7" are three saves, each ending with the folder's flush.
        func flushes(before text: String) -> Int {
            let entries = log.entries
            guard let shownAt = entries.firstIndex(where: { $0.hasPrefix("shown") && $0.contains(text) }) else { return -1 }
            return entries[..<shownAt].filter { $0 == "folder flushed" }.count
        }
        #expect(flushes(before: "What should I call you?") == 1)
        #expect(flushes(before: "How many years?") == 2)
        #expect(flushes(before: "Thanks, Ana.") == 3)
    }

    @Test func aJournalReplyIsShownOnlyOnceTheEntryIsSaved() throws {
        let rules = SourceFile(path: "listening.yaml", text: """
            id: listening
            keywords:
              - word: work
                patterns:
                  - match: "*"
                    replies: ["Tell me about work."]
            fallback: ["Please go on."]
            """)
        let (library, _) = ScriptLibrary.load(scripts: [rules], prompts: [])
        let listening = try #require(library.ruleSets["listening"])
        let folder = try TemporaryFolder(prefix: "gw-slow")
        let log = Log()
        let store = UserStore(location: DataLocation(root: folder.path), user: try UserName("ana"),
                              fileSystem: SlowSyncFileSystem(delay: 30_000, log: log))
        let writer = try store.lockForWriting()
        let output = DiskCheckingOutput(store: store, log: log)
        let runner = ConversationRunner.journal(listening: listening, safety: nil, state: JournalSession.newState(seed: 1),
                                   reader: ScriptedLineReader(lines: ["work again", "and more", "/done"]),
                                   renderer: Renderer(output: output, color: false, width: nil, decorate: false),
                                   persistence: WriterPersistence(writer), interactive: false)
        #expect(try runner.run() == .ended)
        #expect(output.shown.map(\.answersOnDisk) == [1, 2, 2])
        #expect(output.shown.last?.statusOnDisk == .completed)
    }
}

/// Lines of what happened, in order, across the file system and the output.
private final class Log: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ entry: String) { lock.withLock { items.append(entry) } }
    var entries: [String] { lock.withLock { items } }
}

/// The real file system, with every fsync (of a file or a folder) taking `delay` microseconds.
private final class SlowSyncFileSystem: FileSystem, @unchecked Sendable {
    private let real = PosixFileSystem()
    private let delay: useconds_t
    private let log: Log

    init(delay: useconds_t, log: Log) {
        self.delay = delay
        self.log = log
    }

    func createExclusive(_ path: String, mode: UInt32) throws(StoreError) -> Int32 { try real.createExclusive(path, mode: mode) }
    func write(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StoreError) { try real.write(fd, bytes, path: path) }
    func sync(_ fd: Int32, path: String) throws(StoreError) {
        usleep(delay)
        try real.sync(fd, path: path)
        log.add("flushed")
    }
    func setMode(_ fd: Int32, _ mode: UInt32, path: String) throws(StoreError) { try real.setMode(fd, mode, path: path) }
    func close(_ fd: Int32) { real.close(fd) }
    func rename(_ from: String, _ to: String) throws(StoreError) { try real.rename(from, to) }
    func syncDirectory(_ path: String) throws(StoreError) {
        usleep(delay)
        try real.syncDirectory(path)
        if path.hasSuffix("/sessions") { log.add("folder flushed") }
    }
    func remove(_ path: String) throws(StoreError) { try real.remove(path) }
    func removeDirectory(_ path: String) throws(StoreError) { try real.removeDirectory(path) }
    func makeDirectory(_ path: String, mode: UInt32) throws(StoreError) -> Bool { try real.makeDirectory(path, mode: mode) }
    func read(_ path: String) throws(StoreError) -> [UInt8] { try real.read(path) }
    func list(_ path: String) throws(StoreError) -> [String]? { try real.list(path) }
    func status(_ path: String) throws(StoreError) -> FileStatus? { try real.status(path) }
    func lockExclusive(_ path: String) throws(StoreError) -> Int32? { try real.lockExclusive(path) }
}

/// Output that reads the session back from disk every time something is shown.
private final class DiskCheckingOutput: TextOutput {
    struct Shown {
        var text: String
        var answersOnDisk: Int
        var statusOnDisk: SessionState.Status?
    }

    private let store: UserStore
    private let log: Log
    private(set) var shown: [Shown] = []

    init(store: UserStore, log: Log) {
        self.store = store
        self.log = log
    }

    func write(_ text: String) {
        let record = (try? store.loadAll())?.items.first
        shown.append(Shown(text: text, answersOnDisk: record?.state.answers.count ?? 0, statusOnDisk: record?.state.status))
        log.add("shown " + text)
    }
}

/// Saves through the store's writer, as the app does.
private final class WriterPersistence: SessionPersistence {
    private let writer: UserWriter
    private var record: SessionRecord?

    init(_ writer: UserWriter) {
        self.writer = writer
    }

    func save(_ state: SessionState, _ events: [Event]) throws {
        if var current = record {
            current.state = state
            try writer.save(&current)
            record = current
        } else {
            record = try writer.createSession(flowID: state.flowID, flowTitle: "", flowHash: state.flowHash,
                                              state: state, transcript: [], now: .now())
        }
    }
}
