import Testing
@testable import GroundworkCore

extension RuntimeTests {
    /// `/summary` reads answers back in words: a choice by its label, never the number typed or the value saved.
    struct AnswerWordsTests {
        typealias F = Fixture

        static let flow = F.flow("words", start: "sector", [
            F.ask("sector", "Which sector?", .choice([ChoiceOption(label: "Health and care", value: .string("health")),
                                                    ChoiceOption(label: "Something else", value: .string("other"))]),
                  save: "sector", next: "helped"),
            F.ask("helped", "Which helped?", .multi([ChoiceOption(label: "sleep"), ChoiceOption(label: "long walks", value: .number(2))],
                                                   min: 1, max: nil), save: "helped", next: "ok"),
            F.ask("ok", "Fine?", .yesno, save: "ok", next: "years"),
            F.ask("years", "Years?", .number(min: 0, max: 60, integer: false, unit: .years), save: "years", next: "note"),
            F.ask("note", "Anything else?", .text(minLength: 0), save: "note", next: "done"),
            F.end("done", "Done."),
        ])

        @Test(arguments: [
            ("sector", "2", "Something else"),
            ("sector", "health", "Health and care"),
            ("helped", "2, 1", "long walks, sleep"),
            ("ok", "yeah, mostly", "yes"),
            ("years", "about fourteen", "14"),
            ("note", "  quiet week  ", "quiet week"),
        ])
        func answersReadBackInWords(_ node: String, _ typed: String, _ words: String) throws {
            let engine = F.engine(Self.flow)
            var state = try engine.start(flow: "words", seed: 0).state
            for id in ["sector", "helped", "ok", "years", "note"] {
                guard state.cursor.node != node else { break }
                #expect(id != node)
                state = engine.step(state, .skip).state
            }
            state = engine.step(state, .line(typed)).state
            let answer = try #require(state.answers.last)
            #expect(answer.nodeID == node)
            #expect(engine.answerWords(answer) == words)
        }

        @Test func anAnswerFromAFlowNoLongerLoadedIsWhatWasTyped() {
            let engine = F.engine(Self.flow)
            let answer = Answer(flowID: "gone", nodeID: "q", question: "Q?", raw: " 8 ", value: .string("other"), variable: nil)
            #expect(engine.answerWords(answer) == "8")
        }
    }
}
