import Testing
@testable import GroundworkCore

@Suite struct JournalEntryTests {
    @Test(arguments: [
        ("Long day at the clinic #work #tired mood: 2", "Long day at the clinic #work #tired", ["work", "tired"], 2 as Int?),
        ("mood:4 walked by the river #Rest", "walked by the river #Rest", ["rest"], 4),
        ("MOOD: 5. great chat with my sister", "great chat with my sister", [], 5),
        ("#work, #work again, #AI-tools!", "#work, #work again, #AI-tools!", ["work", "ai-tools"], nil),
        ("my #1 priority is sleep", "my #1 priority is sleep", [], nil),
        ("mood: 7 is not a mood", "mood: 7 is not a mood", [], nil),
        ("mood: 3 and later mood: 4", "and later mood: 4", [], 3),
        ("just a line", "just a line", [], nil),
        ("mood:", "mood:", [], nil),
    ])
    func readsTagsAndMood(_ raw: String, _ text: String, _ tags: [String], _ mood: Int?) {
        let entry = JournalEntry(raw)
        #expect(entry.raw == raw)
        #expect(entry.text == text)
        #expect(entry.tags == tags)
        #expect(entry.mood == mood)
    }

    @Test(arguments: [
        ("I talked to my MANAGER today", "manager", true),
        ("I talked to my manager today", "Talked To", true),
        ("Élodie called", "élodie", true),
        ("nothing here", "manager", false),
        ("anything", "", false),
        ("anything", "  \t ", false),
        // Every word of the query, in any order, each anywhere in the entry.
        ("the deadline my Manager set", "manager deadline", true),
        ("the deadline my manager set", "manager  deadline\t", true),
        ("my manager was kind", "manager deadline", false),
        ("talked to my manager", "talked manager", true),
        ("talked to my manager", "to my manager talked", true),
        ("managers everywhere", "manager", true),
        ("deadlines and more deadlines", "deadline deadline", true),
        ("Élodie's deadline", "DEADLINE élodie", true),
    ])
    func searchMatchesEveryWordIgnoringCase(_ raw: String, _ query: String, _ expected: Bool) {
        #expect(JournalEntry(raw).matches(query) == expected)
    }

    @Test(arguments: [
        (Answer(flowID: "journal", nodeID: "entry_q", question: "", raw: "  A quiet day #rest  ", value: .string("A quiet day #rest"), variable: "entry"), true),
        (Answer(flowID: "weekly-review", nodeID: "let_go_how_q", question: "How?", raw: "1", value: .string("drop it"), variable: "let_go_how"), false),
        (Answer(flowID: "daily-checkin", nodeID: "energy_q", question: "Energy?", raw: "3", value: .number(3), variable: "energy"), false),
        (Answer(flowID: "x", nodeID: "q", question: "Ok?", raw: "yes", value: .bool(true), variable: nil), false),
    ])
    func onlyWrittenAnswersAreEntries(_ answer: Answer, _ written: Bool) {
        let entry = JournalEntry(answer: answer)
        #expect((entry != nil) == written)
        if written { #expect(entry?.tags == ["rest"]) }
    }
}
