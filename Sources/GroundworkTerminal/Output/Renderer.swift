import GroundworkCore

/// What a conversation shows: a flow's or the journal's events, a group's, or the app's own words.
public enum Shown: Sendable, Hashable {
    case event(Event)
    case group(GroupEvent)
    /// A plain message from the app (help, /why, a menu).
    case message(String)
    /// A quiet aside ("saved", "press Ctrl-C again to leave").
    case notice(String)
}

extension [Shown] {
    /// The flow or journal events among what is shown: what a session's transcript keeps.
    public var events: [Event] {
        compactMap { if case .event(let event) = $0 { return event } else { return nil } }
    }
}

/// Shows every conversation's output, the one way to the screen: plain lines through a pipe
/// (identical to transcripts); on a terminal, sanitised, wrapped at word boundaries to the window
/// with a readable measure, Markdown rendered, with a progress line and, unless disabled, colour.
public final class Renderer {
    /// Prose is wrapped at most this wide, however wide the window: lines past about 80
    /// characters are hard to read.
    public static let measure = 80

    private let output: TextOutput
    /// Use ANSI colour and bold.
    public let color: Bool
    /// Wrap to this many columns (the window, at most `measure`); nil to leave lines as they are.
    public let width: Int?
    /// Add terminal-only decoration (the progress line); off for pipes so output equals transcripts.
    public let decorate: Bool

    public init(output: TextOutput, color: Bool, width: Int?, decorate: Bool) {
        self.output = output
        self.color = color
        self.width = width.map { min($0, Self.measure) }
        self.decorate = decorate
    }

    /// A renderer for this process's stdout, as `info` describes it.
    public convenience init(terminal info: TerminalInfo, noColorFlag: Bool, output: TextOutput = FileDescriptorOutput()) {
        self.init(output: output, color: info.useColor(noColorFlag: noColorFlag),
                  width: info.stdoutIsTerminal ? info.columns : nil, decorate: info.stdoutIsTerminal)
    }

    /// Renders events in order.
    public func render(_ events: [Event]) {
        for event in events { render(event) }
    }

    /// Shows what a conversation said, in order.
    public func show(_ items: [Shown]) {
        let text = self.text(items)
        if !text.isEmpty { output.write(text) }
    }

    /// The text for `items`, ending with a newline when not empty.
    public func text(_ items: [Shown]) -> String {
        items.map { item in
            switch item {
            case .event(let event): return format(event)
            case .group(let event): return format(group: event)
            case .message(let text): return finish(TextSanitizer.clean(text), style: nil)
            case .notice(let text): return finish(TextSanitizer.clean(text), style: decorate ? .dim : nil)
            }
        }.joined()
    }

    public func render(_ event: Event) {
        let text = format(event)
        if !text.isEmpty { output.write(text) }
    }

    /// A plain message from the app (help, /why), wrapped like coach text.
    public func message(_ text: String) {
        show([.message(text)])
    }

    /// A quiet aside ("saved", "press Ctrl-C again to leave").
    public func notice(_ text: String) {
        show([.notice(text)])
    }

    /// The input prompt; colour escapes are wrapped in \u{1}…\u{2} so libedit does not count them.
    public var prompt: String { prompt(nil) }

    /// The prompt after `label` ("ana, your turn [0:45 left]> "); through a pipe only the label's
    /// absence matters, as prompts are not shown there.
    public func prompt(_ label: String?) -> String {
        let text = (label.map { TextSanitizer.clean($0) + "" } ?? "") + "> "
        return color ? "\u{1}\(Style.bold.code)\u{2}\(text)\u{1}\(Style.reset.code)\u{2}" : text
    }

    /// The current group step's heading and text, shown again after a private turn clears the screen.
    private var stepLines: [String] = []

    /// A group event as it is written: on a terminal the live prompt replaces turn lines, the bell
    /// rings, a private turn's end clears the screen (the step's own text is shown again for the
    /// next person) and the summary's Markdown is rendered; through a pipe, the transcript's lines.
    public func format(group event: GroupEvent) -> String {
        var out = ""
        switch event {
        case .turn where decorate:
            return ""
        case .clear:
            guard decorate else { return "" }
            return "\u{1B}[2J\u{1B}[H" + stepLines.joined()
        case .bell where decorate:
            out += "\u{07}"
        case .heading(let title) where title.hasPrefix("Step "):
            stepLines = []
        case .summary(let markdown) where decorate:
            return "\n" + MarkdownText.lines(TextSanitizer.clean(markdown)).map { finish($0.text, style: $0.style) }.joined()
        default:
            break
        }
        // What participants wrote is shown through the sanitiser; the clear and bell above are the renderer's own.
        let lines = event.plainLines().map(TextSanitizer.clean)
        let text = lines.isEmpty ? "" : finish(lines.joined(separator: "\n"), style: style(of: event))
        switch event {
        case .heading, .say, .list: stepLines.append(text)
        default: break
        }
        return out + text
    }

    private func style(of event: GroupEvent) -> Style? {
        switch event {
        case .heading: return .bold
        case .invalid: return .yellow
        case .facilitator: return .magenta
        case .notice, .bell: return .dim
        case .say, .list, .turn, .summary, .clear, .end: return nil
        }
    }

    /// The event as it is written: lines ending in a newline, or "" for nothing.
    public func format(_ event: Event) -> String {
        var lines = event.plainLines().map(TextSanitizer.clean)[...]
        guard !lines.isEmpty else { return "" }
        guard case .ask(let prompt) = event else {
            return finish(lines.joined(separator: "\n"), style: style(of: event))
        }
        var out = ""
        if let progress = prompt.progress, !lines.isEmpty {
            lines = lines.dropFirst()
            // On a terminal the progress line is quiet decoration; in plain output it stays as Core prints it.
            out += decorate ? finish(progress.text, style: .dim)
                            : "(\(progress.text))\n"
        }
        let tail = prompt.options.count + (prompt.hint == nil ? 0 : 1)
        let questionLines = max(1, lines.count - tail)
        out += finish(lines.prefix(questionLines).joined(separator: "\n"), style: .bold)
        let rest = lines.dropFirst(questionLines)
        if !rest.isEmpty { out += finish(rest.joined(separator: "\n"), style: nil) }
        return out
    }

    private func style(of event: Event) -> Style? {
        switch event {
        case .say, .summary, .end, .ask: return nil
        case .reflect: return .cyan
        case .invalid: return .yellow
        case .safety, .safetyCheck: return .magenta
        case .notice: return .dim
        case .nextStep: return .green
        }
    }

    /// Wraps, colours each line (so a wrapped line never carries colour into the next) and ends with a newline.
    private func finish(_ text: String, style: Style?) -> String {
        let wrapped = width.map { TextWrapper.wrap(text, width: $0) } ?? text
        guard color, let style else { return wrapped + "\n" }
        return wrapped.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "\(style.code)\($0)\(Style.reset.code)" }
            .joined(separator: "\n") + "\n"
    }
}

/// ANSI text attributes the renderer uses.
enum Style {
    case bold, dim, italic, cyan, yellow, magenta, green, reset

    var code: String {
        switch self {
        case .bold: return "\u{1B}[1m"
        case .dim: return "\u{1B}[2m"
        case .italic: return "\u{1B}[3m"
        case .cyan: return "\u{1B}[36m"
        case .yellow: return "\u{1B}[33m"
        case .magenta: return "\u{1B}[35m"
        case .green: return "\u{1B}[32m"
        case .reset: return "\u{1B}[0m"
        }
    }
}
