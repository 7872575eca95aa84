import Synchronization

/// A hosted room: the one owner of a group's state while participants answer from their own
/// devices and the facilitator types at the shared screen.
///
/// Every change is saved through `persist` before anyone hears of it, so an answer that was
/// acknowledged is on disk. Knows nothing of sockets or files: the server and the terminal call in,
/// and hear back through listeners.
public final class Room: Sendable {
    /// What a participant's device is told: their view changed, or a line for them alone.
    public enum Message: Sendable, Hashable {
        case view(RoomView)
        /// The crisis lines after the safety net responded to their answer; never the room's.
        case privately(String)
    }

    /// Why a join was refused, in words for the person joining.
    public enum JoinError: Error, Sendable, Hashable, CustomStringConvertible {
        case wrongCode
        case badName(String, String)
        case taken(String)
        case full(Int)
        case refused(String, String)
        case ended

        public var description: String {
            switch self {
            case .wrongCode: return "that code does not open this room; check the code on the shared screen"
            case .badName(let name, let problem): return "'\(name)' cannot be a name here: \(problem)"
            case .taken(let name): return "someone in this room is already called '\(name)'; please pick another name"
            case .full(let most): return "this room is full (at most \(most) people)"
            case .refused(let name, let why): return "'\(name)' cannot join: \(why)"
            case .ended: return "this exercise has ended"
            }
        }
    }

    public let engine: GroupEngine
    /// The join code shown on the shared screen.
    public let code: String
    /// Where the room is served (with the port the system chose), kept with the group for resuming.
    public var address: String? { inner.withLock { $0.address } }
    private let clock: any GroupClock
    private let persist: @Sendable (GroupResult) throws -> Void
    private let admit: @Sendable (String) throws -> Participant
    private let makeToken: @Sendable () -> String
    private let inner: Mutex<Inner>
    private let onChange = Mutex<(@Sendable () -> Void)?>(nil)
    /// Held while saving; holds the last change saved. Saves happen one at a time and each writes
    /// the newest state, so many answers arriving at once share one write.
    private let saved = Mutex(0)
    /// Whether views are being sent, and whether another change came meanwhile.
    private let sending = Mutex((busy: false, again: false))

    struct Inner {
        /// Nil while people are still joining (before the facilitator's `/start`).
        var state: GroupState?
        var lobby: [Participant] = []
        /// Names given with `--participants` that nobody has claimed yet.
        var expected: [String] = []
        /// SHA-256 of each token, to the participant's name.
        var tokens: [String: String] = [:]
        /// Events for the shared screen not yet shown.
        var screen: [GroupEvent] = []
        var listeners: [Int: (name: String, deliver: @Sendable (Message) -> Void)] = [:]
        var nextListener = 0
        var facilitator: String?
        var anonymous: Bool?
        var seed: UInt64
        var address: String?
        /// Counts changes to `state`; `saved` holds the last one on disk.
        var sequence = 0
        /// The newest change the views being sent (or sent) show.
        var viewsShow = 0
        /// The state as last saved, and its change number: what every screen shows, so that none
        /// shows an answer that could still be lost.
        var saved: (state: GroupState?, sequence: Int) = (nil, 0)
        /// Participants whose own record changed since the last save.
        var touched: Set<String> = []
        /// Why saving failed: from then on the room takes nothing more.
        var failure: String?
    }

    /// A room whose group starts with the facilitator's `/start` (people join by name first), or
    /// goes on from `resumed` (the tokens it holds keep working).
    /// `persist` saves a result (it throws when it cannot: nothing is acknowledged then); `admit`
    /// looks up a newcomer (their facts) and throws to refuse one whose data is busy elsewhere;
    /// `makeToken` gives a fresh unguessable token.
    public init(engine: GroupEngine, code: String, address: String? = nil, clock: any GroupClock, expected: [String] = [], facilitator: String?,
                anonymous: Bool?, seed: UInt64, resumed: GroupState? = nil,
                persist: @escaping @Sendable (GroupResult) throws -> Void,
                admit: @escaping @Sendable (String) throws -> Participant,
                makeToken: @escaping @Sendable () -> String) {
        self.engine = engine
        self.code = resumed?.room?.code ?? code
        self.clock = clock
        self.persist = persist
        self.admit = admit
        self.makeToken = makeToken
        var inner = Inner(seed: seed)
        inner.state = resumed
        inner.saved = (resumed, 0)
        inner.expected = expected
        inner.facilitator = facilitator
        inner.anonymous = anonymous
        inner.tokens = resumed?.room?.tokens ?? [:]
        inner.address = address
        self.inner = Mutex(inner)
    }

