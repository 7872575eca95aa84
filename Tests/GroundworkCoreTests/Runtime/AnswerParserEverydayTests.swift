/// The everyday-answers table for issue 14, item 5: lines people really type, each with the parse it must give.
import Testing
@testable import GroundworkCore

extension RuntimeTests {
    struct AnswerParserEverydayTests {
        /// The three number questions the table asks.
        enum Asked: Sendable {
            /// "How many years have you done this work?"
            case years
            /// "What share of your week goes on it?"
            case share
            /// "Pick a number from 0 to 3."
            case pick

            var kind: InputKind {
                switch self {
                case .years: return .number(min: 0, max: 60, integer: false, unit: .years)
                case .share: return .number(min: 0, max: 100, integer: false, unit: .percent)
                case .pick: return .number(min: 0, max: 3, integer: true, unit: nil)
                }
            }
        }

        static let scale = InputKind.scale(min: 1, max: 5, minLabel: "not at all", maxLabel: "completely")

        static let sectors = [ChoiceOption(label: "Health and care"), ChoiceOption(label: "Education"),
                              ChoiceOption(label: "Finance, insurance or law"), ChoiceOption(label: "Technology and media"),
                              ChoiceOption(label: "Public service"), ChoiceOption(label: "Trades, construction or manufacturing"),
                              ChoiceOption(label: "Retail, hospitality or transport"), ChoiceOption(label: "Something else")]

        // MARK: Number

        @Test(arguments: [
            ("about 14", Asked.years, 14.0),
            ("14ish", .years, 14),
            ("14 ish", .years, 14),
            ("~14", .years, 14),
            ("roughly 3.5", .years, 3.5),
            ("around 20", .years, 20),
            ("approx 8", .years, 8),
            ("approximately 12", .years, 12),
            ("maybe 5", .years, 5),
            ("probably 10", .years, 10),
            ("nearly 15", .years, 15),
            ("almost 30", .years, 30),
            ("like 6", .years, 6),
            ("just over 2", .years, 2),
            ("just under 40", .years, 40),
            ("over 10", .years, 10),
            ("under 5", .years, 5),
            ("more or less 7", .years, 7),
            ("9 give or take", .years, 9),
            ("10 or so", .years, 10),
            ("c. 25", .years, 25),
            ("About 14", .years, 14),
            ("about 25%", .share, 25),
            ("~40%", .share, 40),
            ("around 60 percent", .share, 60),
            ("maybe 1", .pick, 1),
            ("about 2", .pick, 2),
        ])
        func numberDropsHedges(_ raw: String, _ asked: Asked, _ expected: Double) throws {
            #expect(try AnswerParser.parse(raw, as: asked.kind).get().value == .number(expected))
        }

        @Test(arguments: [
            ("14 years", Asked.years, 14.0),
            ("14 yrs", .years, 14),
            ("14 y", .years, 14),
            ("14 years now", .years, 14),
            ("1 year", .years, 1),
            ("about 14 yrs", .years, 14),
            ("roughly 3.5 years", .years, 3.5),
            ("6 months", .years, 0.5),
            ("18 months", .years, 1.5),
            ("3 months", .years, 0.25),
            ("about 9 months", .years, 0.75),
            ("24 months", .years, 2),
            ("a year", .years, 1),
            ("one year", .years, 1),
            ("a year and a half", .years, 1.5),
            ("half a year", .years, 0.5),
            ("25%", .share, 25),
            ("25 %", .share, 25),
            ("25 percent", .share, 25),
            ("25 per cent", .share, 25),
            ("25 pc", .share, 25),
            ("40 Percent", .share, 40),
            ("0%", .share, 0),
            ("100%", .share, 100),
        ])
        func numberDropsUnits(_ raw: String, _ asked: Asked, _ expected: Double) throws {
            #expect(try AnswerParser.parse(raw, as: asked.kind).get().value == .number(expected))
        }

        @Test(arguments: [
            ("zero", Asked.years, 0.0),
            ("three", .years, 3),
            ("eight", .years, 8),
            ("eleven", .years, 11),
            ("twelve", .years, 12),
            ("nineteen", .years, 19),
            ("twenty", .years, 20),
            ("thirty", .years, 30),
            ("forty", .years, 40),
            ("sixty", .years, 60),
            ("twenty five", .years, 25),
            ("twenty-five", .years, 25),
            ("fifteen years", .years, 15),
            ("Fourteen years", .years, 14),
            ("a dozen", .years, 12),
            ("a couple years", .years, 2),
            ("one and a half", .years, 1.5),
            ("one and a half years", .years, 1.5),
            ("a hundred percent", .share, 100),
            ("one hundred", .share, 100),
            ("ninety percent", .share, 90),
            ("forty-five percent", .share, 45),
            ("zero", .pick, 0),
            ("one", .pick, 1),
            ("two", .pick, 2),
            ("three", .pick, 3),
            ("a couple", .pick, 2),
            ("2", .pick, 2),
            ("0", .pick, 0),
            ("3 i think", .pick, 3),
        ])
        func numberReadsWords(_ raw: String, _ asked: Asked, _ expected: Double) throws {
            #expect(try AnswerParser.parse(raw, as: asked.kind).get().value == .number(expected))
        }

