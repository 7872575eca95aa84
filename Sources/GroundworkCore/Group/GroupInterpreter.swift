/// One start, step or tick of a group: moves through steps and turns, collecting events. Lives only
/// for the call that made it.
struct GroupInterpreter {
    let engine: GroupEngine
    var state: GroupState
    let now: Double
    var events: [GroupEvent] = []
    var touched: Set<String> = []

    init(engine: GroupEngine, state: GroupState, now: Double) {
        self.engine = engine
        self.state = state
        self.now = now
    }

    var exercise: GroupExercise { engine.exercise }
    var result: GroupResult { GroupResult(state: state, events: events, touched: touched) }

    static let commands = ["/next", "/back", "/extend", "/pause", "/skip", "/add", "/remove", "/end", "/help"]
    static let help = """
        Facilitator commands: /next (move on), /back (undo the last answer), /extend 1m (more time), \
        /pause (pause or go on), /skip NAME (pass over someone's turn), /add NAME, /remove NAME, /end (finish now).
        """
    static let builtInSafetyNote = """
        Paused: the safety net responded to the last answer. It was not shown to the room and not saved.
        Please check in with that person privately before going on. If someone may be in danger, call \
        your local emergency number; in the US call or text 988; in the UK and Ireland call Samaritans on \
        116 123; elsewhere, findahelpline.com lists free, confidential lines.
        Type /pause to go on with the same turn, /skip NAME to pass over it, or /end to finish.
        """

    // MARK: Starting and showing

    mutating func begin() {
        events.append(.heading(exercise.title))
        if let credit = exercise.credit { events.append(.say(credit)) }
        let names = state.activeNames.joined(separator: ", ")
        var line = "Participants: \(names)."
        if let facilitator = state.facilitator { line += " Facilitator: \(facilitator)." }
        if state.anonymous { line += " Contributions are anonymous." }
        events.append(.say(line))
        enter(0)
    }

    mutating func showWhereWeAre() {
        guard state.status == .active else {
            events.append(.notice("This group exercise has ended."))
            return
        }
        events.append(.heading(exercise.title))
        if state.stepIndex < exercise.steps.count {
            let step = exercise.steps[state.stepIndex]
            events.append(.heading(heading(step)))
            introduce(step)
        }
        promptTurn()
    }

    func currentTurn() -> GroupTurn? {
        guard state.status == .active, state.stepIndex < exercise.steps.count else { return nil }
        let step = exercise.steps[state.stepIndex]
        let remaining = state.timer.map { $0.remaining(at: now) }
        let paused = state.pause != nil
        switch step.kind {
        case .discuss:
            return GroupTurn(names: [], label: state.facilitator ?? "facilitator", stepID: step.id, kind: .text, isPrivate: false,
                             remaining: remaining, paused: paused, waitsForFacilitator: true)
        case .ask(let question):
            guard state.turn < state.units.count else { return nil }
            let unit = state.units[state.turn]
            return GroupTurn(names: unit, label: label(unit, audience: question.audience), stepID: step.id,
                             kind: AnswerParser.kindName(question.input), isPrivate: question.isPrivate,
                             remaining: remaining, paused: paused, waitsForFacilitator: false, isWholeGroup: question.audience == .group)
        case .vote:
            guard state.turn < state.units.count else { return nil }
            let unit = state.units[state.turn]
            return GroupTurn(names: unit, label: label(unit, audience: .each), stepID: step.id, kind: .multi,
                             isPrivate: state.anonymous, remaining: remaining, paused: paused, waitsForFacilitator: false)
        default:
            return nil
        }
    }

    mutating func promptTurn() {
        if state.pause == .safety {
            events.append(.notice("Paused for the facilitator. /pause goes on."))
            return
        }
        if let turn = currentTurn() { events.append(.turn(turn)) }
    }

    // MARK: Time

    mutating func tick() {
        guard state.status == .active, state.pause == nil, var timer = state.timer, !timer.rung,
              timer.remaining(at: now) <= 0 else { return }
        timer.rung = true
        state.timer = timer
        events.append(.bell)
        promptTurn()
    }

    // MARK: Lines

