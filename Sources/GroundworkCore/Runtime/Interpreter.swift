/// One start or step of a session: walks nodes until a question or the end, collecting events and
/// the trace behind `/why`. Lives only for the call that made it.
struct Interpreter {
    /// Why a run stopped early.
    enum Failure {
        case engine(EngineError)
        /// The script refers to something the library lacks (normally caught by the validator).
        case broken(String)

        var message: String {
            switch self {
            case .engine(let error): return error.description
            case .broken(let message): return message
            }
        }
    }

    let engine: Engine
    var state: SessionState
    var events: [Event] = []
    var trace: [String] = []
    /// Why, in words, for `/why`: the reasons of this step's reflections and safety messages.
    var reasons: [String] = []
    var failure: Failure?

    static let safetyChoices = [ChoiceOption(label: "continue"), ChoiceOption(label: "pause"), ChoiceOption(label: "leave")]

    init(engine: Engine, state: consuming SessionState) {
        self.engine = engine
        self.state = consume state
    }

    var library: ScriptLibrary { engine.library }

    /// Ends the run: a failure abandons the session and says why; the trace becomes `/why`.
    mutating func finish() -> Step {
        if let failure {
            events.append(.notice("Stopped: \(failure.message)."))
            events.append(.end)
            trace.append("stopped: \(failure.message)")
            state.status = .abandoned
            state.cursor.node = nil
        }
        if !trace.isEmpty { state.explanation = trace.joined(separator: "\n") }
        if !reasons.isEmpty { state.why = reasons.joined(separator: " ") } else if !events.isEmpty { state.why = nil }
        return Step(state: state, events: events)
    }

    // MARK: Inputs

    mutating func apply(_ input: Input) {
        state.inputs.append(input)
        let inputIndex = state.inputs.count - 1
        if state.status == .active, !offeredSteps.isEmpty {
            answerStepChoice(input)
            return
        }
        guard state.status == .active, let (flow, node, question) = currentQuestion() else {
            events.append(.notice("This session has ended."))
            return
        }
        if state.safety.awaitingChoice {
            chooseAfterSafety(input, node: node, question: question)
            return
        }
        if state.safety.awaitingCheck {
            answerSafetyCheck(input, flow: flow, node: node, question: question, inputIndex: inputIndex)
            return
        }
        if state.followUp?.waiting == true {
            answerFollowUp(input, node: node, question: question)
            return
        }
        let kind = AnswerParser.kindName(question.input).rawValue
        switch input {
        case .finish:
            trace.append("/done at node '\(node.id)' in flow '\(flow.id)': finished early")
            complete()
        case .skip:
            guard question.skippable else {
                trace.append("node '\(node.id)' (ask, \(kind)): /skip refused, the question is not skippable")
                events.append(.invalid("This question can't be skipped."))
                ask(node, question)
                return
            }
            trace.append("node '\(node.id)' (ask, \(kind)): skipped, nothing saved")
            events.append(.notice("Skipped."))
            moveOn()
            run(from: node.next)
        case .line(let raw):
            if case .reflect = node.kind, raw.trimmingWhitespace().isEmpty {
                trace.append("node '\(node.id)' (reflect): passed with Enter, nothing saved")
                moveOn()
                run(from: node.next)
                return
            }
            if case .text = question.input, interruptForSafety(raw, nodeID: node.id, inputIndex: inputIndex) { return }
            answer(raw, flow: flow, node: node, question: question)
        }
    }

    /// What Enter takes for `question`, and the line the prompt adds to say so: the answer earlier
    /// text already gave (`fill_from:`), else the one an earlier session gave (`keep:`).
    private func offered(_ question: Question) -> (raw: String, note: String, from: String)? {
        if let source = question.fillFrom, case .number(_, _, _, let unit?) = question.input,
           let text = try? Evaluator.evaluate(source, state.variables).text, !text.isEmpty,
           let raw = AnswerParser.stated(text, unit: unit),
           case .success = AnswerParser.parse(raw, as: question.input) {
            return (raw, "(You said \(raw) earlier; press Enter to keep it, or type another answer.)", "said earlier")
        }
        guard let source = question.keep, let value = try? Evaluator.evaluate(source, state.variables),
              let (raw, shown) = AnswerParser.restated(value, as: question.input) else { return nil }
        return (raw, "(Last time: \(shown). Press Enter to keep it, or type another answer.)", "the earlier session's answer")
    }