        /// Fractions in words are a share of the week, rounded to a whole percent.
        @Test(arguments: [
            ("half", 50.0),
            ("half of it", 50),
            ("about half", 50),
            ("a quarter", 25),
            ("roughly a quarter", 25),
            ("a third", 33),
            ("maybe a third", 33),
            ("two thirds", 67),
            ("three quarters", 75),
            ("about three quarters", 75),
            ("all of it", 100),
            ("none", 0),
            ("nothing", 0),
            ("none of it", 0),
        ])
        func shareReadsFractions(_ raw: String, _ expected: Double) throws {
            #expect(try AnswerParser.parse(raw, as: Asked.share.kind).get().value == .number(expected))
        }

        @Test(arguments: [
            ("10-15", Asked.years, 12.5),
            ("10 - 15", .years, 12.5),
            ("2-3 years", .years, 2.5),
            ("between 20 and 30", .years, 25),
            ("between 5 and 10 years", .years, 7.5),
            ("5 or 6 years", .years, 5.5),
            ("3 or 4", .years, 3.5),
            ("five or six", .years, 5.5),
            ("about 10 to 15 years", .years, 12.5),
            ("10 to 15%", .share, 12.5),
            ("20-30%", .share, 25),
            ("15 to 20 percent", .share, 17.5),
        ])
        func numberRangeGivesMidpoint(_ raw: String, _ asked: Asked, _ expected: Double) throws {
            #expect(try AnswerParser.parse(raw, as: asked.kind).get().value == .number(expected))
        }

        @Test(arguments: [
            ("3,5", Asked.years, 3.5),
            ("2,5 years", .years, 2.5),
            ("12,5%", .share, 12.5),
        ])
        func numberReadsDecimalComma(_ raw: String, _ asked: Asked, _ expected: Double) throws {
            #expect(try AnswerParser.parse(raw, as: asked.kind).get().value == .number(expected))
        }

        @Test(arguments: [
            ("i've been doing it for about 14 years", Asked.years, 14.0),
            ("i've been teaching for 8 years now", .years, 8),
            ("its been 3 years", .years, 3),
            ("honestly like 10 years", .years, 10),
            ("been here for 6 months", .years, 0.5),
            ("probably 30% of my week", .share, 30),
            ("about 20% of the time", .share, 20),
            ("id say around 40 percent", .share, 40),
            ("maybe a quarter of my week", .share, 25),
        ])
        func numberFindsTheOneNumberInASentence(_ raw: String, _ asked: Asked, _ expected: Double) throws {
            #expect(try AnswerParser.parse(raw, as: asked.kind).get().value == .number(expected))
        }

        @Test(arguments: [
            ("", Asked.years),
            ("   ", .years),
            ("idk", .years),
            ("dunno", .years),
            ("a lot", .years),
            ("some", .years),
            ("ages", .years),
            ("a while", .years),
            ("2 or 3 days a week for 10 years", .years),   // two unrelated numbers: ambiguous
            ("2 jobs over 10 years", .years),
            ("since 2010, so about 14", .years),
            ("10 and 15", .years),                         // `and` joins a range only after `between`
            ("70 years", .years),
            ("61", .years),
            ("1,000", .years),                             // one thousand, above 60
            ("-3", .years),
            ("most of it", .share),                        // too vague
            ("most", .share),
            ("a lot", .share),
            ("some", .share),
            ("a bit", .share),
            ("idk", .share),
            ("120%", .share),
            ("150 percent", .share),
            ("1.5", .pick),
            ("2.5", .pick),
            ("1,5", .pick),
            ("one and a half", .pick),
            ("4", .pick),
            ("a few", .pick),
        ])
        func numberRefuses(_ raw: String, _ asked: Asked) throws {
            #expect(throws: AnswerParser.Refusal.self) { try AnswerParser.parse(raw, as: asked.kind).get() }
        }

        // MARK: Yes/no

        @Test(arguments: [
            ("yes", true),
            ("y", true),
            ("yeah", true),
            ("yep", true),
            ("yup", true),
            ("ya", true),
            ("yess", true),
            ("yes!", true),
            ("Yes.", true),
            ("YES", true),
            ("Yeah!", true),
            ("sure", true),
            ("of course", true),
            ("definitely", true),
            ("absolutely", true),
            ("yeah definitely", true),
            ("i think so", true),
            ("i guess so", true),
            ("pretty much", true),
            ("kind of yes", true),
            ("no", false),
            ("n", false),
            ("NO", false),
            ("nope", false),
            ("Nope.", false),
            ("nah", false),
            ("not really", false),
            ("no way", false),
            ("never", false),
            ("i dont think so", false),
            ("i don't think so", false),
            ("not at all", false),
            ("no.", false),
        ])
        func yesnoPlain(_ raw: String, _ expected: Bool) throws {
            let accepted = try AnswerParser.parse(raw, as: .yesno).get()
            #expect(accepted.value == .bool(expected))
            #expect(accepted.note == nil)
        }

