@testable import GroundworkCore

/// Drives a bundled flow through the engine and keeps every event, for flow-level tests.
struct ReflectionSession {
    let engine: Engine
    var state: SessionState
    var events: [Event]
    /// Events of the last start or step only.
    var last: [Event]

    /// Starts `flow` from the bundled library with `variables` (as the CLI passes them).
    init(_ flow: String, variables: [String: Value] = [:], seed: UInt64 = 7) throws {
        let (library, _) = try BundledScripts.load()
        engine = Engine(library: library)
        let step = try engine.start(flow: flow, seed: seed, variables: variables)
        state = step.state
        events = step.events
        last = step.events
    }

    /// Types `line` (`/skip` and `/done` act as the slash commands).
    mutating func say(_ line: String) {
        let input: Input = line == "/skip" ? .skip : line == "/done" ? .finish : .line(line)
        let step = engine.step(state, input)
        state = step.state
        events += step.events
        last = step.events
    }

    mutating func say(_ lines: [String]) { for line in lines { say(line) } }

    /// Types `lines` as answers to the flow's own questions, passing (with Enter) any reflection
    /// that waits for an answer first.
    mutating func answer(_ lines: [String]) {
        for line in lines {
            while state.waitingReflection != nil { say("") }
            say(line)
        }
    }

    var summary: String? {
        events.lazy.compactMap { if case .summary(let text) = $0 { return text } else { return nil } }.first
    }

    var nextStep: String? {
        events.lazy.compactMap { if case .nextStep(let id, _) = $0 { return id } else { return nil } }.first
    }

    var nextStepText: String? {
        events.lazy.compactMap { if case .nextStep(_, let text) = $0 { return text } else { return nil } }.first
    }

    var reflections: [String] { events.compactMap { if case .reflect(let text) = $0 { return text } else { return nil } } }

    var safetyMessages: [String] { events.compactMap { if case .safety(let text) = $0 { return text } else { return nil } } }

    /// The node of the question waiting, if any.
    var waitingAt: String? { state.cursor.node }

    /// The CLI's start variables for a latest career check-in (see the footer).
    static func latest(score: Double, band: String, date: String, ageDays: Double) -> [String: Value] {
        ["latest.exposure.score": .number(score), "latest.exposure.band": .string(band),
         "latest.date": .string(date), "latest.age_days": .number(ageDays)]
    }

    /// The CLI's start variables when there is no career check-in yet.
    static let noCheckin: [String: Value] = [
        "latest.exposure.score": .null, "latest.exposure.band": .null, "latest.date": .null, "latest.age_days": .null,
    ]
}
