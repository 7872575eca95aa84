import ArgumentParser
import Foundation
import GroundworkCore
import GroundworkRoom
import GroundworkStore
import GroundworkTerminal

/// `groundwork group`: a facilitated exercise for a room around one screen.
struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Run a facilitated group exercise in one shared terminal.",
        discussion: """
            groundwork group one-two-four-all --participants ana,ben,chi --facilitator fay
            groundwork group one-two-four-all --host --address 192.168.1.20:8421   people join from their phones
            groundwork group join 192.168.1.20:8421   take part in a hosted room from this terminal
            groundwork group --resume            continue the last group that did not finish
            groundwork group                     list the group exercises
            Facilitator commands at any prompt: /next /back /extend 1m /pause /skip NAME /add NAME /remove NAME /end /help
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The exercise to run (see 'groundwork group'), or 'join'.")
    var exercise: String?

    @Argument(help: "After 'join': the hosted room's ADDRESS:PORT, as its shared screen shows it.")
    var room: String?

    @Option(help: "After 'join': the room's code (asked for when not given).")
    var code: String?

    @Option(help: "After 'join': your name in the room (asked for when not given).")
    var name: String?

    @Option(help: "The participants, separated by commas (each keeps their contributions in their own folder).")
    var participants: String?

    @Option(help: "Who leads the exercise (types the whole group's answers and the commands).")
    var facilitator: String?

    @Flag(help: "Show contributions without names, shuffled; hide any category with fewer than three people.")
    var anonymous = false

    @Flag(help: "Continue the last group that did not finish (after a crash, or Ctrl-D).")
    var resume = false

    @Flag(help: "Host the room: participants join from their own phone or terminal (see --address).")
    var host = false

    @Option(help: ArgumentHelp("Where the hosted room listens, ADDRESS:PORT (default 127.0.0.1:8421: this computer only; give this computer's network address for phones on the same network).",
                               valueName: "address:port"))
    var address: String?

    func validate() throws {
        if exercise == "join" {
            guard let room else { throw ValidationError("name the room to join, e.g. groundwork group join 192.168.1.20:8421") }
            do throws(RoomAddress.Problem) { _ = try RoomAddress(room) } catch { throw ValidationError(error.description) }
            return
        }
        if room != nil || code != nil || name != nil { throw ValidationError("a room, --code and --name go with 'join': groundwork group join ADDRESS:PORT") }
        if address != nil, !host { throw ValidationError("--address is where a hosted room listens; add --host") }
        if let address {
            do throws(RoomAddress.Problem) { _ = try RoomAddress(address) } catch { throw ValidationError(error.description) }
        }
        if resume {
            guard exercise == nil, participants == nil else { throw ValidationError("--resume continues the last group; give no exercise or participants") }
            return
        }
        guard exercise != nil else { return }
        // A hosted room's people join by name from their devices; names given here are expected.
        if host, participants == nil { return }
        guard let list = participants else { throw ValidationError("name the participants, e.g. --participants ana,ben,chi (or --host: people join from their devices)") }
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard names.count >= 2, names.allSatisfy({ !$0.isEmpty }) else {
            throw ValidationError("give at least two participants, e.g. --participants ana,ben,chi")
        }
        guard Set(names).count == names.count else { throw ValidationError("each participant's name must be different") }
    }

    func run() throws {
        if exercise == "join", let room {
            try join(room)
            return
        }
        let environment = ProcessInfo.processInfo.environment
        let location: DataLocation
        // One App for the whole command: the settings (and the config file) are read once.
        let app = try App(options)
        let settings = app.settings
        do throws(StoreError) {
            location = try settings.dataLocation(environment: environment)
        } catch {
            throw AppError(error)
        }
        let loaded = try app.loadLibrary()
        let (exercises, library) = (loaded.library.groupExercises, loaded.library)
        if resume {
            try resumeGroup(app, location: location, exercises: exercises, library: library)
            return
        }
        guard let id = exercise else {
            for exercise in exercises.values.sorted(by: { $0.id < $1.id }) {
                try StoreContext.output("\(exercise.id)  \(exercise.title): \(exercise.description)\n")
            }
            return
        }
        let chosen = try loaded.require(exercises[id], thing: "group exercise '\(id)'",
                                        missing: "no group exercise named '\(id)'; 'groundwork group' lists them")
        let names = (participants ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for name in names + (facilitator.map { [$0] } ?? []) {
            do throws(StoreError) { _ = try UserName(name) } catch { throw AppError(error) }
        }
        let engine = GroupEngine(exercise: chosen, library: library, country: settings.country.value)
        let clock = SystemGroupClock()
        if host {
            let writer: GroupWriter
            do throws(StoreError) { writer = try GroupStore(location: location).lockForWriting(names) } catch { throw AppError(error) }
            try hostRoom(app, engine: engine, expected: names, location: location, writer: writer)
            return
        }
        let people = names.map { GroupCommand.participant($0, location: location) }
        let opening: GroupResult
        do throws(GroupError) {
            opening = try engine.start(participants: people, facilitator: facilitator, anonymous: anonymous ? true : nil,
                                       seed: options.seed ?? UInt64.random(in: 0...UInt64.max), now: clock.now())
        } catch {
            throw AppError(error.description, status: .usage)
        }
        let store = GroupStore(location: location)
        var writer: GroupWriter
        do throws(StoreError) { writer = try store.lockForWriting(names) } catch { throw AppError(error) }
        var record = GroupRecord(id: SessionRecord.newID(), exerciseID: chosen.id, exerciseTitle: chosen.title,
                                 startedAt: .now(), state: opening.state)
        try runGroup(app, engine: engine, opening: opening, record: &record, writer: &writer, location: location, first: true)
    }

    private func resumeGroup(_ app: App, location: DataLocation, exercises: [String: GroupExercise], library: ScriptLibrary) throws {
        let store = GroupStore(location: location)
        let found: GroupRecord?
        do throws(StoreError) { found = try store.latestActive() } catch { throw AppError(error) }
        guard var record = found else {
            throw AppError("no unfinished group to resume; start one with 'groundwork group EXERCISE --participants …'")
        }
        guard let chosen = exercises[record.exerciseID] else {
            throw AppError("the group's exercise '\(record.exerciseID)' is no longer available")
        }
        if chosen.contentHash != record.state.exerciseHash {
            StoreContext.printError("groundwork: note: '\(chosen.id)' changed since this group began; going on with the new version")
        }
        var writer: GroupWriter
        do throws(StoreError) { writer = try store.lockForWriting(record.state.participants.map(\.name)) } catch { throw AppError(error) }
        let engine = GroupEngine(exercise: chosen, library: library, country: app.country)
        if host || record.state.room != nil {
            try StoreContext.output("(Opening the room again from \(record.startedAt.shortUTC).)\n")
            try hostRoom(app, engine: engine, expected: [], location: location, writer: writer, resumed: record)
            return
        }
        let opening = engine.resume(record.state, now: SystemGroupClock().now())
        try StoreContext.output("(Resuming the group from \(record.startedAt.shortUTC).)\n")
        try runGroup(app, engine: engine, opening: opening, record: &record, writer: &writer, location: location, first: false)
    }

    private func runGroup(_ app: App, engine: GroupEngine, opening: GroupResult, record: inout GroupRecord, writer: inout GroupWriter,
                          location: DataLocation, first: Bool) throws {
        var current = record
        var currentWriter = writer
        var firstSave = first
        // A SIGTERM or SIGHUP during a turn waits until the turn is saved and shown.
        WriteGuard.install()
        let group = GroupConversation(
            engine: engine, clock: SystemGroupClock(), opening: opening,
            persist: { result in
                current.state = result.state
                do throws(StoreError) {
                    try currentWriter.save(&current, exercise: engine.exercise, touched: firstSave ? nil : result.touched)
                } catch {
                    // Thrown as the AppError with its status; the runner restores the terminal first.
                    throw AppError(error)
                }
                firstSave = false
            },
            newcomer: { name in
                guard (try? UserName(name)) != nil else { return nil }
                // Their lock first: someone busy in another groundwork process cannot join.
                do throws(StoreError) {
                    try currentWriter.addParticipant(name)
                } catch {
                    throw AppError(error.description)
                }
                return GroupCommand.participant(name, location: location)
            },
            holdingSignals: { turn in try WriteGuard.holding(turn) })
        try app.converse(group)
        let final = group.state
        record = current
        writer = currentWriter
        if final.status == .completed, let summary = final.summary {
            let path: String
            do throws(StoreError) {
                path = try writer.writeSummary(summary, record: record)
            } catch {
                throw AppError(error)
            }
            try StoreContext.output("(The summary is saved in \(path).)\n")
        }
    }

    /// Takes part in a hosted room from this terminal: nothing is stored here; the room keeps it.
    private func join(_ text: String) throws {
        let app = try App(options)
        let address: RoomAddress
        do throws(RoomAddress.Problem) { address = try RoomAddress(text) } catch { throw AppError(error.description, status: .usage) }
        guard let code = try code ?? ask(app, "Room code: "), let name = try name ?? ask(app, "Your name: ") else { return }
        let client = RoomClient(address: address)
        client.start(code: code, name: name)
        defer { client.stop() }
        try app.converse(JoinConversation(client: client))
    }

    /// One line from the person, or nil when they leave (Ctrl-D).
    private func ask(_ app: App, _ prompt: String) throws -> String? {
        switch app.reader.readLine(prompt: prompt) {
        case .line(let line) where !line.trimmingWhitespace().isEmpty: return line.trimmingWhitespace()
        case .line: throw AppError("nothing given; try again with --code and --name", status: .usage)
        default: return nil
        }
    }

    /// Serves the room to participants' devices while this terminal is the shared screen; the
    /// server stops when the exercise ends or the facilitator leaves.
    private func hostRoom(_ app: App, engine: GroupEngine, expected: [String], location: DataLocation,
                          writer: GroupWriter, resumed: GroupRecord? = nil) throws {
        let given = address ?? resumed?.state.room?.address ?? RoomAddress.standard
        let where_: RoomAddress
        do throws(RoomAddress.Problem) { where_ = try RoomAddress(given) } catch { throw AppError(error.description, status: .usage) }
        let pages: RoomPages
        do throws(RoomPages.Problem) { pages = try RoomPages(prompts: engine.library.prompts) } catch { throw AppError(error.description) }
        let saving = RoomSaving(exercise: engine.exercise, writer: writer, record: resumed)
        WriteGuard.install()
        let room = Room(
            engine: engine, code: RoomSecrets.code(), address: where_.description, clock: SystemGroupClock(), expected: expected.map { $0.lowercased() },
            facilitator: facilitator, anonymous: anonymous ? true : nil, seed: options.seed ?? UInt64.random(in: 0...UInt64.max),
            resumed: resumed?.state,
            persist: { result in try WriteGuard.holding { try saving.save(result) } },
            admit: { name in
                do throws(StoreError) { _ = try UserName(name) } catch { throw AppError(error) }
                try saving.admit(name)
                return GroupCommand.participant(name, location: location)
            },
            makeToken: { RoomSecrets.token() })
        let server = RoomServer(room: room, pages: pages)
        let listening: RoomServer.Listening
        do throws(RoomServer.StartError) { listening = try server.start(host: where_.host, port: where_.port) } catch { throw AppError(error.description) }
        defer { listening.stop() }
        let address = RoomAddress(host: where_.host, port: listening.port)
        room.served(at: address.description)
        do {
            try app.converse(RoomConversation(room: room, opening: RoomInvitation.events(address: address, code: room.code)))
        } catch {
            try? saving.finish()
            throw error
        }
        try saving.finish()
        if let final = room.state, final.status == .completed, let summary = final.summary {
            let path = try saving.writeSummary(summary)
            try StoreContext.output("(The summary is saved in \(path).)\n")
            // Participants take their words home from their pages now; the room closes after.
            try StoreContext.output("(Participants can take their words home from their page now; press Enter to close the room.)\n")
            _ = app.reader.readLine(prompt: "")
            try StoreContext.output("(The room is closed.)\n")
        }
    }

    /// A participant with their latest career check-in's exposure score, when they have one.
    static func participant(_ name: String, location: DataLocation) -> Participant {
        var participant = Participant(name: name)
        if let user = try? UserName(name),
           let checkin = try? UserStore(location: location, user: user).latestCompleted(flowID: "career-checkin"),
           let score = checkin.scores["exposure.score"]?.number {
            participant.facts["checkin.exposure"] = .number(score)
        }
        return participant
    }
}
