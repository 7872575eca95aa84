import Testing
@testable import GroundworkCore

@Suite struct RulesTextTests {
    static let lexicon: [String: LexiconEntry] = [
        "i": .word(0), "am": .word(1), "don't": .word(2), "café": .word(3),
        "i'm": .replaced([RuleWord(text: "i", id: 0), RuleWord(text: "am", id: 1)]),
        "dont": .replaced([RuleWord(text: "don't", id: 2)]),
    ]

    static func clauses(_ line: String) -> [[String]] {
        RuleText.clauses(of: line, lexicon: lexicon).map { $0.map(\.text) }
    }

    @Test(arguments: [
        ("one two. three, four? five! six; seven", [["one", "two"], ["three"], ["four"], ["five"], ["six"], ["seven"]]),
        ("this but that BUT other", [["this"], ["that"], ["other"]]),
        ("butter is not but", [["butter", "is", "not"]]),
        ("...,,,", []),
        ("", []),
        ("line one\nline two", [["line", "one"], ["line", "two"]]),
        // substitutions, including a curly apostrophe
        ("I'm here", [["i", "am", "here"]]),
        ("I’m here", [["i", "am", "here"]]),
        ("I‘m here", [["i", "am", "here"]]),
        ("dont go", [["don't", "go"]]),
        ("Don’t go", [["Don't", "go"]]),
        // punctuation around words is dropped; inner apostrophes and hyphens are kept
        ("'quoted' (words) \"here\" self-harm - x", [["quoted", "words", "here", "self-harm", "x"]]),
        // Unicode punctuation breaks clauses or words; letters and emoji are kept whole
        ("CAFÉ… «très» bien—ok", [["CAFÉ"], ["très", "bien", "ok"]]),
        ("¿qué? sí。no", [["qué"], ["sí"], ["no"]]),
        ("😀 ok 👨‍👩‍👧", [["😀", "ok", "👨‍👩‍👧"]]),
        ("e\u{301}te", [["e\u{301}te"]]),
    ])
    func splitting(line: String, expected: [[String]]) {
        #expect(Self.clauses(line) == expected)
    }

    @Test func wordsAreLookedUpLowercasedAndKeepTheirCase() {
        let words = RuleText.clauses(of: "CAFÉ Café café Cafe\u{301}", lexicon: Self.lexicon)[0]
        #expect(words.map(\.id) == [3, 3, 3, 3])
        #expect(words.map(\.text) == ["CAFÉ", "Café", "café", "Cafe\u{301}"])
    }

    @Test func longClausesAreCut() {
        let line = Array(repeating: "w", count: RuleText.maxClauseWords * 2 + 1).joined(separator: " ")
        #expect(Self.clauses(line).map(\.count) == [RuleText.maxClauseWords, RuleText.maxClauseWords, 1])
    }

    @Test func asciiLinesAreNotCopiedByNormalising() {
        #expect(RuleText.normalised("plain ascii, fine.") == "plain ascii, fine.")
        #expect(RuleText.normalised("it’s") == "it's")
    }
}