    /// Takes a line as the answer to the waiting question (it has passed the safety net).
    private mutating func answer(_ typed: String, flow: Flow, node: Node, question: Question) {
        var raw = typed
        if typed.trimmingWhitespace().isEmpty, let earlier = offered(question) {
            trace.append("node '\(node.id)': Enter kept '\(earlier.raw)', \(earlier.from)")
            raw = earlier.raw
        }
        let kind = AnswerParser.kindName(question.input).rawValue
        switch AnswerParser.parse(raw, as: question.input) {
        case .success(let accepted):
            let shown = state.waitingReflection ?? render(question.prompt)
            if let name = question.save {
                state.variables[name] = accepted.value
                // What was said beside a yes or no is kept with it, e.g. `compressed.note`.
                state.variables[name + ".note"] = accepted.note.map(Value.string)
            }
            state.answers.append(Answer(flowID: flow.id, nodeID: node.id, question: shown, raw: raw,
                                        value: accepted.value, variable: question.save))
            if case .text = question.input, case .string(let text) = accepted.value { state.lastText = text }
            let what: String
            if case .reflect = node.kind { what = "reflect, answer" } else { what = "ask, \(kind)" }
            trace.append("node '\(node.id)' (\(what)): accepted '\(raw.trimmingWhitespace())'"
                         + (question.save.map { ", saved to \($0)" } ?? ""))
            moveOn()
            if case .reflect(let reflect) = node.kind, let acknowledge = reflect.acknowledge { events.append(.say(render(acknowledge))) }
            run(from: accepted.next ?? node.next)
        case .failure(let refusal):
            state.reasks += 1
            // A question that cannot be skipped is not given up on silently (a task saved with no
            // name): it is asked again, with its help, unless the flow says where to go instead.
            if state.reasks >= question.maxReasks, question.skippable || question.onGiveUp != nil {
                let target = question.onGiveUp ?? node.next
                trace.append("node '\(node.id)' (ask, \(kind)): \(refusal.reason); gave up after \(state.reasks) invalid answers"
                             + (target.map { ", going to '\($0)'" } ?? ""))
                events.append(.notice("Let's leave that question and move on."))
                moveOn()
                run(from: target)
            } else {
                trace.append("node '\(node.id)' (ask, \(kind)): \(refusal.reason); re-asked (\(state.reasks) of \(question.maxReasks))")
                events.append(.invalid(question.reask.map(render) ?? AnswerParser.defaultReask(for: question.input)))
                if state.reasks >= 2, let help = question.help { events.append(.say(render(help))) }
                ask(node, question)
            }
        }
    }

    /// A question is behind us (answered, skipped or given up). A reflection that waited is not
    /// one of the flow's counted questions.
    private mutating func moveOn() {
        state.reasks = 0
        if state.waitingReflection == nil { state.questionsDone += 1 }
        state.waitingReflection = nil
    }

    /// Re-emits what the session is waiting for.
    mutating func showCurrent() {
        if state.status == .active, !offeredSteps.isEmpty {
            events.append(.ask(stepChoicePrompt()))
            return
        }
        guard state.status == .active, let (_, node, question) = currentQuestion() else { return }
        if state.safety.awaitingChoice {
            events.append(.safety(safetyMessage(.crisis)))
        } else if state.safety.awaitingCheck {
            events.append(.safetyCheck(safetyMessage(.check)))
        } else if state.followUp?.waiting == true {
            events.append(.ask(followUpPrompt()))
        } else {
            showQuestion(node, question)
        }
    }

    func currentPrompt() -> Prompt? {
        if state.status == .active, !offeredSteps.isEmpty { return stepChoicePrompt() }
        guard state.status == .active, let (_, node, question) = currentQuestion() else { return nil }
        if state.followUp?.waiting == true { return followUpPrompt() }
        return prompt(node, question)
    }

    func currentHelp() -> String? {
        if state.status == .active, !offeredSteps.isEmpty {
            return "Type the number of the step you will take on, or the start of its name. /skip keeps the first, the closest fit."
        }
        if state.status == .active, state.followUp?.waiting == true {
            return "How did it go: 1 done, 2 partly, 3 not yet, or 4 let it go. /skip leaves it open for next time."
        }
        guard state.status == .active, let (_, _, question) = currentQuestion(), let help = question.help else { return nil }
        return render(help)
    }

    // MARK: Safety net

