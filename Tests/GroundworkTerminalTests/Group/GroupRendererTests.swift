import GroundworkCore
import Testing
@testable import GroundworkTerminal

/// What participants write reaches the shared screen through the sanitiser (issue 12, item 3);
/// the renderer's own clear-screen and bell still work on a terminal.
struct GroupRendererTests {
    @Test func contributionsAreSanitisedButTheRenderersOwnControlsStay() {
        var written = ""
        let renderer = GroupRenderer(isTerminal: true) { written += $0 }
        renderer.show([.heading("Step 1"), .list(["- ana: my idea\u{1B}]2;owned\u{07} \u{1B}[2Jhere"]), .clear, .bell])
        #expect(written.contains("- ana: my idea here\n"))
        #expect(!written.contains("owned"))
        // One clear of the renderer's own (then the step shown again), and its bell.
        #expect(written.components(separatedBy: "\u{1B}[2J").count == 2)
        #expect(written.contains("\u{07}"))
    }
}
