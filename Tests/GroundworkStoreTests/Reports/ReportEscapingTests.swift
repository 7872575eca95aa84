import Testing
@testable import GroundworkStore

struct ReportEscapingTests {
    @Test func markdownShowsControlCharactersAsSymbols() {
        #expect(ReportEscaping.markdown("a\u{1B}[2Jb\u{07}\tc\nd\u{7F}\u{9B}e") == "a␛[2Jb␇\tc\nd␡<U+009B>e")
        #expect(ReportEscaping.markdown("plain café 日本") == "plain café 日本")
    }

    @Test func jsonEscapesDELAndC1() {
        #expect(ReportEscaping.json("\"a\u{7F}b\u{9B}c\u{85}\"") == "\"a\\u007fb\\u009bc\\u0085\"")
        #expect(JSONTree.quote("x\u{9B}y\u{1B}") == "\"x\\u009by\\u001b\"")
    }
}
