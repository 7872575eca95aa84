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

    /// Possessives and hyphenated words a rule does not name are read as what a person means.
    @Test(arguments: [
        ("the AI's mistakes", [-1, 7, -1]),                 // a possessive as its noun
        ("the bosses' rules", [-1, 8, -1]),                 // a plural possessive
        ("AI-driven reviews", [7, -1, -1]),                 // a hyphenated word as its parts
        ("an e-mail", [-1, 9]),                             // as the joined word a rule names
        ("my co-worker", [-1, 10]),
        ("well-known stuff", [-1, -1]),                     // neither part known: one unknown word
        ("self-harm", [11]),                                // a rule's own hyphenated word is untouched
    ])
    func possessivesAndHyphens(_ line: String, _ ids: [Int32]) {
        let lexicon: [String: LexiconEntry] = ["ai": .word(7), "bosses": .word(8), "email": .word(9), "coworker": .word(10),
                                               "self-harm": .word(11)]
        #expect(RuleText.clauses(of: line, lexicon: lexicon).flatMap { $0 }.map(\.id) == ids)
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
