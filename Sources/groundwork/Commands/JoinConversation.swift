import Foundation
import GroundworkCore
import GroundworkRoom
import GroundworkTerminal

/// A participant's side of a hosted room at their own terminal (`groundwork group join`): the
/// room's current step as it changes, and each typed line sent as their answer.
final class JoinConversation: Conversation {
    private let client: RoomClient
    private let pipe = WakePipe()
    private var view: RoomView?
    /// When `view` arrived, so the countdown in the prompt keeps moving between views.
    private var viewedAt = ContinuousClock.now
    /// The step and status last shown, so a change of progress alone shows nothing new.
    private var shownKey: String?
    private var ended = false
    /// The crisis lines last shown: they come both as the reply to the answer and as a private
    /// message (for the person's other devices), and are shown once.
    private var urgent: String?

    init(client: RoomClient) {
        self.client = client
        client.whenHeard { [pipe] in pipe.wake() }
    }

    deinit { client.whenHeard {} }

    var wake: Int32? { pipe.descriptor }
    var takesSlashCommands: Bool { false }

    var promptLabel: String? {
        guard let view else { return "joining" }
        var label = view.name ?? "you"
        let group = view.group
        if group.progress.total > 0 { label += " · \(group.progress.answered) of \(group.progress.total) answered" }
        let elapsed = ContinuousClock.now - viewedAt
        if let shown = group.remaining, group.status != .paused {
            let remaining = shown - Double(elapsed.components.seconds)
            label += remaining > 0 ? " [\(GroupDuration.clock(remaining)) left]" : " [time is up]"
        }
        return label
    }

    func open() throws -> Turn {
        // The join's answer usually comes within milliseconds; show it with the opening.
        for _ in 0..<30 where client.joined == false {
            let early = client.take()
            if !early.isEmpty { return turn(early) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return turn(client.take())
    }

    func take(_ line: String) throws -> Turn {
        let text = line.trimmingWhitespace()
        if text == "/quit" || text == "/leave" { return Turn(outcome: .left) }
        guard view?.group.status == .answering else {
            return Turn([.notice(view == nil ? "not in the room yet" : "nothing is asked of you right now; your line was not sent")])
        }
        client.answer(line)
        return Turn()
    }

    func tick() -> Turn {
        let heard = client.take()
        return heard.isEmpty ? Turn() : turn(heard)
    }

    func save(_ shown: [Shown]) throws {}

    var leaving: [Shown] { [.notice("You left the room; what you sent is kept by the facilitator.")] }

    private func turn(_ heard: [Heard]) -> Turn {
        var shown: [Shown] = []
        for item in heard {
            switch item {
            case .joined(let name):
                shown.append(.notice("You are in the room as \(name)."))
            case .view(let next):
                view = next
                viewedAt = ContinuousClock.now
                if next.group.status != .paused { urgent = nil }
                let group = next.group
                let key = "\(group.stepID)|\(group.status.rawValue)|\(group.heading)"
                guard key != shownKey else { continue }
                shownKey = key
                shown += JoinConversation.lines(group)
                // Whom to turn to, as the page says it ("with ben & chi").
                let others = group.unit.filter { $0.lowercased() != next.name?.lowercased() }
                if group.unit.count > 1, !others.isEmpty, group.status == .answering {
                    shown.append(.notice("You are with \(others.joined(separator: " & ")) for this step."))
                }
                if group.status == .ended { ended = true }
            case .reply(let status, let text):
                // An accepted answer shows as the view's "your answer is in".
                guard status != "accepted", let text else { continue }
                if status == "safety" {
                    guard text != urgent else { continue }
                    urgent = text
                }
                shown.append(.message(text))
            case .privately(let text):
                guard text != urgent else { continue }
                urgent = text
                shown.append(.message(text))
            case .problem(let text):
                shown.append(.message(text))
                if !client.joined { ended = true }
            case .disconnected:
                if client.joined { shown.append(.notice("Connection lost; reconnecting…")) }
            }
        }
        return Turn(shown, outcome: ended ? .ended : .goOn)
    }

    typealias Heard = RoomClient.Heard

    /// The step as the terminal shows it: heading, question, options or ballot, what to do.
    static func lines(_ group: GroupView) -> [Shown] {
        var shown: [Shown] = []
        if !group.heading.isEmpty { shown.append(.group(.heading(group.heading))) }
        if !group.text.isEmpty { shown.append(.group(.say(group.text))) }
        switch group.status {
        case .answering:
            var list = group.options.enumerated().map { "  \($0.offset + 1). \($0.element)" }
            if let dots = group.dots {
                list.append("  (You have \(dots) dot\(dots == 1 ? "" : "s"): type the numbers you choose; 1 1 3 gives 1 two dots.)")
            } else if let hint = group.hint {
                list.append("  (\(hint))")
            }
            if !list.isEmpty { shown.append(.group(.list(list))) }
            if group.isPrivate { shown.append(.notice("Private: the room sees it only when the step shows the answers, without names.")) }
        case .answered: shown.append(.notice("Your answer is in; the next step comes when everyone is ready."))
        case .listening: shown.append(.notice("Nothing to type now: listen and talk with the room."))
        case .paused: shown.append(.notice("Paused for a moment; please wait for the facilitator."))
        case .ended: shown.append(.notice("The exercise has ended. Thank you."))
        }
        return shown
    }
}
