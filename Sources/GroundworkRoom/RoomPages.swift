import GroundworkCore
import Mustache

/// The participant's pages, rendered on the server from `prompts/room/join.mustache` and
/// `prompts/room/page.mustache` as HTML: every value is escaped, so nobody's name or answer can
/// become markup on anyone's page.
public struct RoomPages: Sendable {
    public enum Problem: Error, CustomStringConvertible {
        case missing(String)
        case unreadable(String, String)

        public var description: String {
            switch self {
            case .missing(let name): return "the room's page template 'prompts/\(name).mustache' is missing; reinstall groundwork or restore it"
            case .unreadable(let name, let why): return "prompts/\(name).mustache: error: \(why)"
            }
        }
    }

    private let joinPage: MustacheTemplate
    private let roomPage: MustacheTemplate

    public init(prompts: PromptLibrary) throws(Problem) {
        joinPage = try RoomPages.template("room/join", in: prompts)
        roomPage = try RoomPages.template("room/page", in: prompts)
    }

    private static func template(_ name: String, in prompts: PromptLibrary) throws(Problem) -> MustacheTemplate {
        guard let source = prompts.templates[name]?.source else { throw .missing(name) }
        do {
            return try MustacheTemplate(string: source)
        } catch {
            throw .unreadable(name, "\(error)")
        }
    }

    /// The join page: the code (filled in from the QR code's link) and a name.
    public func join(code: String, error: String?) -> String {
        var context: [String: Any] = ["code": code]
        if let error { context["error"] = error }
        return joinPage.render(context)
    }

    /// A participant's own page for `view`, with `note` (a refusal or the crisis lines) above it.
    public func room(_ view: RoomView, note: String? = nil, urgent: Bool = false) -> String {
        roomPage.render(RoomPages.context(view, note: note, urgent: urgent))
    }

    static func context(_ view: RoomView, note: String?, urgent: Bool) -> [String: Any] {
        let group = view.group
        let answering = group.status == .answering
        var context: [String: Any] = [
            "name": view.name ?? "",
            "title": group.title,
            "heading": group.heading,
            "step": group.stepID,
            "status": group.status.rawValue,
            "text": group.text,
            "people": view.people.joined(separator: ", "),
            "count": view.people.count,
            "answering": answering,
            "answered": group.status == .answered,
            "listening": group.status == .listening,
            "paused": group.status == .paused,
            "ended": group.status == .ended,
            "private": group.isPrivate,
            "progress": group.progress.total > 0 ? "\(group.progress.answered) of \(group.progress.total) have answered" : "",
            "urgent": urgent,
        ]
        // Mustache sections test for presence: a missing value is left out, not stored as nil.
        if let remaining = group.remaining {
            context["remaining"] = Int(remaining.rounded(.up))
            context["clock"] = GroupDuration.clock(remaining)
        }
        if let hint = group.hint { context["hint"] = hint }
        if let note { context["note"] = note }
        if group.unit.count > 1 {
            context["unit"] = group.unit.filter { $0.lowercased() != view.name?.lowercased() }.joined(separator: " & ")
        }
        let options = group.options.enumerated().map { ["number": $0.offset + 1, "label": $0.element] as [String: Any] }
        switch (group.dots, group.kind) {
        case (let dots?, _):
            context["vote"] = ["dots": dots, "options": options, "plural": dots != 1] as [String: Any]
        case (nil, .choice), (nil, .yesno), (nil, .scale):
            let shown: [[String: Any]]
            if group.kind == .yesno {
                shown = [["number": "yes", "label": "yes"], ["number": "no", "label": "no"]]
            } else if group.kind == .scale, options.isEmpty {
                shown = (1...5).map { ["number": $0, "label": "\($0)"] }
            } else {
                shown = options
            }
            context["choice"] = ["options": shown]
        case (nil, .multi):
            context["multi"] = ["options": options]
        case (nil, .number):
            context["number"] = true
        case (nil, .text):
            context["text-answer"] = true
        }
        return context
    }
}
