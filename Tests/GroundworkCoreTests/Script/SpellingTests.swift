import Testing
@testable import GroundworkCore

struct SpellingTests {
    @Test(arguments: [
        ("nxt", ["say", "next"], "next"),
        ("tilte", ["id", "title", "start"], "title"),
        ("ask", ["say", "ask"], nil),
        ("abc", ["say"], nil),
        ("listenin", ["listening", "journal"], "listening"),
        ("colour", ["id", "title", "start"], nil),
        ("yesn", ["text", "choice", "yesno"], "yesno"),
    ] as [(String, [String], String?)])
    func closest(word: String, candidates: [String], expected: String?) {
        #expect(Spelling.closest(to: word, among: candidates) == expected)
    }

    @Test func suggestAppendsOnlyWhenClose() {
        #expect(Spelling.suggest("unknown key 'nxt'", for: "nxt", among: ["next"]) == "unknown key 'nxt'; did you mean 'next'?")
        #expect(Spelling.suggest("unknown key 'zzz'", for: "zzz", among: ["next"]) == "unknown key 'zzz'")
    }
}