    // MARK: Joining

    /// Lets `name` in with the room's code; returns their token (shown to nobody else).
    public func join(code given: String, name raw: String) throws(JoinError) -> String {
        guard Room.same(given.trimmingWhitespace().uppercased(), code) else { throw .wrongCode }
        let name = raw.trimmingWhitespace()
        if let problem = NameRule.problem(with: name) { throw .badName(name, problem) }
        let token = makeToken()
        let key = SHA256.hex(token.utf8)
        let outcome: Result<([GroupEvent], Int?), JoinError> = inner.withLock { inner in
            if inner.failure != nil { return .failure(.refused(name, "the room could not be saved")) }
            let lower = name.lowercased()
            if inner.tokens.values.contains(where: { $0.lowercased() == lower }) || inner.facilitator?.lowercased() == lower {
                return .failure(.taken(name))
            }
            if let state = inner.state {
                guard state.status == .active else { return .failure(.ended) }
                if let known = state.participant(name), known.active, inner.expected.contains(where: { $0.lowercased() == lower }) {
                    // Named with --participants: they claim their place.
                    inner.expected.removeAll { $0.lowercased() == lower }
                    inner.tokens[key] = known.name
                    var claimed = state
                    claimed.room = RoomRecord(code: code, address: inner.address, tokens: inner.tokens)
                    return .success(([.notice("\(known.name) joined.")], commit(GroupResult(state: claimed, events: []), in: &inner)))
                }
                if state.participant(name) != nil { return .failure(.taken(name)) }
                guard state.activeNames.count < engine.exercise.maxParticipants else { return .failure(.full(engine.exercise.maxParticipants)) }
                let newcomer: Participant
                do { newcomer = try admit(name) } catch { return .failure(.refused(name, "\(error)")) }
                var result = engine.step(state, "/add \(name)", now: clock.now(), newcomer: newcomer)
                inner.tokens[key] = name
                result.state.room = RoomRecord(code: code, address: inner.address, tokens: inner.tokens)
                return .success((result.events, commit(result, in: &inner)))
            }
            guard inner.lobby.count < engine.exercise.maxParticipants else { return .failure(.full(engine.exercise.maxParticipants)) }
            let newcomer: Participant
            do { newcomer = try admit(name) } catch { return .failure(.refused(name, "\(error)")) }
            inner.lobby.append(newcomer)
            inner.tokens[key] = name
            return .success(([.notice("\(name) joined (\(inner.lobby.count) in the room).")], nil))
        }
        switch outcome {
        case .failure(let error): throw error
        case .success(let (events, change)):
            if let change, case .failure = flush(upTo: change) {
                inner.withLock { _ = $0.tokens.removeValue(forKey: key) }
                throw .refused(name, "the room could not be saved")
            }
            inner.withLock { $0.screen += events }
            broadcast()
            return token
        }
    }

    /// The participant a token belongs to, or nil.
    public func participant(token: String) -> String? {
        let key = SHA256.hex(token.utf8)
        return inner.withLock { $0.tokens[key] }
    }

    /// The names in the room: joined (in the lobby) or taking part.
    public var names: [String] {
        inner.withLock { inner in inner.state?.activeNames ?? inner.lobby.map(\.name) }
    }

    /// Whether the group has begun (the facilitator typed `/start`, or it was resumed).
    public var started: Bool { inner.withLock { $0.state != nil } }

    // MARK: Answers

    /// Takes an answer from the participant holding `token`. Saved before it returns `.accepted`.
    public func answer(token: String, _ text: String) -> GroupReply {
        complete(take(token: token, text))
    }

