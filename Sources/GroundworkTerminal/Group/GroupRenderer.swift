import GroundworkCore

/// Shows group events: the plain lines (which golden transcripts hold) when output is not a
/// terminal; on a terminal the live prompt replaces turn lines, the bell rings, and private turns
/// clear the screen, after which the step's own text is shown again for the next person.
public final class GroupRenderer {
    private let write: (String) -> Void
    private let isTerminal: Bool
    /// The current step's heading and text, shown again after the screen is cleared.
    private var stepLines: [String] = []

    public init(isTerminal: Bool, write: @escaping (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
    }

    public func show(_ events: [GroupEvent]) {
        let text = self.text(events)
        if !text.isEmpty { write(text) }
    }

    /// The text for `events`, ending with a newline when not empty.
    public func text(_ events: [GroupEvent]) -> String {
        var out = ""
        for event in events {
            switch event {
            case .turn where isTerminal:
                continue
            case .clear:
                if isTerminal { out += "\u{1B}[2J\u{1B}[H" + stepLines.map { $0 + "\n" }.joined() }
                continue
            case .bell where isTerminal:
                out += "\u{07}"
            case .heading(let title) where title.hasPrefix("Step "):
                stepLines = []
            default:
                break
            }
            // What participants wrote is shown through the sanitiser; the clear and bell above are the renderer's own.
            let lines = event.plainLines().map(TextSanitizer.clean)
            switch event {
            case .heading, .say, .list: stepLines += lines
            default: break
            }
            out += lines.map { $0 + "\n" }.joined()
        }
        return out
    }

    public func notice(_ text: String) {
        show([.notice(text)])
    }
}
