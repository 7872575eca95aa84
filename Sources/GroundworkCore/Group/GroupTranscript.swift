/// A golden transcript of a group exercise (`dialogues/group/*.transcript`): a header naming the
/// exercise and the room, then the room's lines (`> …`), clock advances (`@ +1m`) and the lines
/// the plain output prints after each.
///
/// ```
/// # comments
/// group: one-two-four-all
/// participants: ana, ben, chi
/// facilitator: fay                 # optional
/// anonymous: true                  # optional (default: the exercise's own setting)
/// seed: 42                         # optional, 0 when absent
/// fact: ana checkin.exposure 62    # optional, repeatable: a fact the CLI would look up
/// ---
/// <lines printed at the start>
/// > a line typed by whoever's turn it is, or a facilitator command
/// <lines printed after it>
/// @ +1m                            # the injected clock moves on; the bell may ring
/// ```
/// The clock starts at 0 and moves only at `@` lines, so timers need no real waiting.
public struct GroupTranscript: Sendable, Hashable {
    /// One item of the body the runner acts on.
    public enum Action: Sendable, Hashable {
        case line(String)
        case advance(Double)
    }

    public var path: String
    public var exerciseID: String
    public var participants: [Participant]
    public var facilitator: String?
    public var anonymous: Bool?
    public var seed: UInt64
    /// The header as written, `---` included.
    public var header: [String]
    /// The body as written (numbered from the line after `---`).
    public var body: [Transcript.Line]

    /// The actions of the body, in order.
    public var actions: [Action] {
        body.compactMap { line in
            if line.text.hasPrefix("> ") || line.text == ">" { return .line(String(line.text.dropFirst(2))) }
            if line.text.hasPrefix("@ +"), let seconds = GroupDuration.parse(String(line.text.dropFirst(3))) { return .advance(seconds) }
            return nil
        }
    }

    public static func parse(_ file: SourceFile) throws(TranscriptError) -> GroupTranscript {
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func error(_ line: Int, _ message: String) -> TranscriptError {
            TranscriptError(message: message, location: SourceLocation(path: file.path, line: line, column: 1))
        }
        var transcript = GroupTranscript(path: file.path, exerciseID: "", participants: [], facilitator: nil, anonymous: nil,
                                         seed: 0, header: [], body: [])
        var facts: [(String, String, Value, Int)] = []
        let header = try TranscriptHeader.parse(lines, path: file.path)
        let index = header.separator + 1
        transcript.header = Array(lines[..<index])
        for entry in header.entries {
            let (key, value) = (entry.key, entry.value)
            func error(_ message: String) -> TranscriptError {
                TranscriptError(message: message, location: SourceLocation(path: file.path, line: entry.line, column: entry.valueColumn))
            }
            switch key {
            case "group": transcript.exerciseID = value
            case "participants":
                transcript.participants = value.split(separator: ",").map { Participant(name: $0.trimmingWhitespace()) }
            case "facilitator": transcript.facilitator = value
            case "anonymous":
                guard value == "true" || value == "false" else { throw error("expected true or false for 'anonymous'") }
                transcript.anonymous = value == "true"
            case "seed":
                guard let seed = UInt64(value) else { throw error("expected a whole number for 'seed', found '\(value)'") }
                transcript.seed = seed
            case "fact":
                let parts = value.split(separator: " ").map(String.init)
                guard parts.count == 3 else { throw error("expected 'fact: NAME KEY VALUE'") }
                facts.append((parts[0], parts[1], Double(parts[2]).map(Value.number) ?? .string(parts[2]), entry.line))
            default:
                throw TranscriptError(message: Spelling.suggest("unknown header key '\(key)'", for: key,
                                                               among: ["group", "participants", "facilitator", "anonymous", "seed", "fact"]),
                                      location: SourceLocation(path: file.path, line: entry.line, column: entry.keyColumn))
            }
        }
        guard !transcript.exerciseID.isEmpty else { throw error(1, "missing 'group: EXERCISE' in the header") }
        for (name, key, value, line) in facts {
            guard let i = transcript.participants.firstIndex(where: { $0.name == name }) else {
                throw error(line, "fact for '\(name)', who is not a participant")
            }
            transcript.participants[i].facts[key] = value
        }
        let first = index + 1
        transcript.body = lines[index...].enumerated().map { Transcript.Line(text: $0.element, number: first + $0.offset) }
        return transcript
    }

    /// Runs the transcript's actions and returns the body as the engine produces it, in the file's
    /// format (so a passing transcript reproduces its own body).
    public func render(with engine: GroupEngine) throws(GroupError) -> [String] {
        var now = 0.0
        let start = try engine.start(participants: participants, facilitator: facilitator, anonymous: anonymous, seed: seed, now: now)
        var state = start.state
        var out = GroupTranscript.lines(start.events)
        for action in actions {
            switch action {
            case .line(let line):
                out.append("> " + line)
                let result = engine.step(state, line, now: now)
                state = result.state
                out += GroupTranscript.lines(result.events)
            case .advance(let seconds):
                now += seconds
                out.append("@ +" + GroupDuration.words(seconds))
                let result = engine.tick(state, now: now)
                state = result.state
                out += GroupTranscript.lines(result.events)
            }
        }
        return out
    }

    /// Compares the engine's output with the body; nil when they agree, else a unified diff.
    public func check(with engine: GroupEngine) throws(GroupError) -> String? {
        let actual = GroupTranscript.trimmed(try render(with: engine))
        let expected = GroupTranscript.trimmed(body.map(\.text))
        guard actual != expected else { return nil }
        let first = body.first?.number ?? 1
        return LineDiff.unified(expected: expected.enumerated().map { Transcript.Line(text: $0.element, number: first + $0.offset) },
                                actual: actual.enumerated().map { Transcript.Line(text: $0.element, number: first + $0.offset) },
                                path: path)
    }

    /// The whole file with the engine's output, for recording a new golden transcript.
    public func recorded(with engine: GroupEngine) throws(GroupError) -> String {
        (header + GroupTranscript.trimmed(try render(with: engine))).joined(separator: "\n") + "\n"
    }

    /// True when the file's header names a group exercise (`group: ID`), not a flow or rule set.
    public static func isGroupTranscript(_ file: SourceFile) -> Bool {
        for line in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "---" { return false }
            if line.hasPrefix("group:") { return true }
        }
        return false
    }

    /// Runs a group transcript file against the library's group exercises, for `groundwork test`.
    public static func run(file: SourceFile, library: ScriptLibrary) -> TranscriptResult {
        do {
            let transcript = try GroupTranscript.parse(file)
            guard let exercise = library.groupExercises[transcript.exerciseID] else {
                return TranscriptResult(path: file.path, passed: false,
                                        diff: "\(file.path):1:1: error: no group exercise named '\(transcript.exerciseID)'", recorded: file.text)
            }
            let engine = GroupEngine(exercise: exercise, library: library)
            let recorded = try transcript.recorded(with: engine)
            let diff = try transcript.check(with: engine)
            return TranscriptResult(path: file.path, passed: diff == nil, diff: diff ?? "", recorded: recorded)
        } catch let error as TranscriptError {
            return TranscriptResult(path: file.path, passed: false, diff: error.description, recorded: file.text)
        } catch {
            return TranscriptResult(path: file.path, passed: false, diff: "\(file.path):1:1: error: \(error)", recorded: file.text)
        }
    }

    static func lines(_ events: [GroupEvent]) -> [String] { events.flatMap { $0.plainLines() } }

    static func trimmed(_ lines: [String]) -> [String] {
        var lines = lines
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines
    }
}