    /// An answer taken into the room's state and not yet saved (see `take`).
    public struct Taken: Sendable {
        fileprivate let name: String?
        fileprivate let reply: GroupReply
        fileprivate let change: Int?
        fileprivate let shown: [GroupEvent]
    }

    /// The first half of `answer`: takes the answer into the room's state, at once. `complete`
    /// saves it and tells everyone; answers taken while a save is under way are saved together
    /// by the next one, so a caller that can wait elsewhere (the server, off its event threads)
    /// takes on one thread and completes on another.
    public func take(token: String, _ text: String) -> Taken {
        guard let name = participant(token: token) else { return Taken(name: nil, reply: .refused("Please join the room first."), change: nil, shown: []) }
        return inner.withLock { inner in
            if inner.failure != nil { return Taken(name: name, reply: .refused("Your answer could not be saved; please tell the facilitator."), change: nil, shown: []) }
            guard let state = inner.state else {
                return Taken(name: name, reply: .refused("The exercise has not started yet; it begins when the facilitator says so."), change: nil, shown: [])
            }
            let (result, reply) = engine.answer(state, from: name, text, now: clock.now())
            guard result.state != state else { return Taken(name: name, reply: reply, change: nil, shown: result.events) }
            return Taken(name: name, reply: reply, change: commit(result, in: &inner), shown: result.events)
        }
    }

    /// The second half of `answer`: returns once the answer is saved (waiting for a save under
    /// way, or saving with every answer taken meanwhile), then shows it and sends the new views.
    public func complete(_ taken: Taken) -> GroupReply {
        guard let name = taken.name else { return taken.reply }
        if let change = taken.change, case .failure(let error) = flush(upTo: change) {
            inner.withLock { $0.screen.append(.facilitator("Answers could not be saved (\(error)); nothing more is taken. Leave and resume the group.")) }
            onChange.withLock { $0 }?()
            return .refused("Your answer could not be saved; please tell the facilitator.")
        }
        // Shown only once saved: the shared screen never counts an answer that could be lost.
        if !taken.shown.isEmpty { inner.withLock { $0.screen += taken.shown } }
        if case .safety(let text) = taken.reply { deliver(to: name, .privately(text)) }
        if let change = taken.change { broadcast(showing: change) } else { onChange.withLock { $0 }?() }
        return taken.reply
    }

    // MARK: The facilitator's screen

    /// One line the facilitator typed: `/start` in the lobby, then any group command or the whole
    /// group's answer. Returns what the shared screen shows (already saved).
    public func facilitator(_ line: String) throws -> [GroupEvent] {
        let (events, change): ([GroupEvent], Int?) = try inner.withLock { inner in
            if let failure = inner.failure { throw RoomFailure(reason: failure) }
            guard let state = inner.state else {
                let word = line.trimmingWhitespace().lowercased()
                guard word == "/start" else {
                    if word == "/end" { return ([.notice("Nobody has started; Ctrl-D leaves.")], nil) }
                    return ([.notice("Waiting for people to join (\(inner.lobby.count) so far); /start begins the exercise.")], nil)
                }
                var result: GroupResult
                do {
                    result = try engine.start(participants: inner.lobby, facilitator: inner.facilitator, anonymous: inner.anonymous,
                                              seed: inner.seed, now: clock.now())
                } catch {
                    return ([.invalid("\(error); /start again when everyone is in")], nil)
                }
                result.state.room = RoomRecord(code: code, address: inner.address, tokens: inner.tokens)
                return (result.events, commit(result, in: &inner))
            }
            var newcomer: Participant?
            let words = line.split(separator: " ")
            if words.first?.lowercased() == "/add", words.count == 2 {
                do { newcomer = try admit(String(words[1])) } catch { return ([.invalid("cannot add '\(words[1])': \(error)")], nil) }
            }
            var result = engine.step(state, line, now: clock.now(), newcomer: newcomer)
            result.state.room = state.room
            guard result.state != state else { return (result.events, nil) }
            return (result.events, commit(result, in: &inner))
        }
        if let change, case .failure(let error) = flush(upTo: change) { throw error }
        broadcast()
        return events
    }

