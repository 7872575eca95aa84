/// The outcome of running one golden transcript.
public struct TranscriptResult: Sendable, Hashable {
    public var path: String
    public var passed: Bool
    /// A readable diff (expected `-`, actual `+`, with line numbers); empty when it passed.
    public var diff: String
    /// The transcript as this run would record it (header kept, conversation re-recorded).
    public var recorded: String
}

/// Plays golden transcripts against a library and compares, or re-records them.
public enum TranscriptRunner {
    /// Plays `transcript` and compares every coach line with the expected one.
    public static func run(_ transcript: Transcript, library: ScriptLibrary, start: [String: Value] = [:]) -> TranscriptResult {
        let actual = play(transcript, library: library, start: start)
        var expected = transcript.opening
        for turn in transcript.turns {
            expected.append(Transcript.Line(text: "> " + turn.input.text, number: turn.input.number))
            expected.append(contentsOf: turn.expected)
        }
        let recorded = render(header: transcript.header, body: actual)
        let firstBodyLine = transcript.header.count + 1
        let actualLines = actual.enumerated().map { Transcript.Line(text: $0.element, number: firstBodyLine + $0.offset) }
        if expected.map(\.text) == actual {
            return TranscriptResult(path: transcript.path, passed: true, diff: "", recorded: recorded)
        }
        let diff = LineDiff.unified(expected: expected, actual: actualLines, path: transcript.path)
        return TranscriptResult(path: transcript.path, passed: false, diff: diff, recorded: recorded)
    }

    /// The transcript text a run produces from the transcript's own inputs (GROUNDWORK_RECORD=1).
    public static func record(_ transcript: Transcript, library: ScriptLibrary) -> String {
        render(header: transcript.header, body: play(transcript, library: library))
    }

    /// Parses and runs a transcript file; a parse error fails with the error as its diff. `earlier`
    /// reads the transcript a `previous:` header names (a path relative to this one's folder).
    public static func run(file: SourceFile, library: ScriptLibrary,
                           earlier: (String) -> SourceFile? = { _ in nil }) -> TranscriptResult {
        if GroupTranscript.isGroupTranscript(file) { return GroupTranscript.run(file: file, library: library) }
        do {
            let transcript = try Transcript.parse(file)
            var start: [String: Value] = [:]
            if let previous = transcript.previous {
                switch earlierVariables(previous, of: transcript, library: library, earlier: earlier) {
                case .success(let variables): start = variables
                case .failure(let failure):
                    return TranscriptResult(path: file.path, passed: false, diff: "\(file.path): error: \(failure.message)", recorded: file.text)
                }
            }
            return run(transcript, library: library, start: start)
        } catch {
            return TranscriptResult(path: file.path, passed: false, diff: error.description, recorded: file.text)
        }
    }

    /// The `previous.` variables a repeat transcript starts with: the earlier transcript is played
    /// from its own inputs (its own `previous:` is not followed) and its final variables taken.
    private static func earlierVariables(_ previous: Transcript.Previous, of transcript: Transcript, library: ScriptLibrary,
                                         earlier: (String) -> SourceFile?) -> Result<[String: Value], EarlierError> {
        guard case .flow(let id) = transcript.subject, let flow = library.flows[id] else { return .success([:]) }
        guard let file = earlier(previous.file) else {
            return .failure(EarlierError("cannot read the previous transcript '\(previous.file)'; give its path relative to this file"))
        }
        let first: Transcript
        do { first = try Transcript.parse(file) } catch { return .failure(EarlierError(error.description)) }
        guard first.subject == transcript.subject else {
            return .failure(EarlierError("the previous transcript '\(previous.file)' runs another flow"))
        }
        guard let state = playFlow(id, transcript: first, library: library, start: [:]).state, state.status == .completed else {
            return .failure(EarlierError("the previous transcript '\(previous.file)' does not complete its flow"))
        }
        return .success(flow.previousVariables(from: state.variables, date: previous.date, ageInDays: previous.ageInDays))
    }

    private struct EarlierError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// The conversation lines a run prints: coach lines, and `> input` before each answer's lines.
    static func play(_ transcript: Transcript, library: ScriptLibrary, start: [String: Value] = [:]) -> [String] {
        switch transcript.subject {
        case .flow(let id): return playFlow(id, transcript: transcript, library: library, start: start).lines
        case .rules(let id): return playRules(id, transcript: transcript, library: library)
        }
    }

    private static func playFlow(_ id: String, transcript: Transcript, library: ScriptLibrary,
                                 start: [String: Value]) -> (lines: [String], state: SessionState?) {
        let engine = Engine(library: library)
        var lines: [String] = []
        var state: SessionState?
        var variables = start
        if let user = transcript.user { variables["user"] = .string(user) }
        do {
            let step = try engine.start(flow: id, seed: transcript.seed, variables: variables)
            state = step.state
            lines += block(step.events.flatMap { $0.plainLines() })
        } catch {
            lines.append("error: \(error.description)")
        }
        for input in transcript.inputs {
            lines.append("> " + input)
            guard let current = state else { continue }
            let step: Step
            switch input.trimmingWhitespace() {
            case "/skip": step = engine.step(current, .skip)
            case "/done": step = engine.step(current, .finish)
            case "/back": step = engine.back(current)
            case "/why":
                lines += block(current.explanation.map { Event.lines($0) } ?? ["(nothing to explain yet)"])
                continue
            default: step = engine.step(current, .line(input))
            }
            state = step.state
            lines += block(step.events.flatMap { $0.plainLines() })
        }
        return (lines, state)
    }

    private static func playRules(_ id: String, transcript: Transcript, library: ScriptLibrary) -> [String] {
        guard let rules = library.ruleSets[id] else { return ["error: no rule set named '\(id)'"] + transcript.inputs.map { "> " + $0 } }
        let safety = transcript.safety ? library.safetyNet : nil
        if transcript.safety && safety == nil {
            return ["error: 'safety: on' but the library has no safety net (a file with 'kind: safety-net')"] + transcript.inputs.map { "> " + $0 }
        }
        var memory = ListenerMemory()
        var lines: [String] = []
        for input in transcript.inputs {
            lines.append("> " + input)
            if let safety {
                let found = safety.assess(input)
                if found.tier != .none {
                    lines += block(Event.lines(library.prompts.safetyText(found.tier, country: nil)))
                    continue
                }
            }
            lines += block(Event.lines(rules.respond(to: input, memory: &memory).text))
        }
        return lines
    }

    /// Blank lines at the end of a block are not compared (see `Transcript`).
    private static func block(_ lines: [String]) -> [String] {
        var lines = lines
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        return lines
    }

    private static func render(header: [String], body: [String]) -> String {
        (header + body).joined(separator: "\n") + "\n"
    }
}