    /// Runs a free-text line through the safety net; true when it fired and the flow waits (for
    /// the answer to the gentle check, or for continue / pause / leave after the crisis message).
    private mutating func interruptForSafety(_ line: String, nodeID: String, inputIndex: Int, holdsAnswer: Bool = true) -> Bool {
        guard let net = library.safetyNet else { return false }
        let verdict = state.safety.screen(line, net: net, place: nodeID, inputIndex: inputIndex)
        if !holdsAnswer { state.safety.heldLine = nil }
        return showSafety(verdict, at: nodeID)
    }

    /// Shows what a verdict asks for; false when there is nothing to show.
    private mutating func showSafety(_ verdict: SafetyVerdict, at nodeID: String) -> Bool {
        switch verdict {
        case .pass, .cleared:
            return false
        case .check(let found):
            reasons.append(found.reason)
            trace.append("safety net at node '\(nodeID)': \(found.explanation) (rule '\(found.rule)', screen \(found.screen)); "
                         + "asked the gentle check; the line is held until it is answered")
            events.append(.safetyCheck(safetyMessage(.check)))
        case .crisis(let found):
            reasons.append(found.reason)
            state.safety.awaitingChoice = true
            trace.append("safety net at node '\(nodeID)': \(found.explanation) (rule '\(found.rule)', screen \(found.screen)); "
                         + "showed the crisis message; the line was not saved")
            events.append(.safety(safetyMessage(.crisis)))
        }
        return true
    }

    private func safetyMessage(_ tier: SafetyNet.Tier) -> String {
        library.prompts.safetyText(tier, country: state.variables[Self.countryVariable]?.string, extra: templateContext())
    }

    /// The answer to the gentle check: a clear "no" takes the held line as the answer; anything
    /// else shows the crisis message.
    private mutating func answerSafetyCheck(_ input: Input, flow: Flow, node: Node, question: Question, inputIndex: Int) {
        guard let net = library.safetyNet else {
            state.safety.awaitingCheck = false
            ask(node, question)
            return
        }
        let line: String
        if case .line(let raw) = input { line = raw } else { line = "" }
        let verdict = state.safety.screen(line, net: net, place: node.id, inputIndex: inputIndex)
        if case .cleared(let held) = verdict {
            trace.append("safety net: the gentle check was answered no; carrying on")
            reasons.append(SafetyNet.Assessment.clearedReason)
            events.append(.notice("Thank you for answering. Let's carry on."))
            if case .text = question.input, !held.isEmpty {
                answer(held, flow: flow, node: node, question: question)
            } else {
                ask(node, question)
            }
            return
        }
        _ = showSafety(verdict, at: node.id)
    }

    private mutating func chooseAfterSafety(_ input: Input, node: Node, question: Question) {
        guard case .line(let raw) = input, case .success(let index) = AnswerParser.pick(raw, from: Interpreter.safetyChoices) else {
            trace.append("safety net: waiting for continue, pause or leave")
            events.append(.invalid("Please type 1 to continue, 2 to pause, or 3 to leave."))
            return
        }
        let choice = Interpreter.safetyChoices[index].label
        state.safety.awaitingChoice = false
        if !state.safety.events.isEmpty { state.safety.events[state.safety.events.count - 1].choice = choice }
        trace.append("safety net: the person chose \(choice)")
        switch index {
        case 0:
            ask(node, question)
        case 1:
            events.append(.notice("Paused. Your answers are kept; 'groundwork resume' picks up at this question."))
            events.append(.end)
        default:
            events.append(.notice("Session closed. Please take good care of yourself."))
            events.append(.end)
            state.status = .abandoned
            state.cursor.node = nil
        }
    }

    // MARK: Walking nodes