    /// Lets time pass (the bell) and hands over what happened on devices since the last call.
    public func tick() throws -> [GroupEvent] {
        let (events, change): ([GroupEvent], Int?) = inner.withLock { inner in
            var events = inner.screen
            inner.screen = []
            guard let state = inner.state, state.status == .active, inner.failure == nil else { return (events, nil) }
            let ticked = engine.tick(state, now: clock.now())
            guard !ticked.events.isEmpty else { return (events, nil) }
            events += ticked.events
            return (events, commit(ticked, in: &inner))
        }
        if let change {
            if case .failure(let error) = flush(upTo: change) { throw error }
            broadcast()
        }
        return events
    }

    /// Records where the room listens once the server is up (the port may have been chosen then).
    public func served(at address: String) {
        inner.withLock { $0.address = address }
    }

    /// Where a resumed room stands (the step and its question), for the shared screen.
    public func whereWeAre() -> [GroupEvent] {
        inner.withLock { inner in inner.state.map { engine.resume($0, now: clock.now()).events } ?? [] }
    }

    /// The group as it stands (nil in the lobby).
    public var state: GroupState? { inner.withLock { $0.state } }

    /// The shared screen's current turn line and progress, for the facilitator's prompt.
    public func sharedView() -> RoomView { inner.withLock { view(for: nil, in: $0) } }

    // MARK: Devices

    /// What the device of the participant holding `token` shows now.
    public func view(token: String) -> RoomView? {
        guard let name = participant(token: token) else { return nil }
        return inner.withLock { view(for: name, in: $0) }
    }

    /// Calls `deliver` with the participant's view whenever the room changes, and with lines for
    /// them alone; returns an id for `unsubscribe`.
    public func subscribe(token: String, _ deliver: @escaping @Sendable (Message) -> Void) -> Int? {
        guard let name = participant(token: token) else { return nil }
        let (id, view) = inner.withLock { inner in
            let id = inner.nextListener
            inner.nextListener += 1
            inner.listeners[id] = (name, deliver)
            return (id, self.view(for: name, in: inner))
        }
        deliver(.view(view))
        return id
    }

    public func unsubscribe(_ id: Int) {
        _ = inner.withLock { $0.listeners.removeValue(forKey: id) }
    }

    /// The participant's own words as Markdown, to take home.
    public func words(token: String) -> String? {
        guard let name = participant(token: token) else { return nil }
        return inner.withLock { inner in
            RoomWords.markdown(for: name, exercise: engine.exercise, state: inner.state)
        }
    }

    /// The views of several screens (nil: the shared screen's), the step rendered once for all.
    private func views(for names: [String?], in inner: Inner) -> [RoomView] {
        guard let state = inner.saved.state else {
            var view = GroupView(title: engine.exercise.title)
            view.heading = "Waiting to begin"
            view.text = "The exercise begins when the facilitator starts it."
            return names.map { RoomView(name: $0, group: view, people: inner.lobby.map(\.name)) }
        }
        let people = state.activeNames
        return zip(names, engine.views(state, for: names, now: clock.now())).map { RoomView(name: $0, group: $1, people: people) }
    }

    private func view(for name: String?, in inner: Inner) -> RoomView { views(for: [name], in: inner)[0] }

    /// Calls `hook` after every change made from a device (the shared screen wakes to show it).
    public func whenChanged(_ hook: @escaping @Sendable () -> Void) {
        onChange.withLock { $0 = hook }
    }

    /// Takes `result` as the room's state, to be written by the next save; returns its number.
    private func commit(_ result: GroupResult, in inner: inout Inner) -> Int {
        inner.state = result.state
        inner.touched.formUnion(result.touched)
        inner.sequence += 1
        return inner.sequence
    }