    mutating func apply(_ raw: String, newcomer: Participant?) {
        guard state.status == .active else {
            events.append(.notice("This group exercise has ended."))
            return
        }
        tick()
        let line = raw.trimmingWhitespace()
        if line.hasPrefix("/") {
            command(line, newcomer: newcomer)
            return
        }
        if state.pause == .safety {
            events.append(.notice("Paused for the facilitator. /pause goes on."))
            return
        }
        if state.pause == .facilitator {
            events.append(.notice("The exercise is paused; the facilitator types /pause to go on."))
            promptTurn()
            return
        }
        guard state.stepIndex < exercise.steps.count else { return }
        let step = exercise.steps[state.stepIndex]
        switch step.kind {
        case .discuss:
            events.append(.notice("The room is talking; the facilitator types /next to go on."))
            promptTurn()
        case .ask(let question):
            guard state.turn < state.units.count else { return }
            if interruptForSafety(raw, step: step, isPrivate: question.isPrivate) { return }
            switch AnswerParser.parse(raw, as: question.input) {
            case .success(let accepted):
                accept(step: step, raw: line, value: accepted.value, record: question.record, isPrivate: question.isPrivate,
                       question: render(question.prompt))
            case .failure:
                events.append(.invalid(AnswerParser.defaultReask(for: question.input)))
                promptTurn()
            }
        case .vote(let vote):
            guard state.turn < state.units.count else { return }
            if interruptForSafety(raw, step: step, isPrivate: state.anonymous) { return }
            let ballot = state.orders[step.id] ?? []
            switch GroupInterpreter.parseDots(line, options: ballot.count, budget: vote.dots) {
            case .success(let picks):
                accept(step: step, raw: line, value: .list(picks.map { .number(Double($0)) }), record: .contribution,
                       isPrivate: state.anonymous, question: vote.prompt.map(render) ?? step.title)
            case .failure(let refusal):
                events.append(.invalid(refusal.reason))
                promptTurn()
            }
        default:
            break
        }
    }

    /// Records an answer: of the unit whose turn it is (one keyboard), or of unit `room` from
    /// someone's own device in a hosted room, which is marked answered and never clears the screen.
    mutating func accept(step: GroupStep, raw: String, value: Value, record: ContributionKind, isPrivate: Bool,
                         question: String, room: Int? = nil) {
        let index = room ?? state.turn
        let unit = state.units[index]
        state.contributions.append(Contribution(id: state.nextContributionID, stepID: step.id, authors: unit, unit: index,
                                                question: question, raw: raw, value: value, record: record,
                                                isPrivate: isPrivate, time: now))
        state.nextContributionID += 1
        touched.formUnion(unit)
        guard room != nil else {
            if isPrivate { events.append(.clear) }
            nextTurn()
            return
        }
        // The unit is passed over when its turn comes; the step ends once every unit has answered.
        state.answeredUnits = (state.answeredUnits ?? []) + [index]
        let progress = self.progress()
        events.append(.notice("\(progress.answered) of \(progress.total) answered."))
        skipEmptyUnits()
        if state.turn >= state.units.count { enter(state.stepIndex + 1) }
    }

    /// Moves to the next unit that still has someone taking part, or on to the next step.
    private mutating func nextTurn() {
        state.turn += 1
        skipEmptyUnits()
        if state.turn >= state.units.count {
            enter(state.stepIndex + 1)
        } else {
            promptTurn()
        }
    }

    private mutating func skipEmptyUnits() {
        while state.turn < state.units.count, isDone(state.turn) { state.turn += 1 }
    }

    func isActive(_ name: String) -> Bool { state.participant(name)?.active ?? false }

    /// Whether unit `index` of the current step has nothing left to give: nobody in it takes part
    /// any more, or it answered out of turn.
    func isDone(_ index: Int) -> Bool {
        !state.units[index].contains(where: isActive) || state.answeredUnits?.contains(index) == true
    }

    /// Whether unit `index` has nothing more to give at this step: done, or its turn has passed.
    func isPast(_ index: Int) -> Bool { index < state.turn || isDone(index) }

    // MARK: Safety net