    /// Runs nodes from `start` until a question waits, the flow completes, or a failure.
    mutating func run(from start: String?) {
        var next = start
        var count = 0
        while failure == nil {
            guard let nodeID = next else {
                next = returnOrComplete()
                if next == nil { return }
                continue
            }
            count += 1
            if count > Engine.maxNodesPerStep {
                failure = .engine(.runaway(flow: state.cursor.flowID, node: nodeID))
                return
            }
            guard let flow = library.flows[state.cursor.flowID] else {
                failure = .broken("no flow named '\(state.cursor.flowID)'")
                return
            }
            guard let node = flow.nodes[nodeID] else {
                failure = .broken("flow '\(flow.id)' has no node '\(nodeID)'")
                return
            }
            switch node.kind {
            case .say(let text):
                events.append(.say(render(text)))
                trace.append("node '\(nodeID)' (say)")
                next = node.next
            case .ask(let question):
                state.reasks = 0
                if state.safety.awaitingChoice {
                    // The question is shown once the person chooses to continue.
                    state.cursor.node = nodeID
                    trace.append("node '\(nodeID)' (ask): waiting for the safety choice first")
                    return
                }
                // Every flow opens with the last open commitment, when one was handed in.
                if openFollowUp(before: node) { return }
                trace.append("node '\(nodeID)' (ask, \(AnswerParser.kindName(question.input).rawValue)): waiting for an answer")
                ask(node, question)
                return
            case .set(let assignments):
                for assignment in assignments {
                    state.variables[assignment.name] = evaluate(assignment.expression, at: assignment.location)
                }
                trace.append("node '\(nodeID)' (set): " + assignments.map(\.name).joined(separator: ", "))
                next = node.next
            case .branch(let arms, let otherwise):
                var chosen: String?
                for (index, arm) in arms.enumerated() where evaluate(arm.condition, at: arm.location).isTruthy {
                    trace.append("node '\(nodeID)' (branch): arm \(index + 1) '\(Evaluator.source(arm.condition))' held, going to '\(arm.target)'")
                    chosen = arm.target
                    break
                }
                if chosen == nil {
                    chosen = otherwise ?? node.next
                    trace.append("node '\(nodeID)' (branch): no condition held, else going to '\(chosen ?? "the end")'")
                }
                next = chosen
            case .reflect(let reflect):
                guard let rules = library.ruleSets[reflect.ruleSet] else {
                    failure = .broken("no rule set named '\(reflect.ruleSet)'")
                    return
                }
                let text = reflect.source.map { evaluate($0, at: node.location).text } ?? state.lastText ?? ""
                // The last text answer already passed the safety net; other sources are checked here,
                // and the person chooses how to go on at the next question.
                if reflect.source != nil,
                   interruptForSafety(text, nodeID: nodeID, inputIndex: max(0, state.inputs.count - 1), holdsAnswer: false) {
                    next = node.next
                    continue
                }
                // Taken out, not copied, so the memory's tables change in place.
                var memory = state.listeners.removeValue(forKey: reflect.ruleSet) ?? rememberedMemory(for: reflect.ruleSet)
                let reply = rules.respond(to: text, memory: &memory)
                state.listeners[reflect.ruleSet] = memory
                recordTheme(reply.group)
                recordTheme(reply.mention)
                if let name = reflect.save { state.variables[name] = .string(reply.text) }
                trace.append("node '\(nodeID)' (reflect, rules '\(reflect.ruleSet)'): \(reply.explanation)")
                if !reply.reason.isEmpty { reasons.append(reply.reason) }
                guard reflect.waits(for: reply.text) else {
                    events.append(.reflect(reply.text))
                    next = node.next
                    continue
                }
                state.reasks = 0
                state.waitingReflection = reply.text
                trace.append("node '\(nodeID)' (reflect): the reply is a question; waiting for the answer (Enter or /skip passes)")
                if state.safety.awaitingChoice {
                    // The reflection is shown once the person chooses to continue.
                    state.cursor.node = nodeID
                    return
                }
                guard let (_, _, question) = currentQuestion(at: nodeID) else { return }
                ask(node, question)
                return
            case .loop(let loop):
                let key = flow.id + "/" + nodeID
                let passes = state.loopPasses[key] ?? 0
                if let counter = loop.counter { state.variables[counter] = .number(Double(passes)) }
                let holds = passes < loop.maxPasses && evaluate(loop.condition, at: node.location).isTruthy
                if holds {
                    state.loopPasses[key] = passes + 1
                    trace.append("node '\(nodeID)' (loop): '\(Evaluator.source(loop.condition))' held, pass \(passes + 1)")
                    next = loop.body
                } else {
                    state.loopPasses[key] = nil
                    let why = passes >= loop.maxPasses ? "reached \(loop.maxPasses) passes" : "'\(Evaluator.source(loop.condition))' no longer held"
                    trace.append("node '\(nodeID)' (loop): \(why) after \(passes) passes")
                    next = node.next
                }
            case .call(let callee):
                guard state.cursor.returnStack.count < Engine.maxCallDepth else {
                    failure = .engine(.callTooDeep(flow: flow.id, node: nodeID))
                    return
                }
                guard let called = library.flows[callee] else {
                    failure = .broken("no flow named '\(callee)'")
                    return
                }
                state.cursor.returnStack.append(Cursor.Frame(flowID: flow.id, returnNode: node.next))
                state.cursor.flowID = called.id
                for declaration in called.variables where state.variables[declaration.name] == nil {
                    state.variables[declaration.name] = declaration.defaultValue
                }
                trace.append("node '\(nodeID)' (call): running flow '\(callee)'")
                next = called.start
            case .lookup(let lookup):
                let text = evaluate(lookup.source, at: node.location).text
                for (name, value) in library.lookupVariables(lookup, text: text) { state.variables[name] = value }
                trace.append("node '\(nodeID)' (\(lookup.service.rawValue)): saved under '\(lookup.save)'")
                next = node.next
            case .end(let text):
                if let text { events.append(.say(render(text))) }
                trace.append("node '\(nodeID)' (end) of flow '\(flow.id)'")
                next = returnOrComplete()
                if next == nil { return }
            }
        }
    }

