import Foundation
import Testing
import GroundworkTestSupport
import GroundworkCore
@testable import GroundworkTerminal

/// Every bundled exercise's golden transcript inputs, typed through a real pipe into the runner, with
/// the transcript's `@ +1m` lines moving an injected clock: the runner's output must be the
/// engine's lines exactly, and every turn must be saved before it is shown.
struct GroupConversationTests {
    static let root = Repository.root
    static let folder = root.appendingPathComponent("dialogues/group").path

    static var transcripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".transcript") }.sorted()
    }

    @Test(arguments: transcripts)
    func transcriptThroughAPipe(_ name: String) throws {
        let (exercises, library) = try GroupConversationTests.bundled()
        let path = GroupConversationTests.folder + "/" + name
        let transcript = try GroupTranscript.parse(SourceFile(path: path, text: try String(contentsOfFile: path, encoding: .utf8)))
        let exercise = try #require(exercises[transcript.exerciseID])
        #expect((3...6).contains(transcript.participants.count))

        let pipe = Pipe()
        var typed = ""
        for line in transcript.body.map(\.text) where line.hasPrefix("> ") || line.hasPrefix("@ +") {
            typed += (line.hasPrefix("> ") ? String(line.dropFirst(2)) : line) + "\n"
        }
        pipe.fileHandleForWriting.write(Data(typed.utf8))
        try pipe.fileHandleForWriting.close()

        let clock = ManualClock()
        let input = ClockLines(PlainLineReader(fileDescriptor: pipe.fileHandleForReading.fileDescriptor), clock: clock)
        let buffer = BufferOutput()
        var saved: [GroupState] = []
        let engine = GroupEngine(exercise: exercise, library: library)
        let opening = try engine.start(participants: transcript.participants, facilitator: transcript.facilitator,
                                       anonymous: transcript.anonymous, seed: transcript.seed, now: clock.now())
        let group = GroupConversation(engine: engine, clock: clock, opening: opening, persist: { saved.append($0.state) })
        try ConversationRunner(group, reader: input, renderer: Self.plain(buffer)).run()
        let final = group.state
        let output = buffer.text

        // The golden itself is compared once, by `groundwork test`; here the runner must show what
        // the engine says for the same input, no more and no less.
        let expected = try transcript.render(with: engine).filter { !$0.hasPrefix("> ") && !$0.hasPrefix("@ +") }
        let actual = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(GroupConversationTests.trimmed(actual) == GroupConversationTests.trimmed(expected))
        #expect(final.status == .completed)
        #expect(saved.last == final)
        // One save for the start and one per typed line at least; a bell adds one more.
        #expect(saved.count >= 1 + transcript.actions.filter { if case .line = $0 { return true } else { return false } }.count)
    }

    @Test func endOfInputLeavesTheGroupActiveAndSaysHowToResume() throws {
        let (exercises, library) = try GroupConversationTests.bundled()
        let exercise = try #require(exercises["what-so-what-now-what"])
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("first fact\n".utf8))
        try pipe.fileHandleForWriting.close()
        let clock = ManualClock()
        let output = BufferOutput()
        let engine = GroupEngine(exercise: exercise, library: library)
        let opening = try engine.start(participants: ["ana", "ben", "chi"].map { Participant(name: $0) }, facilitator: nil, seed: 1, now: 0)
        let group = GroupConversation(engine: engine, clock: clock, opening: opening, persist: { _ in })
        #expect(try ConversationRunner(group, reader: Self.reader(pipe), renderer: Self.plain(output)).run() == .left)
        let final = group.state
        #expect(final.status == .active)
        #expect(final.contributions.map(\.raw) == ["first fact"])
        #expect(output.text.hasSuffix("ben, your turn [2:00 left]\n(Saved. 'groundwork group --resume' picks up here.)\n"))
    }

    @Test func aFailedSaveStopsTheRun() throws {
        struct DiskFull: Error {}
        let (exercises, library) = try GroupConversationTests.bundled()
        let exercise = try #require(exercises["what-so-what-now-what"])
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("a\nb\n".utf8))
        try pipe.fileHandleForWriting.close()
        var calls = 0
        let engine = GroupEngine(exercise: exercise, library: library)
        let opening = try engine.start(participants: ["ana", "ben", "chi"].map { Participant(name: $0) }, facilitator: nil, seed: 1, now: 0)
        let group = GroupConversation(engine: engine, clock: ManualClock(), opening: opening,
                                      persist: { _ in calls += 1; if calls == 2 { throw DiskFull() } })
        #expect(throws: DiskFull.self) { try ConversationRunner(group, reader: Self.reader(pipe), renderer: Self.plain(BufferOutput())).run() }
    }

    @Test func aNewcomerWhoseDataIsBusyIsRefused() throws {
        struct Busy: Error, CustomStringConvertible { var description: String { "in use elsewhere" } }
        let (exercises, library) = try GroupConversationTests.bundled()
        let exercise = try #require(exercises["what-so-what-now-what"])
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("/add zed\n/add eve\n".utf8))
        try pipe.fileHandleForWriting.close()
        let output = BufferOutput()
        let engine = GroupEngine(exercise: exercise, library: library)
        let opening = try engine.start(participants: ["ana", "ben", "chi"].map { Participant(name: $0) }, facilitator: nil, seed: 1, now: 0)
        let group = GroupConversation(engine: engine, clock: ManualClock(), opening: opening, persist: { _ in },
                                      newcomer: { name in
                                          if name == "zed" { throw Busy() }
                                          return Participant(name: name, facts: ["checkin.exposure": .number(40)])
                                      })
        try ConversationRunner(group, reader: Self.reader(pipe), renderer: Self.plain(output)).run()
        let final = group.state
        #expect(output.text.contains("cannot add 'zed': in use elsewhere\n"))
        #expect(final.participants.map(\.name) == ["ana", "ben", "chi", "eve"])
        #expect(final.participants.last?.facts["checkin.exposure"] == .number(40))
    }

    @Test func terminalRenderingRingsClearsAndShowsTheStepAgain() {
        let buffer = BufferOutput()
        let renderer = Renderer(output: buffer, color: false, width: 80, decorate: true)
        renderer.show([Shown.group(.heading("Step 2 of 3: Alone (1m)")), .group(.say("Your idea?")),
                       .group(.turn(GroupTurn(names: ["ana"], label: "ana", stepID: "alone", kind: .text, isPrivate: true,
                                              remaining: 60, paused: false, waitsForFacilitator: false))),
                       .group(.clear), .group(.bell)])
        let output = buffer.text
        #expect(output == "== Step 2 of 3: Alone (1m) ==\nYour idea?\n\u{1B}[2J\u{1B}[H== Step 2 of 3: Alone (1m) ==\nYour idea?\n"
                + "\u{07}(Time is up. The facilitator decides when to move on: /next, or /extend 1m.)\n")
    }

    static func plain(_ output: BufferOutput) -> Renderer {
        Renderer(output: output, color: false, width: nil, decorate: false)
    }

    static func reader(_ pipe: Pipe) -> PlainLineReader {
        PlainLineReader(fileDescriptor: pipe.fileHandleForReading.fileDescriptor)
    }

    static func trimmed(_ lines: [String]) -> [String] {
        var lines = lines
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines
    }

    static func bundled() throws -> ([String: GroupExercise], ScriptLibrary) {
        func files(_ folder: String) throws -> [SourceFile] {
            try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted().map {
                SourceFile(path: folder + "/" + $0, text: try String(contentsOfFile: folder + "/" + $0, encoding: .utf8))
            }
        }
        let promptFolder = root.appendingPathComponent("prompts").path
        var prompts: [(name: String, file: SourceFile)] = []
        let walker = FileManager.default.enumerator(atPath: promptFolder)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".mustache") else { continue }
            let path = promptFolder + "/" + relative
            prompts.append((String(relative.dropLast(".mustache".count)), SourceFile(path: path, text: try String(contentsOfFile: path, encoding: .utf8))))
        }
        let (library, _) = ScriptLibrary.load(scripts: try files(root.appendingPathComponent("dialogues/rules").path), prompts: prompts)
        let (exercises, diagnostics) = GroupLoader.load(try files(folder), library: library)
        #expect(diagnostics.isEmpty)
        return (exercises, library)
    }
}

/// A clock moved by hand.
final class ManualClock: GroupClock, @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Double = 0

    func now() -> Double { lock.withLock { seconds } }
    func advance(_ by: Double) { lock.withLock { seconds += by } }
}

/// Plain lines from a pipe, where a line `@ +1m` moves the clock instead of being typed.
final class ClockLines: LineReader {
    private let inner: PlainLineReader
    private let clock: ManualClock

    init(_ inner: PlainLineReader, clock: ManualClock) {
        self.inner = inner
        self.clock = clock
    }

    func readLine(_ request: LineRequest) -> ReadResult {
        while true {
            let read = inner.readLine(request)
            guard case .line(let line) = read, line.hasPrefix("@ +"), let seconds = GroupDuration.parse(String(line.dropFirst(3))) else {
                return read
            }
            clock.advance(seconds)
        }
    }
}