    /// Makes sure change `sequence` is on disk: waits for a save under way, or saves the newest
    /// state itself, with every change made meanwhile (group commit).
    private func flush(upTo sequence: Int) -> Result<Void, any Error> {
        saved.withLock { savedUpTo -> Result<Void, any Error> in
            if savedUpTo >= sequence { return .success(()) }
            let (snapshot, touched, upTo, failure) = inner.withLock { inner in
                defer { inner.touched = [] }
                return (inner.state, inner.touched, inner.sequence, inner.failure)
            }
            if let failure { return .failure(RoomFailure(reason: failure)) }
            guard let snapshot else { return .success(()) }
            do {
                try persist(GroupResult(state: snapshot, events: [], touched: touched))
                savedUpTo = upTo
                inner.withLock { inner in
                    if upTo > inner.saved.sequence { inner.saved = (snapshot, upTo) }
                }
                return .success(())
            } catch {
                inner.withLock { $0.failure = "\(error)" }
                return .failure(error)
            }
        }
    }

    /// Sends every device its view and wakes the shared screen, unless views that show change
    /// `sequence` have been sent already (answers saved together are sent together).
    private func broadcast(showing sequence: Int) {
        guard inner.withLock({ $0.viewsShow < sequence }) else {
            onChange.withLock { $0 }?()
            return
        }
        broadcast()
    }

    /// Sends every device its view and wakes the shared screen. Changes that come while views are
    /// being sent are sent together once more, not once each.
    private func broadcast() {
        onChange.withLock { $0 }?()
        let first = sending.withLock { state -> Bool in
            if state.busy {
                state.again = true
                return false
            }
            state.busy = true
            return true
        }
        guard first else { return }
        while true {
            let sends: [(@Sendable (Message) -> Void, RoomView)] = inner.withLock { inner in
                let listeners = Array(inner.listeners.values)
                inner.viewsShow = inner.saved.sequence
                return zip(listeners, views(for: listeners.map(\.name), in: inner)).map { ($0.deliver, $1) }
            }
            for (deliver, view) in sends { deliver(.view(view)) }
            let again = sending.withLock { state -> Bool in
                if state.again {
                    state.again = false
                    return true
                }
                state.busy = false
                return false
            }
            if !again { return }
        }
    }

    private func deliver(to name: String, _ message: Message) {
        let targets = inner.withLock { inner in inner.listeners.values.filter { $0.name == name }.map(\.deliver) }
        for deliver in targets { deliver(message) }
    }

    /// Compares without stopping at the first difference, so timing says nothing about the code.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// Why the room takes nothing more: an earlier save failed.
public struct RoomFailure: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "the room could not be saved earlier (\(reason)); leave and resume the group" }
}

/// What a device shows: whose it is, the group's view, and who is in the room.
public struct RoomView: Sendable, Hashable, Codable {
    public var name: String?
    public var group: GroupView
    public var people: [String]
}

/// What a hosted group keeps in its state so that a resumed host lets the same people back in.
public struct RoomRecord: Sendable, Hashable, Codable {
    public var code: String
    /// Where the room listened (`ADDRESS:PORT`), to open it there again on resume.
    public var address: String?
    /// SHA-256 of each participant's token, to their name: the tokens themselves are kept nowhere.
    public var tokens: [String: String]

    public init(code: String, address: String?, tokens: [String: String]) {
        self.code = code
        self.address = address
        self.tokens = tokens
    }
}

/// A participant's own words from a group, as Markdown to take home.
enum RoomWords {
    static func markdown(for name: String, exercise: GroupExercise, state: GroupState?) -> String {
        var lines = ["# \(exercise.title): your words", ""]
        let mine = (state?.contributions ?? []).filter { $0.authors.contains { $0.lowercased() == name.lowercased() } }
        if mine.isEmpty { lines.append("Nothing yet.") }
        for contribution in mine {
            let step = exercise.steps.first { $0.id == contribution.stepID }
            lines.append("## \(step?.title ?? contribution.stepID)")
            lines.append("")
            lines.append("*\(contribution.question)*")
            lines.append("")
            if contribution.authors.count > 1 { lines.append("With \(contribution.authors.filter { $0.lowercased() != name.lowercased() }.joined(separator: ", ")):") }
            lines.append(contribution.raw)
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