    /// At the end of a flow: returns to the caller's next node, or completes the session.
    private mutating func returnOrComplete() -> String? {
        if let frame = state.cursor.returnStack.popLast() {
            state.cursor.flowID = frame.flowID
            if frame.returnNode == nil {
                return returnOrComplete()
            }
            return frame.returnNode
        }
        complete()
        return nil
    }

    /// Completes the outermost flow: scores, next step, summary, end.
    /// Ends the flow: the assessment, scores, summary and next step. A flow that offers a choice of
    /// next steps (`next_steps_offer:`) first shows the summary and the fitting steps and waits;
    /// the pick ends the session through `complete(picked:)` without computing any of it again.
    mutating func complete() {
        state.safety.awaitingChoice = false
        state.safety.awaitingCheck = false
        state.waitingReflection = nil
        guard let flow = library.flows[state.flowID] else {
            state.cursor = Cursor(flowID: state.flowID, node: nil, returnStack: [])
            state.status = .completed
            events.append(.end)
            return
        }
        var scores: [String: Value] = [:]
        if let model = flow.assessment {
            let result = model.evaluate(variables: state.variables)
            for (name, value) in result.variables { state.variables[name] = value }
            scores.merge(result.scores) { $1 }
            trace.append("assessment: score \(result.score), band '\(result.band.name)'")
        }
        for score in flow.scores {
            let value = evaluate(score.expression, at: score.location)
            state.variables[score.name] = value
            scores[score.name] = value
        }
        // The first rules that hold, one per step, as many as the flow offers.
        var fitting: [(id: String, text: String)] = []
        var families: Set<String> = []
        for (index, rule) in flow.nextSteps.enumerated() where !fitting.contains(where: { $0.id == rule.step }) {
            if let family = rule.family, families.contains(family) { continue }
            if let condition = rule.condition, !evaluate(condition, at: rule.location).isTruthy { continue }
            if let family = rule.family { families.insert(family) }
            fitting.append((rule.step, Self.trimmedTemplate(render(rule.text))))
            let why = rule.condition.map { "rule \(index + 1) '\(Evaluator.source($0))' held" } ?? "rule \(index + 1) (else)"
            trace.append("next step '\(rule.step)': \(why)")
            if fitting.count >= flow.nextStepsOffer { break }
        }
        // While a choice is offered the summary sees the closest fit as `next_step.*` (a flow that
        // offers a choice should not name the step in its summary).
        if let first = fitting.first {
            state.variables["next_step.id"] = .string(first.id)
            state.variables["next_step.text"] = .string(first.text)
        }
        var summary = flow.summary.map(render) ?? ""
        if let followUp = followUpSummary() {
            summary = summary.isEmpty ? followUp : Self.trimmedTemplate(summary) + "\n\n" + followUp
        }
        state.variables["summary.text"] = .string(summary)
        if !summary.isEmpty { events.append(.summary(summary)) }
        if fitting.count > 1 {
            let names = scores.keys.sorted()
            state.variables[Self.offeredScores] = .list(names.map(Value.string))
            state.variables[Self.offeredScoreValues] = .list(names.map { scores[$0] ?? .null })
            offerSteps(fitting)
            return
        }
        finish(flow, summary: summary, scores: scores, step: fitting.first)
    }