    /// Runs a line through the safety net; on a hit of either tier the exercise pauses, the screen
    /// is cleared and only the facilitator is told, with the crisis lines for their country. The
    /// words are kept nowhere.
    mutating func interruptForSafety(_ line: String, step: GroupStep, isPrivate: Bool, unit: Int? = nil) -> Bool {
        guard let net = engine.library.safetyNet else { return false }
        let found = net.assess(line)
        guard found.tier != .none else { return false }
        for name in state.units[unit ?? state.turn] {
            var event = GroupSafetyEvent(participant: name, stepID: step.id, category: found.category, time: now)
            event.tier = found.tier
            event.concepts = found.concepts
            state.safety.append(event)
            touched.insert(name)
        }
        state.pause = .safety
        pauseTimer()
        events.append(.clear)
        var context = Engine.safetyCountryFlags(engine.country)
        context["safety.category"] = .string(found.category)
        context["safety.check"] = .bool(found.tier == .check)
        context["safety.why"] = .string(found.explanation)
        let note = engine.library.prompts.render("group/safety", context) ?? GroupInterpreter.builtInSafetyNote
        events.append(.facilitator(note))
        return true
    }

    // MARK: Steps

    /// Enters step `index`, running steps that need no answers until one waits (or the end).
    mutating func enter(_ index: Int) {
        var index = index
        while index < exercise.steps.count {
            let step = exercise.steps[index]
            state.stepIndex = index
            state.units = []
            state.turn = 0
            state.answeredUnits = nil
            state.timer = step.timebox.map { StepTimer(duration: $0, startedAt: now) }
            if state.pause == .facilitator { state.timer?.pausedAt = now }
            events.append(.heading(heading(step)))
            switch step.kind {
            case .say(let text):
                events.append(.say(render(text)))
                state.timer = nil
            case .show(let target):
                if let intro = step.intro { events.append(.say(render(intro))) }
                events.append(.list(showLines(of: target)))
            case .tally(let target):
                if let intro = step.intro { events.append(.say(render(intro))) }
                events.append(.list(GroupSummary(exercise: exercise, state: state, library: engine.library).tallyLines(of: target)))
            case .spread(let spread):
                if let intro = spread.prompt.map(render) { events.append(.say(intro)) }
                events.append(.list(GroupSummary(exercise: exercise, state: state, library: engine.library).spreadLines(spread)))
            case .discuss:
                introduce(step)
                promptTurn()
                return
            case .ask(let question):
                state.units = units(for: question.audience)
                state.unitsByStep[step.id] = state.units
                introduce(step)
                skipEmptyUnits()
                if state.turn < state.units.count {
                    promptTurn()
                    return
                }
            case .vote(let vote):
                state.orders[step.id] = ordered(state.contributions(of: vote.on).map(\.id), shuffle: state.anonymous || isPrivateStep(vote.on))
                state.units = units(for: .each)
                state.unitsByStep[step.id] = state.units
                introduce(step)
                if state.orders[step.id]?.isEmpty == false, !state.units.isEmpty {
                    promptTurn()
                    return
                }
                events.append(.notice("Nothing to vote on."))
            }
            index += 1
        }
        state.stepIndex = exercise.steps.count
        complete()
    }

