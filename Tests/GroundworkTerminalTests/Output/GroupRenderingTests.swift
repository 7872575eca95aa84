import GroundworkCore
import Testing
@testable import GroundworkTerminal

/// What participants write reaches the shared screen through the sanitiser (issue 12, item 3);
/// the renderer's own clear-screen and bell still work on a terminal.
struct GroupRenderingTests {
    @Test func contributionsAreSanitisedButTheRenderersOwnControlsStay() {
        let buffer = BufferOutput()
        let renderer = Renderer(output: buffer, color: false, width: 80, decorate: true)
        renderer.show([GroupEvent.heading("Step 1"), .list(["- ana: my idea\u{1B}]2;owned\u{07} \u{1B}[2Jhere"]), .clear, .bell].map(Shown.group))
        let written = buffer.text
        #expect(written.contains("- ana: my idea here\n"))
        #expect(!written.contains("owned"))
        // One clear of the renderer's own (then the step shown again), and its bell.
        #expect(written.components(separatedBy: "\u{1B}[2J").count == 2)
        #expect(written.contains("\u{07}"))
    }
}

/// Group screens go through the one renderer: wrapped at word boundaries with a readable measure,
/// the summary's Markdown rendered on a terminal and kept as transcripts hold it through a pipe.
struct GroupScreenTests {
    static let contribution = "- ana: we kept going back to the same wrong assumption about what liberatingstructures.com says about the groups"

    @Test(arguments: [60, 100, 160])
    func contributionsWrapAtWordsWithinTheMeasure(_ columns: Int) {
        let buffer = BufferOutput()
        Renderer(output: buffer, color: false, width: columns, decorate: true).show([.group(.list([Self.contribution]))])
        let lines = buffer.text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= min(columns, Renderer.measure) })
        let words = Self.contribution.split(separator: " ").map(String.init)
        #expect(lines.flatMap { $0.split(separator: " ").map(String.init) } == words, "a word was broken: \(lines)")
        #expect(lines.count > 1)
    }

    @Test func theSummaryIsRenderedOnATerminalAndKeptAsMarkdownThroughAPipe() {
        let markdown = "# Retro: group summary\n\n- Participants: ana, ben\n\n### On your own\n\n_What did you notice?_\n\n- ana: the **release** slipped"
        let screen = BufferOutput()
        Renderer(output: screen, color: false, width: 80, decorate: true).show([.group(.summary(markdown))])
        #expect(!screen.text.contains("#"))
        #expect(!screen.text.contains("_"))
        #expect(!screen.text.contains("**"))
        #expect(screen.text.contains("On your own\n\nWhat did you notice?\n\n- ana: the release slipped\n"))
        let pipe = BufferOutput()
        Renderer(output: pipe, color: false, width: nil, decorate: false).show([.group(.summary(markdown))])
        #expect(pipe.text == "\n" + markdown + "\n")
    }
}

struct MarkdownTextTests {
    @Test(arguments: [
        ("### Step one", "Step one", Style.bold as Style?),
        ("_What did you notice?_", "What did you notice?", .italic),
        ("  *an aside*", "  an aside", .italic),
        ("- a **bold** claim", "- a bold claim", nil),
        ("- snake_case_name stays", "- snake_case_name stays", nil),
        ("* a bullet", "* a bullet", nil),
        ("2*3 is six", "2*3 is six", nil),
        ("#hashtag is not a heading", "#hashtag is not a heading", nil),
    ])
    func linesLoseTheirMarkers(_ markdown: String, _ text: String, _ style: Style?) {
        #expect(MarkdownText.lines(markdown) == [MarkdownText.Line(text: text, style: style)])
    }
}
