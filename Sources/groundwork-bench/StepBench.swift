import GroundworkCore

/// Latency of one `Engine.step` (no disk) through the career check-in, answered by the personas of
/// its golden transcripts, repeated until there are enough samples for a stable p99.
struct StepBench {
    var folder: ScriptFolder
    var flowID = "career-checkin"
    /// Stop repeating the personas once this many steps are timed.
    var minimumSamples = 60_000
    /// Most steps in one made-up session (a flow that loops on bad answers still ends).
    var maxSteps = 200

    static let targetP99: UInt64 = 50_000

    func run() -> [Row] {
        let p50Figure = "flow step p50 (\(flowID))"
        let p99Figure = "flow step p99 (\(flowID))"
        let (library, errors) = folder.load()
        guard library.flows[flowID] != nil else {
            let reason = errors.isEmpty ? "no flow '\(flowID)' in the dialogues" : "flow '\(flowID)' did not load: \(errors[0])"
            return [.skipped(p50Figure, because: reason), .skipped(p99Figure, because: reason, target: "< 50 µs")]
        }
        let engine = Engine(library: library)
        var personas = Persona.fromTranscripts(folder.transcripts, flowID: flowID)
        if personas.isEmpty { personas = [Persona.madeUp] }

        var samples = Samples()
        var finals = Samples()
        var questions = Samples()
        var byNode: [String: Samples] = [:]
        var completed = 0
        var sessions = 0
        var failure: String?
        repeat {
            for persona in personas {
                let outcome = session(persona, engine: engine, samples: &samples, finals: &finals, questions: &questions, byNode: &byNode)
                sessions += 1
                switch outcome {
                case .completed: completed += 1
                case .stopped(let reason): if failure == nil { failure = "\(persona.name): \(reason)" }
                }
            }
        } while samples.count < minimumSamples && samples.count > 0
        guard samples.count > 0 else {
            let reason = failure ?? "no steps were taken"
            return [.skipped(p50Figure, because: reason), .skipped(p99Figure, because: reason, target: "< 50 µs")]
        }

        let p50 = samples.percentile(50)
        let p99 = samples.percentile(99)
        let nodeP99 = byNode.keys.map { node in (node, byNode[node]?.percentile(99) ?? 0) }
        let top = nodeP99.sorted { $0.1 > $1.1 }.prefix(4).map { "\($0.0) \(Formatting.micros($0.1))" }
        note("steps: \(samples.count) steps over \(sessions) sessions of \(personas.count) persona(s), \(completed) completed; "
            + "max \(Formatting.micros(samples.percentile(100))); slowest nodes by p99 (answering the question at): \(top.joined(separator: ", ")); "
            + "clock overhead \(MonotonicClock.overhead()) ns")
        if let failure { note("steps: a session did not complete: \(failure)") }
        return [
            Row(figure: p50Figure, value: Formatting.micros(p50), target: "", verdict: .info),
            Row(figure: p99Figure, value: Formatting.micros(p99), target: "< 50 µs", verdict: p99 < Self.targetP99 ? .met : .missed),
            Row(figure: "  p99 of question steps only (without the final step)", value: Formatting.micros(questions.percentile(99)),
                target: "", verdict: .info),
            Row(figure: "  p50 of the final step (scores, summary, next step)", value: Formatting.micros(finals.percentile(50)),
                target: "", verdict: .info),
        ]
    }

    enum Outcome {
        case completed
        case stopped(String)
    }

    /// One session from the start to its end, timing every step.
    private func session(_ persona: Persona, engine: Engine, samples: inout Samples, finals: inout Samples, questions: inout Samples,
                         byNode: inout [String: Samples]) -> Outcome {
        var step: Step
        do {
            step = try engine.start(flow: flowID, seed: 42)
        } catch {
            return .stopped(error.description)
        }
        var turn = 0
        while !step.events.contains(.end) {
            let input: Input
            if let lines = persona.lines {
                guard turn < lines.count else { return .stopped("ran out of lines at node '\(step.state.cursor.node ?? "?")'") }
                let line = lines[turn]
                if line == "/back" {
                    step = engine.back(step.state)
                    turn += 1
                    continue
                }
                input = line == "/skip" ? .skip : line == "/done" ? .finish : .line(line)
            } else {
                guard turn < maxSteps, let prompt = step.events.lastPrompt else {
                    return .stopped("no question to answer at step \(turn)")
                }
                input = .line(Persona.answer(to: prompt, turn: turn))
            }
            let node = step.state.cursor.node ?? "?"
            let state = step.state
            let (next, elapsed) = MonotonicClock.measure { engine.step(state, input) }
            samples.append(elapsed)
            // The final step computes scores, summary and next steps: the one that completes, or,
            // in a flow that offers a choice of next steps, the one that shows the summary.
            let showsSummary = next.events.contains { if case .summary = $0 { true } else { false } }
            if showsSummary || (next.state.status == .completed && state.status != .completed) {
                finals.append(elapsed)
            } else {
                questions.append(elapsed)
            }
            byNode[node, default: Samples()].append(elapsed)
            step = next
            turn += 1
        }
        return step.state.status == .completed ? .completed : .stopped("ended with status \(step.state.status.rawValue)")
    }
}

extension Array where Element == Event {
    /// The last question asked in these events.
    var lastPrompt: Prompt? {
        for event in reversed() {
            if case .ask(let prompt) = event { return prompt }
        }
        return nil
    }
}
