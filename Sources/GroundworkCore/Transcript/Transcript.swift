/// A golden transcript (`*.transcript`): a header naming a flow or a rule set and a seed, then
/// user lines (`> …`) with the coach lines expected before and after each.
///
/// ```
/// # comments
/// flow: career-checkin        # or: rules: listening
/// seed: 42                    # optional, 0 when absent
/// safety: on                  # rules only: run the safety set first (optional, default off)
/// user: ana                   # flows only: the `user` variable the CLI passes (optional)
/// previous: first.transcript on 2026-03-01, 92 days ago   # flows only: a repeat session (optional)
/// ---
/// <coach lines before the first answer>
/// > first user line
/// <coach lines after it>
/// ```
/// In flow transcripts `> /skip`, `> /done`, `> /back` and `> /why` act as the slash commands.
/// Blank lines at the end of each block of coach lines are not compared.
public struct Transcript: Sendable, Hashable {
    /// What a transcript exercises.
    public enum Subject: Sendable, Hashable {
        case flow(String)
        case rules(String)
    }

    /// `previous: FILE on YYYY-MM-DD, N days ago`: the earlier session's transcript (a path relative
    /// to this one's folder), its date and its age.
    public struct Previous: Sendable, Hashable {
        public var file: String
        public var date: String
        public var ageInDays: Int
    }

    /// One line of the file with its 1-based line number.
    public struct Line: Sendable, Hashable {
        public var text: String
        public var number: Int

        public init(text: String, number: Int) {
            self.text = text
            self.number = number
        }
    }

    /// A user line and the coach lines expected after it.
    public struct Turn: Sendable, Hashable {
        public var input: Line
        public var expected: [Line]

        public init(input: Line, expected: [Line]) {
            self.input = input
            self.expected = expected
        }
    }

    public var path: String
    public var subject: Subject
    public var seed: UInt64
    /// For rule-set transcripts: answer through the `safety` rule set first.
    public var safety: Bool
    /// For flow transcripts: the person's user name, given to the flow as the variable `user`.
    public var user: String?
    /// For flow transcripts: an earlier session of the same flow, played first from that transcript's
    /// inputs, whose final variables fill the flow's `previous.` variables (a repeat session).
    public var previous: Previous?
    /// The header as written, `---` included, kept verbatim when re-recording.
    public var header: [String]
    /// Coach lines expected before the first user line.
    public var opening: [Line]
    public var turns: [Turn]

    /// The user lines in order.
    public var inputs: [String] { turns.map(\.input.text) }

