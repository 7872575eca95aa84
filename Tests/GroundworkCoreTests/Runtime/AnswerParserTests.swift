import Testing
@testable import GroundworkCore

extension RuntimeTests {
    struct AnswerParserTests {
        static let options = [ChoiceOption(label: "Health"), ChoiceOption(label: "Help desk"),
                              ChoiceOption(label: "Finance", value: .string("finance"), next: "finance_q"),
                              ChoiceOption(label: "Fin")]

        @Test(arguments: [
            ("2", Value.string("Help desk")),
            ("health", .string("Health")),
            ("  HEALTH ", .string("Health")),
            ("hea", .string("Health")),
            ("help", .string("Help desk")),
            ("fin", .string("Fin")),          // an exact label wins over the longer one it starts
            ("fina", .string("finance")),     // the option's own value is saved
        ])
        func choiceAccepts(_ raw: String, _ expected: Value) throws {
            #expect(try AnswerParser.parse(raw, as: .choice(Self.options)).get().value == expected)
        }

        @Test(arguments: ["0", "5", "he", "x", "", "-1"])
        func choiceRefuses(_ raw: String) throws {
            #expect(throws: AnswerParser.Refusal.self) { try AnswerParser.parse(raw, as: .choice(Self.options)).get() }
        }

        @Test func choiceRefusalNamesTheCandidates() throws {
            guard case .failure(let refusal) = AnswerParser.parse("he", as: .choice(Self.options)) else {
                Issue.record("'he' should be ambiguous"); return
            }
            #expect(refusal.reason == "'he' could be Health, Help desk")
        }

        @Test func choiceCarriesTheOptionsNext() throws {
            #expect(try AnswerParser.parse("3", as: .choice(Self.options)).get().next == "finance_q")
        }

        static let multiOptions = [ChoiceOption(label: "reading"), ChoiceOption(label: "long walks"), ChoiceOption(label: "music")]

        @Test(arguments: [
            ("1, 3", [Value.string("reading"), .string("music")]),
            ("1 3", [.string("reading"), .string("music")]),
            ("long walks, mu", [.string("long walks"), .string("music")]),
            ("3,1,3", [.string("music"), .string("reading")]),
            ("READ", [.string("reading")]),
        ])
        func multiAccepts(_ raw: String, _ expected: [Value]) throws {
            #expect(try AnswerParser.parse(raw, as: .multi(Self.multiOptions, min: 1, max: 2)).get().value == .list(expected))
        }

        @Test(arguments: ["", "1 2 3", "4", "reading, dancing"])
        func multiRefuses(_ raw: String) throws {
            #expect(throws: AnswerParser.Refusal.self) {
                try AnswerParser.parse(raw, as: .multi(Self.multiOptions, min: 1, max: 2)).get()
            }
        }

        @Test func multiMayBeEmptyWhenMinIsZero() throws {
            #expect(try AnswerParser.parse(" ", as: .multi(Self.multiOptions, min: 0, max: nil)).get().value == .list([]))
        }

        @Test(arguments: [("1", true), ("5", true), ("3", true), ("0", false), ("6", false), ("2.5", false), ("drained", true), ("tired", false)])
        func scale(_ raw: String, _ valid: Bool) throws {
            let result = AnswerParser.parse(raw, as: .scale(min: 1, max: 5, minLabel: "drained", maxLabel: "full"))
            #expect(((try? result.get()) != nil) == valid)
        }

        @Test(arguments: [
            ("12", 12.0 as Double?), (" 0 ", 0), ("60", 60), ("1_000", nil), ("2.5", nil), ("-1", nil),
            ("61", nil), ("ten", 10), ("", nil), ("nan", nil), ("lots", nil),
        ])
        func integerNumber(_ raw: String, _ expected: Double?) throws {
            let result = try? AnswerParser.parse(raw, as: .number(min: 0, max: 60, integer: true)).get()
            #expect(result?.value == expected.map(Value.number))
        }

        @Test func fractionalNumberWithoutRange() throws {
            #expect(try AnswerParser.parse("-2.5", as: .number(min: nil, max: nil, integer: false)).get().value == .number(-2.5))
        }

        @Test(arguments: ["y", "Yes", "yeah", "yep", "sure", "OK", "yes!", "of course"])
        func yes(_ raw: String) throws {
            #expect(try AnswerParser.parse(raw, as: .yesno).get().value == .bool(true))
        }

        @Test(arguments: ["n", "No", "nope", "nah", "no.", "not really"])
        func no(_ raw: String) throws {
            #expect(try AnswerParser.parse(raw, as: .yesno).get().value == .bool(false))
        }

        @Test(arguments: ["maybe", "", "yes and no"])
        func neitherYesNorNo(_ raw: String) throws {
            #expect(throws: AnswerParser.Refusal.self) { try AnswerParser.parse(raw, as: .yesno).get() }
        }

        @Test(arguments: [("  a nurse ", 1, "a nurse" as String?), ("", 0, nil), ("   ", 1, nil), ("ab", 3, nil), ("abc", 3, "abc")])
        func text(_ raw: String, _ minLength: Int, _ expected: String?) throws {
            let result = try? AnswerParser.parse(raw, as: .text(minLength: minLength)).get()
            #expect(result?.value == expected.map(Value.string))
        }

        @Test func defaultReasksDifferByKind() throws {
            let kinds: [InputKind] = [.text(minLength: 0), .choice(Self.options), .multi(Self.multiOptions, min: 1, max: 2),
                                      .scale(min: 1, max: 5, minLabel: "", maxLabel: ""),
                                      .number(min: 0, max: 60, integer: true), .yesno]
            let messages = kinds.map(AnswerParser.defaultReask(for:))
            #expect(Set(messages).count == kinds.count)
            #expect(messages[4] == "Please give a whole number from 0 to 60.")
            #expect(messages[1] == "Please choose one: a number from 1 to 4, or the start of an option's name.")
        }
    }
}