    /// The text that opens a step (question, options, ballot), shown on entering it and on resume.
    private mutating func introduce(_ step: GroupStep) {
        switch step.kind {
        case .say(let text), .discuss(let text):
            events.append(.say(render(text)))
        case .ask(let question):
            events.append(.say(render(question.prompt)))
            let options = AnswerParser.options(question.input)
            var lines = options.enumerated().map { "  \($0.offset + 1). \($0.element)" }
            if let hint = AnswerParser.hint(for: question.input) { lines.append("  (\(hint))") }
            if !lines.isEmpty { events.append(.list(lines)) }
        case .vote(let vote):
            if let intro = vote.prompt.map(render) { events.append(.say(intro)) }
            let byID = Dictionary(state.contributions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let ballot = (state.orders[step.id] ?? []).compactMap { byID[$0] }
            events.append(.list(ballot.enumerated().map { "  \($0.offset + 1). \($0.element.value.text)" }))
            events.append(.say("You each have \(vote.dots) dot\(vote.dots == 1 ? "" : "s"): type the numbers you choose; "
                               + "repeat a number to give it more than one dot (1 1 3)."))
        default:
            break
        }
    }

    func heading(_ step: GroupStep) -> String {
        let position = (exercise.steps.firstIndex { $0.id == step.id } ?? 0) + 1
        let time = step.timebox.map { " (\(GroupDuration.words($0)))" } ?? ""
        return "Step \(position) of \(exercise.steps.count): \(step.title)\(time)"
    }

    private func isPrivateStep(_ id: String) -> Bool {
        guard let step = exercise.steps.first(where: { $0.id == id }), case .ask(let question) = step.kind else { return false }
        return question.isPrivate
    }

    /// Contributions of `target`: named, or anonymous and shuffled (seeded) when the group is
    /// anonymous or the step was private.
    private mutating func showLines(of target: String) -> [String] {
        let contributions = state.contributions(of: target)
        if contributions.isEmpty { return ["  (nothing yet)"] }
        let anonymous = state.anonymous || isPrivateStep(target)
        if anonymous {
            let distinct = Set(contributions.flatMap(\.authors)).count
            if state.anonymous, distinct < GroupSummary.minimumGroup {
                return ["  (not shown: fewer than \(GroupSummary.minimumGroup) people contributed)"]
            }
            let order = ordered(contributions.map(\.id), shuffle: true)
            let byID = Dictionary(contributions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return order.compactMap { byID[$0] }.map { "  - \($0.value.text)" }
        }
        return contributions.map { "  - \($0.authors.joined(separator: " & ")): \($0.value.text)" }
    }

    /// `ids` in order, or shuffled with the group's seeded generator.
    private mutating func ordered(_ ids: [Int], shuffle: Bool) -> [Int] {
        guard shuffle, ids.count > 1 else { return ids }
        var result = ids
        for i in stride(from: result.count - 1, to: 0, by: -1) {
            let j = Int(nextRandom() % UInt64(i + 1))
            result.swapAt(i, j)
        }
        return result
    }

    private mutating func nextRandom() -> UInt64 {
        var random = SplitMix64(seed: state.random)
        defer { state.random = random.state }
        return random.next()
    }

    /// Who a step addresses, in participant order: people, pairs, fours, or everyone at once.
    private func units(for audience: Audience) -> [[String]] {
        let names = state.activeNames
        switch audience {
        case .each: return names.map { [$0] }
        case .group: return names.isEmpty ? [] : [names]
        case .pairs: return GroupInterpreter.split(names, size: 2)
        case .fours: return GroupInterpreter.split(names, size: 4)
        }
    }

    /// Splits names into groups of `size`; a remainder too small to stand alone joins the last group
    /// (one left over for pairs; one for fours, while two or three form their own group).
    static func split(_ names: [String], size: Int) -> [[String]] {
        var groups: [[String]] = stride(from: 0, to: names.count, by: size).map { Array(names[$0..<min($0 + size, names.count)]) }
        if groups.count > 1, let last = groups.last, last.count == 1 {
            groups.removeLast()
            groups[groups.count - 1] += last
        }
        return groups
    }

    func label(_ unit: [String], audience: Audience) -> String {
        if audience == .group { return "Whole group" }
        return unit.joined(separator: " & ")
    }

    // MARK: Facilitator commands

    private mutating func command(_ line: String, newcomer: Participant?) {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let name = parts.first?.lowercased() ?? ""
        let argument = parts.dropFirst().joined(separator: " ")
        switch name {
        case "/next":
            moveOn()
        case "/back":
            back()
        case "/extend":
            extend(argument.isEmpty ? "1m" : argument)
        case "/pause":
            togglePause()
        case "/skip":
            skip(argument)
        case "/add":
            add(argument, newcomer: newcomer)
        case "/remove":
            remove(argument)
        case "/end":
            events.append(.notice("Ending the exercise here."))
            complete()
        case "/help":
            events.append(.say(GroupInterpreter.help))
            promptTurn()
        default:
            events.append(.invalid(Spelling.suggest("unknown command '\(parts.first ?? line)'", for: name,
                                                    among: GroupInterpreter.commands) + " (/help lists the commands)"))
            promptTurn()
        }
    }

    private mutating func moveOn() {
        if state.pause == .safety {
            events.append(.notice("Paused for the facilitator. /pause goes on, /skip NAME passes over the turn."))
            return
        }
        let left = state.units.indices.dropFirst(state.turn).filter { !isDone($0) }.count
        if left > 0 {
            events.append(.notice("Moving on; \(left) turn\(left == 1 ? "" : "s") left unanswered."))
        }
        enter(state.stepIndex + 1)
    }

    private mutating func back() {
        guard let last = state.contributions.last else {
            events.append(.notice("There is no answer to go back to."))
            promptTurn()
            return
        }
        guard let index = exercise.index(of: last.stepID) else { return }
        state.contributions.removeLast()
        touched.formUnion(last.authors)
        if index == state.stepIndex, let answered = state.answeredUnits, answered.contains(last.unit) {
            // Taken out of turn: that unit may answer again; nobody else's turn moves.
            let left = answered.filter { $0 != last.unit }
            state.answeredUnits = left.isEmpty ? nil : left
            events.append(.notice("Went back one answer."))
            promptTurn()
            return
        }
        if index != state.stepIndex {
            // Units of that step that had answered out of turn stay answered.
            let later = state.contributions.filter { $0.stepID == last.stepID && $0.unit > last.unit }.map(\.unit)
            state.answeredUnits = later.isEmpty ? nil : later
            let step = exercise.steps[index]
            state.stepIndex = index
            state.units = state.unitsByStep[step.id] ?? [last.authors]
            state.timer = step.timebox.map { StepTimer(duration: $0, startedAt: now) }
            state.turn = min(last.unit, state.units.count)
            events.append(.notice("Went back to \(step.title)."))
            events.append(.heading(heading(step)))
            introduce(step)
        } else {
            state.turn = min(last.unit, state.units.count)
            events.append(.notice("Went back one answer."))
        }
        promptTurn()
    }

    private mutating func extend(_ text: String) {
        guard let seconds = GroupDuration.parse(text) else {
            events.append(.invalid("'\(text)' is not a duration; try /extend 1m or /extend 30s."))
            promptTurn()
            return
        }
        guard var timer = state.timer else {
            events.append(.notice("This step has no timebox."))
            promptTurn()
            return
        }
        timer.duration += seconds
        if timer.remaining(at: now) > 0 { timer.rung = false }
        state.timer = timer
        events.append(.notice("Extended by \(GroupDuration.words(seconds)): \(GroupDuration.clock(max(0, timer.remaining(at: now)))) left."))
        promptTurn()
    }

    private mutating func togglePause() {
        if state.pause == nil {
            state.pause = .facilitator
            pauseTimer()
            events.append(.notice("Paused. /pause again to go on."))
        } else {
            state.pause = nil
            resumeTimer()
            events.append(.notice("Going on."))
            promptTurn()
        }
    }

    private mutating func pauseTimer() {
        if state.timer?.pausedAt == nil { state.timer?.pausedAt = now }
    }

    /// Starts a paused step's clock again, counting the pause as time not spent.
    private mutating func resumeTimer() {
        guard var timer = state.timer, let pausedAt = timer.pausedAt else { return }
        timer.pausedTotal += max(0, now - pausedAt)
        timer.pausedAt = nil
        state.timer = timer
    }

    private mutating func skip(_ name: String) {
        guard let participant = known(name) else { return }
        let current = state.turn < state.units.count ? state.units[state.turn] : []
        if current.contains(participant.name) {
            if state.pause == .safety {
                state.pause = nil
                resumeTimer()
            }
            events.append(.notice("Skipped \(label(current, audience: .each))."))
            nextTurn()
            return
        }
        if let later = state.units.indices.dropFirst(state.turn + 1).first(where: { state.units[$0].contains(participant.name) }) {
            state.units[later].removeAll { $0 == participant.name }
            if let step = exercise.steps[safe: state.stepIndex] { state.unitsByStep[step.id] = state.units }
            events.append(.notice("\(participant.name) will be passed over in this step."))
        } else {
            events.append(.notice("\(participant.name) has no turn left in this step."))
        }
        promptTurn()
    }

    private mutating func add(_ name: String, newcomer: Participant?) {
        if let problem = NameRule.problem(with: name) {
            events.append(.invalid("cannot add '\(name)': \(problem)"))
            promptTurn()
            return
        }
        if let index = state.participants.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            if state.participants[index].active {
                events.append(.invalid("'\(name)' is already taking part"))
                promptTurn()
                return
            }
            state.participants[index].active = true
        } else {
            guard state.activeNames.count < exercise.maxParticipants else {
                events.append(.invalid("cannot add '\(name)': '\(exercise.id)' is for at most \(exercise.maxParticipants) participants"))
                promptTurn()
                return
            }
            var participant = newcomer ?? Participant(name: name)
            participant.name = name
            participant.active = true
            state.participants.append(participant)
        }
        touched.insert(name)
        // Join the current step: a turn of their own, or the last pair or four.
        if let step = exercise.steps[safe: state.stepIndex] {
            var audience: Audience?
            if case .ask(let question) = step.kind { audience = question.audience }
            if case .vote = step.kind { audience = .each }
            switch audience {
            case .each?: state.units.append([name])
            case .pairs?, .fours?, .group?:
                if state.units.isEmpty { state.units.append([name]) } else { state.units[state.units.count - 1].append(name) }
            case nil: break
            }
            if audience != nil { state.unitsByStep[step.id] = state.units }
        }
        events.append(.notice("Welcome, \(name)."))
        promptTurn()
    }

    private mutating func remove(_ name: String) {
        guard let participant = known(name) else { return }
        guard let index = state.participants.firstIndex(where: { $0.name == participant.name }), participant.active else {
            events.append(.notice("\(participant.name) has already left."))
            promptTurn()
            return
        }
        state.participants[index].active = false
        touched.insert(participant.name)
        events.append(.notice("\(participant.name) has left; their answers so far are kept."))
        let current = state.turn < state.units.count ? state.units[state.turn] : []
        if current.contains(participant.name), !current.contains(where: isActive) {
            nextTurn()
            return
        }
        promptTurn()
    }

    /// The participant called `name`, or an error line and nil.
    private mutating func known(_ name: String) -> Participant? {
        guard !name.isEmpty else {
            events.append(.invalid("Please name someone: /skip NAME."))
            promptTurn()
            return nil
        }
        guard let participant = state.participant(name) else {
            events.append(.invalid(Spelling.suggest("no participant named '\(name)'", for: name, among: state.participants.map(\.name))))
            promptTurn()
            return nil
        }
        return participant
    }

    // MARK: The end

    mutating func complete() {
        if state.stepIndex < exercise.steps.count { state.endedAtStep = state.stepIndex + 1 }
        state.stepIndex = exercise.steps.count
        state.units = []
        state.turn = 0
        state.timer = nil
        state.pause = nil
        state.status = .completed
        touched.formUnion(state.participants.map(\.name))
        let summary = GroupSummary(exercise: exercise, state: state, library: engine.library).markdown()
        state.summary = summary
        events.append(.summary(summary))
        events.append(.end)
    }

    // MARK: Helpers

    func render(_ text: Text) -> String {
        var context: [String: Value] = [
            "participants": .list(state.activeNames.map(Value.string)),
            "facilitator": .string(state.facilitator ?? "the facilitator"),
            "exercise.title": .string(exercise.title),
        ]
        if let step = exercise.steps[safe: state.stepIndex] { context["step.title"] = .string(step.title) }
        // The whole group's answers (a question the room chose, a goal) can frame later steps.
        for contribution in state.contributions where contribution.authors.count > 1 || exercise.isGroupStep(contribution.stepID) {
            context["answer." + contribution.stepID] = contribution.value
        }
        switch text {
        case .inline(let template):
            return template.isPlain ? template.source : template.render(context, library: engine.library.prompts)
        case .prompt(let name, _):
            return engine.library.prompts.render(name, context) ?? "(missing prompt '\(name)')"
        }
    }

    /// Reads dot votes: option numbers from 1 to `options`, separated by spaces or commas, a number
    /// repeated for more than one dot; from one dot up to `budget`. Returns positions from 0.
    static func parseDots(_ line: String, options: Int, budget: Int) -> Result<[Int], AnswerParser.Refusal> {
        let tokens = line.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard !tokens.isEmpty else {
            return .failure(.init(reason: "Please type the numbers you vote for, from 1 to \(options), up to \(budget) dots."))
        }
        var picks: [Int] = []
        for token in tokens {
            guard let n = Int(token), n >= 1, n <= options else {
                return .failure(.init(reason: "'\(token)' is not an option; please use numbers from 1 to \(options)."))
            }
            picks.append(n - 1)
        }
        guard picks.count <= budget else {
            return .failure(.init(reason: "That is \(picks.count) dots; you have \(budget)."))
        }
        return .success(picks)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
