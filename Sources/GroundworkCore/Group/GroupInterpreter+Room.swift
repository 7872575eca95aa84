/// A hosted room: answers from each participant's own device, at the same time, and what each
/// device shows.
extension GroupInterpreter {
    /// Takes `raw` from participant `name` for their unit of the current step, out of turn.
    mutating func answer(from name: String, _ raw: String) -> GroupReply {
        guard state.status == .active else { return .refused("This group exercise has ended.") }
        tick()
        if state.pause == .safety { return .refused("The exercise is paused for a moment; please wait for the facilitator.") }
        if state.pause == .facilitator { return .refused("The exercise is paused; please wait for the facilitator.") }
        guard let step = exercise.steps[safe: state.stepIndex] else { return .refused("This group exercise has ended.") }
        let key = name.lowercased()
        guard let index = state.units.firstIndex(where: { $0.contains { $0.lowercased() == key } }),
              state.participant(name)?.active == true else {
            return .refused("Nothing is asked of you in this step; please wait for the next one.")
        }
        if isPast(index) { return .refused("Your answer for this step is in; please wait for the next one.") }
        let line = raw.trimmingWhitespace()
        switch step.kind {
        case .ask(let question):
            if question.audience == .group { return .refused("The facilitator types the whole group's answer to this one.") }
            if interruptForSafety(raw, step: step, isPrivate: question.isPrivate, unit: index) { return safetyReply() }
            switch AnswerParser.parse(raw, as: question.input) {
            case .success(let accepted):
                accept(step: step, raw: line, value: accepted.value, record: question.record, isPrivate: question.isPrivate,
                       question: render(question.prompt), room: index)
                return .accepted
            case .failure:
                return .refused(AnswerParser.defaultReask(for: question.input))
            }
        case .vote(let vote):
            if interruptForSafety(raw, step: step, isPrivate: state.anonymous, unit: index) { return safetyReply() }
            let ballot = state.orders[step.id] ?? []
            switch GroupInterpreter.parseDots(line, options: ballot.count, budget: vote.dots) {
            case .success(let picks):
                accept(step: step, raw: line, value: .list(picks.map { .number(Double($0)) }), record: .contribution,
                       isPrivate: state.anonymous, question: vote.prompt.map(render) ?? step.title, room: index)
                return .accepted
            case .failure(let refusal):
                return .refused(refusal.reason)
            }
        default:
            return .refused("Nothing is asked of you in this step; please wait for the next one.")
        }
    }

    /// The crisis lines for the facilitator's country, for the participant's own screen only.
    private func safetyReply() -> GroupReply {
        .safety(engine.library.prompts.safetyText(.crisis, country: engine.country, choices: false))
    }

    /// How many units of the current step have answered, of how many still taking part.
    func progress() -> GroupProgress {
        let taking = state.units.indices.filter { state.units[$0].contains(where: isActive) }
        let answered = taking.filter(isPast)
        return GroupProgress(answered: answered.count, total: taking.count)
    }

    /// What participant `name`'s own screen shows now (nil: the shared screen's view).
    func view(for name: String?) -> GroupView {
        views(for: [name])[0]
    }

    /// The views of several screens at once: the step's text is rendered once for all of them.
    func views(for names: [String?]) -> [GroupView] {
        var base = GroupView(title: exercise.title)
        guard state.status == .active, let step = exercise.steps[safe: state.stepIndex] else {
            base.status = .ended
            return names.map { _ in base }
        }
        base.heading = heading(step)
        base.stepID = step.id
        base.remaining = state.timer.map { max(0, $0.remaining(at: now)) }
        base.progress = progress()
        /// Whether the step asks each unit for an answer (not the facilitator for the whole group).
        var asksUnits = false
        switch step.kind {
        case .say(let text), .discuss(let text):
            base.text = render(text)
        case .ask(let question):
            base.text = render(question.prompt)
            base.kind = AnswerParser.kindName(question.input)
            base.options = AnswerParser.options(question.input)
            base.hint = AnswerParser.hint(for: question.input)
            base.isPrivate = question.isPrivate
            asksUnits = question.audience != .group
        case .vote(let vote):
            base.text = vote.prompt.map(render) ?? step.title
            base.kind = .multi
            base.dots = vote.dots
            base.isPrivate = state.anonymous
            let byID = Dictionary(state.contributions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            base.options = (state.orders[step.id] ?? []).compactMap { byID[$0]?.value.text }
            asksUnits = true
        default:
            break
        }
        base.status = .listening
        // Each name's unit, found in one pass over the units.
        var unitOf: [String: Int] = [:]
        for (index, unit) in state.units.enumerated() {
            for member in unit { unitOf[member.lowercased()] = unitOf[member.lowercased()] ?? index }
        }
        return names.map { name in
            var view = base
            if let key = name?.lowercased(), let unit = unitOf[key] {
                view.unit = state.units[unit]
                if asksUnits { view.status = isPast(unit) ? .answered : .answering }
            }
            if state.pause != nil { view.status = .paused }
            return view
        }
    }
}

/// What a participant's answer from their own device came to.
public enum GroupReply: Sendable, Hashable {
    /// Taken and part of the state (the caller saves it before acknowledging).
    case accepted
    /// Not taken, with why, for that participant only.
    case refused(String)
    /// The safety net responded: the room is paused for the facilitator and this text (the crisis
    /// lines) is for that participant only. Nothing of the answer is kept.
    case safety(String)
}

/// How far the current step has got: "4 of 6 have answered".
public struct GroupProgress: Sendable, Hashable, Codable {
    public var answered: Int
    public var total: Int

    public init(answered: Int, total: Int) {
        self.answered = answered
        self.total = total
    }
}

/// What one screen of a hosted room shows: the step, its question, the input it asks for, its
/// timer and progress. Never holds anyone's answer but the options of a ballot.
public struct GroupView: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Asked to answer now.
        case answering
        /// Their answer for this step is in.
        case answered
        /// The room talks or reads; nothing to type.
        case listening
        case paused
        case ended
    }

    public var title: String
    public var heading: String = ""
    public var stepID: String = ""
    public var text: String = ""
    public var kind: Prompt.Kind = .text
    /// Choice options, or the ballot's contributions in their shown order.
    public var options: [String] = []
    public var hint: String?
    /// A dot vote's budget.
    public var dots: Int?
    public var isPrivate = false
    /// Seconds left on the step's timer; nil when untimed.
    public var remaining: Double?
    public var progress = GroupProgress(answered: 0, total: 0)
    /// The person's pair or four (or themself) in this step.
    public var unit: [String] = []
    public var status: Status = .listening

    public init(title: String) { self.title = title }
}
