import GroundworkCore

/// A hosted room at the facilitator's terminal, the shared screen: the facilitator's lines go to
/// the room (`/start`, every group command, the whole group's answers), and what happens on
/// participants' devices (who joined, how many have answered, the next step) shows up while the
/// facilitator waits. The room saves every change itself, before it is shown.
public final class RoomConversation: Conversation {
    private let room: Room
    private var opening: [GroupEvent]?

    /// `opening` is shown first: how to join (the address, the code, the QR code).
    private let pipe = WakePipe()

    public init(room: Room, opening: [GroupEvent]) {
        self.room = room
        self.opening = opening
        // A device's answer shows at once, not at the next second's tick.
        room.whenChanged { [pipe] in pipe.wake() }
    }

    deinit { room.whenChanged {} }

    public var wake: Int32? { pipe.descriptor }

    public func open() throws -> Turn {
        let shown = (opening ?? []) + room.whereWeAre() + (try room.tick())
        opening = nil
        return turn(shown)
    }

    public var promptLabel: String? {
        let view = room.sharedView()
        guard room.started else {
            let count = view.people.count
            return "facilitator: \(count) joined; /start when everyone is in"
        }
        var label = "facilitator"
        if view.group.progress.total > 0, view.group.status != .listening || view.group.progress.answered > 0 {
            label += " · \(view.group.progress.answered) of \(view.group.progress.total) answered"
        }
        if view.group.status == .paused {
            label += " [paused]"
        } else if let remaining = view.group.remaining {
            label += remaining > 0 ? " [\(GroupDuration.clock(remaining)) left]" : " [time is up]"
        }
        return label
    }

    public var takesSlashCommands: Bool { false }

    public func take(_ line: String) throws -> Turn {
        let events = try room.tick() + room.facilitator(line)
        return turn(events)
    }

    public func tick() -> Turn {
        do {
            let events = try room.tick()
            return events.isEmpty ? Turn() : turn(events)
        } catch {
            return Turn([.message("the room could not be saved: \(error)")], outcome: .left)
        }
    }

    /// The room saved each change when it happened.
    public func save(_ shown: [Shown]) throws {}

    public var leaving: [Shown] {
        [.group(.notice("Saved; the room is closed. 'groundwork group --resume --host' opens it again for the same people."))]
    }

    private func turn(_ events: [GroupEvent]) -> Turn {
        // The shared screen is the room's: a private answer typed here is never shown, so
        // nothing needs clearing, and nothing else should be cleared from under the room.
        // Whose turn it is belongs to one keyboard; here everyone answers at once on their own
        // device, and the prompt shows how many have.
        let shown = events.filter { $0 != .clear && !$0.isOneKeyboardTurn }.map(Shown.group)
        let ended = room.state?.status == .completed
        return Turn(shown, outcome: ended ? .ended : .goOn)
    }
}

extension GroupEvent {
    /// A turn prompt for someone other than the facilitator.
    fileprivate var isOneKeyboardTurn: Bool {
        if case .turn(let turn) = self { return !turn.waitsForFacilitator && !turn.isWholeGroup }
        return false
    }
}
