import Testing
@testable import GroundworkTerminal

@Suite struct TextWrapperTests {
    @Test(arguments: [
        ("short", 20, "short"),
        ("the quick brown fox jumps", 10, "the quick\nbrown fox\njumps"),
        ("  1. an option that is long", 16, "  1. an option\n     that is\n     long"),
        ("abcdefghijkl", 5, "abcde\nfghij\nkl"),
        ("one\n\ntwo three four", 9, "one\n\ntwo three\nfour"),
        ("exactly ten", 11, "exactly ten"),
    ])
    func wraps(text: String, width: Int, expected: String) {
        #expect(TextWrapper.wrap(text, width: width) == expected)
    }

    @Test func noLineIsWiderThanTheWidth() {
        let text = "Jobs are rarely deleted whole; they are unbundled into tasks, repriced, and stripped of leverage."
        for width in [8, 13, 20, 40] {
            for line in TextWrapper.wrap(text, width: width).split(separator: "\n") {
                #expect(line.count <= width, "width \(width): '\(line)'")
            }
        }
    }
}