        @Test(arguments: [
            ("yes, we went from 6 patients each to 8", true, "we went from 6 patients each to 8"),
            ("yeah definitely, at least twice", true, "at least twice"),
            ("yes and it helped", true, "it helped"),
            ("yes but only once", true, "only once"),
            ("yeah, twice", true, "twice"),
            ("yep we did it on monday", true, "we did it on monday"),
            ("yeah i did", true, "i did"),
            ("yes, 3 times", true, "3 times"),
            ("sure, if it helps", true, "if it helps"),
            ("definitely, it made a difference", true, "it made a difference"),
            ("no but i'd like to", false, "i'd like to"),
            ("nope not this week", false, "not this week"),
            ("nope not since march", false, "not since march"),
            ("no, we ran out of time", false, "we ran out of time"),
            ("no but i will next week", false, "i will next week"),
            ("nah, too busy", false, "too busy"),
            ("not really, it was a hard week", false, "it was a hard week"),
            ("no, didn't get round to it", false, "didn't get round to it"),
        ])
        func yesnoKeepsTheElaboration(_ raw: String, _ expected: Bool, _ note: String) throws {
            let accepted = try AnswerParser.parse(raw, as: .yesno).get()
            #expect(accepted.value == .bool(expected))
            #expect(accepted.note == note)
        }

        @Test(arguments: ["maybe", "kind of", "sort of", "yes and no", "not sure", "not sure tbh", "idk", "idk maybe",
                          "dunno", "depends", "it depends", "depends on the week", "", "  ", "yes no", "hmm", "?"])
        func yesnoRefuses(_ raw: String) throws {
            #expect(throws: AnswerParser.Refusal.self) { try AnswerParser.parse(raw, as: .yesno).get() }
        }

        // MARK: Scale

        @Test(arguments: [
            ("4", 4.0),
            (" 4 ", 4),
            ("1", 1),
            ("4/5", 4),
            ("5/5", 5),
            ("4 out of 5", 4),
            ("2 out of 5", 2),
            ("a 4", 4),
            ("four", 4),
            ("five", 5),
            ("one", 1),
            ("about 3", 3),
            ("around 2", 2),
            ("probably 4", 4),
            ("maybe 2", 2),
            ("2 today, tired", 2),
            ("honestly a 3 i guess", 3),
            ("3, the week was meh", 3),
            ("a solid 4 this week", 4),
            ("2 because of the deadline", 2),
            ("3.", 3),
            ("completely", 5),
            ("Completely", 5),
            ("not at all", 1),
            ("Not at all", 1),
        ])
        func scaleAccepts(_ raw: String, _ expected: Double) throws {
            #expect(try AnswerParser.parse(raw, as: Self.scale).get().value == .number(expected))
        }

        @Test(arguments: ["3-4", "3 or 4", "between 3 and 4", "3.5", "3,5", "6", "six", "10", "0", "high", "low",
                          "pretty good", "idk", "",
                          // A count of something is another answer, not a rating.
                          "my manager moved the deadline up two days and didnt ask anyone", "3 meetings back to back", "slept 4 hours",
                          "honestly a mess of a week, two late nights and a fight with my sister", "only one thing went right"])
        func scaleRefuses(_ raw: String) throws {
            #expect(throws: AnswerParser.Refusal.self) { try AnswerParser.parse(raw, as: Self.scale).get() }
        }

        // MARK: Choice

        @Test(arguments: [
            ("2", "Education"),
            ("  2  ", "Education"),
            ("2.", "Education"),
            ("option 2", "Education"),
            ("Option 2", "Education"),
            ("number 2", "Education"),
            ("the second one", "Education"),
            ("educ", "Education"),
            ("education", "Education"),
            ("1", "Health and care"),
            ("the first one", "Health and care"),
            ("health", "Health and care"),
            ("care", "Health and care"),
            ("the third one", "Finance, insurance or law"),
            ("finance", "Finance, insurance or law"),
            ("insurance", "Finance, insurance or law"),
            ("law", "Finance, insurance or law"),
            ("LAW", "Finance, insurance or law"),
            ("tech", "Technology and media"),
            ("media", "Technology and media"),
            ("option 5", "Public service"),
            ("public", "Public service"),
            ("trades", "Trades, construction or manufacturing"),
            ("construction", "Trades, construction or manufacturing"),
            ("manufacturing", "Trades, construction or manufacturing"),
            ("number 7", "Retail, hospitality or transport"),
            ("retail", "Retail, hospitality or transport"),
            ("hospitality", "Retail, hospitality or transport"),
            ("transport", "Retail, hospitality or transport"),
            ("8", "Something else"),
        ])
        func choiceAccepts(_ raw: String, _ label: String) throws {
            #expect(try AnswerParser.parse(raw, as: .choice(Self.sectors)).get().value == .string(label))
        }

        @Test(arguments: ["other", "9", "0", "option 9", "the ninth one", "and", "or", "t", "banking", "idk", ""])
        func choiceRefuses(_ raw: String) throws {
            #expect(throws: AnswerParser.Refusal.self) { try AnswerParser.parse(raw, as: .choice(Self.sectors)).get() }
        }
    }
}