    /// Ends the session with the step the person picked from those offered: the summary and scores
    /// were computed and shown with the offer.
    mutating func complete(picked step: (id: String, text: String)) {
        guard let flow = library.flows[state.flowID] else { return complete() }
        var scores: [String: Value] = [:]
        if case .list(let names)? = state.variables[Self.offeredScores], case .list(let values)? = state.variables[Self.offeredScoreValues] {
            for (name, value) in zip(names, values) { scores[name.text] = value }
        }
        state.variables[Self.offeredScores] = nil
        state.variables[Self.offeredScoreValues] = nil
        state.variables["next_step.id"] = .string(step.id)
        state.variables["next_step.text"] = .string(step.text)
        trace.append("next step '\(step.id)': the person's pick")
        finish(flow, summary: state.variables["summary.text"]?.text ?? "", scores: scores, step: step)
    }

    private mutating func finish(_ flow: Flow, summary: String, scores: [String: Value], step: (id: String, text: String)?) {
        state.cursor = Cursor(flowID: state.flowID, node: nil, returnStack: [])
        state.status = .completed
        if let step { events.append(.nextStep(id: step.id, text: step.text)) }
        events.append(.end)
        trace.append("flow '\(flow.id)' completed")
        var intention: String?
        if let name = flow.intention, case .string(let text)? = state.variables[name], !text.trimmingWhitespace().isEmpty {
            intention = text.trimmingWhitespace()
        }
        state.summary = SessionSummary(text: summary, nextStepID: step?.id, nextStepText: step?.text, scores: scores, intention: intention)
    }

    // MARK: Helpers

    mutating func ask(_ node: Node, _ question: Question) {
        state.cursor.node = node.id
        showQuestion(node, question)
    }

    /// The events that show a waiting question: a reflection that waits is shown as the reflection
    /// it is, followed by a prompt with no text of its own.
    private mutating func showQuestion(_ node: Node, _ question: Question) {
        if case .reflect = node.kind, let reflection = state.waitingReflection { events.append(.reflect(reflection)) }
        events.append(.ask(prompt(node, question)))
    }

    private func prompt(_ node: Node, _ question: Question) -> Prompt {
        if case .reflect = node.kind {
            return Prompt(text: "", kind: .text, nodeID: node.id)
        }
        var text = render(question.prompt)
        if let earlier = offered(question) { text += "\n" + earlier.note }
        return Prompt(text: text, kind: AnswerParser.kindName(question.input),
                      options: AnswerParser.options(question.input), hint: AnswerParser.hint(for: question.input),
                      progress: progress, nodeID: node.id)
    }

    /// The flow, node and question the session waits at.
    private func currentQuestion() -> (Flow, Node, Question)? {
        guard let nodeID = state.cursor.node else { return nil }
        return currentQuestion(at: nodeID)
    }

    /// The question at `nodeID` of the current flow: an `ask`, or a reflection waiting for its answer
    /// (free text, any length, skippable).
    private func currentQuestion(at nodeID: String) -> (Flow, Node, Question)? {
        guard let flow = library.flows[state.cursor.flowID], let node = flow.nodes[nodeID] else { return nil }
        switch node.kind {
        case .ask(let question):
            return (flow, node, question)
        case .reflect(let reflect):
            guard state.waitingReflection != nil else { return nil }
            // The prompt is the reply in `waitingReflection`, shown as it is and never rendered.
            return (flow, node, Question(prompt: .prompt(name: "", location: node.location), input: .text(minLength: 0),
                                         save: reflect.answer))
        default:
            return nil
        }
    }

    private func templateContext() -> [String: Value] {
        var context = state.variables
        let progress = self.progress
        context["progress.index"] = .number(Double(progress?.index ?? state.questionsDone + 1))
        context["progress.total"] = .number(Double(progress?.total ?? state.questionsDone + 1))
        context["progress.left"] = .number(Double(progress?.left ?? 1))
        context["flow.title"] = .string(library.flows[state.cursor.flowID]?.title ?? "")
        return context
    }

    private func render(_ text: Text) -> String {
        switch text {
        case .inline(let template):
            return template.isPlain ? template.source : template.render(templateContext(), library: library.prompts)
        case .prompt(let name, _):
            return library.prompts.render(name, templateContext()) ?? "(missing prompt '\(name)')"
        }
    }

    /// Evaluates an expression; a runtime fault says where and counts as null, never crashes.
    private mutating func evaluate(_ expression: Expression, at location: SourceLocation) -> Value {
        do {
            return try Evaluator.evaluate(expression, state.variables)
        } catch {
            trace.append("\(location): \(error.message)")
            events.append(.notice("Script problem at \(location): \(error.message)."))
            return .null
        }
    }
}
