import Testing
@testable import GroundworkTerminal

@Suite struct TextSanitizerTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("\u{1B}[31mred\u{1B}[0m", "red"),
        ("\u{1B}[2J\u{1B}[Hcleared", "cleared"),
        ("\u{1B}]0;evil title\u{07}after", "after"),
        ("\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\", "link"),
        ("bell\u{07}and\u{08}back", "bellandback"),
        ("tab\there", "tab here"),
        ("two\nlines", "two\nlines"),
        ("c1\u{9B}31mcsi", "c1csi"),
        ("carriage\rreturn", "carriagereturn"),
        ("ünïcödé ✓ 日本", "ünïcödé ✓ 日本"),
        ("trailing escape \u{1B}", "trailing escape "),
    ])
    func strips(input: String, expected: String) {
        #expect(TextSanitizer.clean(input) == expected)
    }
}