    /// Parses a transcript file; errors carry the line and column of the problem.
    public static func parse(_ file: SourceFile) throws(TranscriptError) -> Transcript {
        var lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        func error(_ line: Int, _ column: Int, _ message: String) -> TranscriptError {
            TranscriptError(message: message, location: SourceLocation(path: file.path, line: line, column: column))
        }

        let header = try TranscriptHeader.parse(lines, path: file.path)
        let separator = header.separator
        var flow: (String, Int)?
        var rules: (String, Int)?
        var seed: UInt64?
        var safety: (Bool, Int)?
        var user: (String, Int)?
        var previous: (Previous, Int)?
        for entry in header.entries {
            let (key, value, number, keyStart, valueColumn) = (entry.key, entry.value, entry.line, entry.keyColumn, entry.valueColumn)
            switch key {
            case "flow", "rules":
                guard (key == "flow" ? flow : rules) == nil else { throw error(number, keyStart, "duplicate header key '\(key)'") }
                guard !value.isEmpty else { throw error(number, valueColumn, "'\(key)' needs an id") }
                if key == "flow" { flow = (value, number) } else { rules = (value, number) }
            case "seed":
                guard seed == nil else { throw error(number, keyStart, "duplicate header key 'seed'") }
                guard let parsed = UInt64(value) else {
                    throw error(number, valueColumn, "seed must be a whole number from 0 to \(UInt64.max), found '\(value)'")
                }
                seed = parsed
            case "safety":
                guard safety == nil else { throw error(number, keyStart, "duplicate header key 'safety'") }
                switch value.lowercased() {
                case "on", "true", "yes": safety = (true, number)
                case "off", "false", "no": safety = (false, number)
                default: throw error(number, valueColumn, "safety must be 'on' or 'off', found '\(value)'")
                }
            case "user":
                guard user == nil else { throw error(number, keyStart, "duplicate header key 'user'") }
                guard !value.isEmpty else { throw error(number, valueColumn, "'user' needs a name") }
                user = (value, number)
            case "previous":
                guard previous == nil else { throw error(number, keyStart, "duplicate header key 'previous'") }
                guard let parsed = Previous(value) else {
                    throw error(number, valueColumn, "previous must be 'FILE.transcript on YYYY-MM-DD, N days ago', found '\(value)'")
                }
                previous = (parsed, number)
            default:
                throw error(number, keyStart, "unknown header key '\(key)' (expected flow, rules, seed, safety, user or previous)")
            }
        }
        let subject: Subject
        switch (flow, rules) {
        case (let f?, nil): subject = .flow(f.0)
        case (nil, let r?): subject = .rules(r.0)
        case (_?, let r?): throw error(r.1, 1, "a transcript names a flow or a rule set, not both")
        case (nil, nil): throw error(separator + 1, 1, "the header names no flow or rule set: add 'flow: ID' or 'rules: ID'")
        }
        if let safety, case .flow = subject {
            // Flows always pass free text through the safety set when the library has one.
            throw error(safety.1, 1, "'safety' applies to rule-set transcripts only; flows always use the safety set")
        }

        if let user, case .rules = subject {
            throw error(user.1, 1, "'user' applies to flow transcripts only")
        }
        if let previous, case .rules = subject {
            throw error(previous.1, 1, "'previous' applies to flow transcripts only")
        }

        var opening: [Line] = []
        var turns: [Turn] = []
        for index in (separator + 1)..<lines.count {
            let text = lines[index]
            let line = Line(text: text, number: index + 1)
            if text.hasPrefix(">") {
                var input = text.dropFirst()
                if input.first == " " { input = input.dropFirst() }
                turns.append(Turn(input: Line(text: String(input), number: index + 1), expected: []))
            } else if turns.isEmpty {
                if case .rules = subject, !text.trimmingWhitespace().isEmpty {
                    throw error(index + 1, 1, "a rule-set transcript starts with a '> ' line; found coach text before it")
                }
                opening.append(line)
            } else {
                turns[turns.count - 1].expected.append(line)
            }
        }
        opening = trimTrailingBlank(opening)
        for index in turns.indices { turns[index].expected = trimTrailingBlank(turns[index].expected) }
        return Transcript(path: file.path, subject: subject, seed: seed ?? 0, safety: safety?.0 ?? false,
                          user: user?.0, previous: previous?.0, header: Array(lines[...separator]), opening: opening, turns: turns)
    }

    static func trimTrailingBlank(_ lines: [Line]) -> [Line] {
        var lines = lines
        while let last = lines.last, last.text.trimmingWhitespace().isEmpty { lines.removeLast() }
        return lines
    }
}

extension Transcript.Previous {
    /// Reads `FILE on YYYY-MM-DD, N days ago`; nil when it is not in that shape.
    init?(_ text: String) {
        let parts = text.split(separator: " on ", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts[0].hasSuffix(".transcript") else { return nil }
        let when = parts[1].split(separator: ",", maxSplits: 1).map { $0.trimmingWhitespace() }
        guard when.count == 2, when[0].count == 10, when[0].allSatisfy({ $0.isNumber || $0 == "-" }) else { return nil }
        let age = when[1].split(separator: " ")
        guard age.count == 3, age[1] == "days" || age[1] == "day", age[2] == "ago", let days = Int(age[0]), days >= 0 else { return nil }
        self.init(file: parts[0].trimmingWhitespace(), date: when[0], ageInDays: days)
    }
}

/// A malformed transcript file.
public struct TranscriptError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation

    public init(message: String, location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// `path:line:column: error: message`
    public var description: String { "\(location): error: \(message)" }
}
