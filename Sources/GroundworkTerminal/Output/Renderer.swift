import GroundworkCore

/// Shows engine events: plain lines through a pipe (identical to transcripts); on a terminal,
/// wrapped to the window, with a progress line and, unless disabled, colour.
public final class Renderer {
    private let output: TextOutput
    /// Use ANSI colour and bold.
    public let color: Bool
    /// Wrap to this many columns; nil to leave lines as they are.
    public let width: Int?
    /// Add terminal-only decoration (the progress line); off for pipes so output equals transcripts.
    public let decorate: Bool

    public init(output: TextOutput, color: Bool, width: Int?, decorate: Bool) {
        self.output = output
        self.color = color
        self.width = width
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

    public func render(_ event: Event) {
        let text = format(event)
        if !text.isEmpty { output.write(text) }
    }

    /// A plain message from the app (help, /why), wrapped like coach text.
    public func message(_ text: String) {
        output.write(finish(TextSanitizer.clean(text), style: nil))
    }

    /// A quiet aside ("saved", "press Ctrl-C again to leave").
    public func notice(_ text: String) {
        output.write(finish(TextSanitizer.clean(text), style: decorate ? .dim : nil))
    }

    /// The input prompt; colour escapes are wrapped in \u{1}…\u{2} so libedit does not count them.
    public var prompt: String {
        color ? "\u{1}\(Style.bold.code)\u{2}> \u{1}\(Style.reset.code)\u{2}" : "> "
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
    case bold, dim, cyan, yellow, magenta, green, reset

    var code: String {
        switch self {
        case .bold: return "\u{1B}[1m"
        case .dim: return "\u{1B}[2m"
        case .cyan: return "\u{1B}[36m"
        case .yellow: return "\u{1B}[33m"
        case .magenta: return "\u{1B}[35m"
        case .green: return "\u{1B}[32m"
        case .reset: return "\u{1B}[0m"
        }
    }
}
