/// Answers as people type them: "about 14 years", "25%", "a quarter", "fourteen", "yes, we went
/// from 6 patients each to 8", "option 2". What is around the answer is dropped (hedges, units)
/// or kept as a note (a yes or no with more to say); what stays ambiguous is refused and re-asked.
extension AnswerParser {
    /// A number read from a line: one value, and whether it was the middle of a range ("10-15").
    struct ReadNumber: Equatable {
        var value: Double
        var isRange: Bool
    }

    /// The pieces a number answer is read from.
    private enum Piece: Equatable {
        case number(Double)
        case word(String)
        case dash
        case slash
    }

    static let units: [String: Int] = [
        "zero": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    /// Fractions of the whole, as percent, for `unit: percent` ("a quarter", "two thirds").
    static let fractions: [String: Double] = [
        "half": 50, "halves": 50, "quarter": 25, "quarters": 25, "third": 100.0 / 3, "thirds": 100.0 / 3,
        "fifth": 20, "fifths": 20, "tenth": 10, "tenths": 10,
    ]
    static let ordinals: [String: Int] = [
        "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5,
        "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
        "last": -1,
    ]

    /// Reads the one number a line gives, in digits or words, with hedges and units dropped and a
    /// range read as its middle; a line with no number, or with two unrelated ones, is refused.
    static func readNumber(_ line: String, unit: NumberUnit?) -> Result<ReadNumber, Refusal> {
        let pieces = combineWords(pieces(of: line), unit: unit)
        var values: [ReadNumber] = []
        var index = 0
        var negative = false
        while index < pieces.count {
            guard case .number(var value) = pieces[index] else {
                if pieces[index] == .dash, values.isEmpty, index + 1 < pieces.count, case .number = pieces[index + 1],
                   index == 0 || pieces[..<index].allSatisfy({ if case .word = $0 { return true } else { return false } }) {
                    negative = true
                }
                index += 1
                continue
            }
            if negative, values.isEmpty { value = -value }
            negative = false
            index += 1
            value *= scale(after: pieces, at: &index, unit: unit)
            // A range: "10-15", "10 to 15", "5 or 6", "between 20 and 30".
            let between = pieces[..<index].contains(.word("between"))
            if index + 1 < pieces.count, case .number(var other) = pieces[index + 1],
               pieces[index] == .dash || pieces[index] == .word("to") || pieces[index] == .word("or")
                || (between && pieces[index] == .word("and")) {
                index += 2
                let factor = scale(after: pieces, at: &index, unit: unit)
                other *= factor
                // "6 to 18 months": the unit after the second number counts for both.
                if factor != 1 { value *= factor }
                values.append(ReadNumber(value: (value + other) / 2, isRange: true))
            } else {
                values.append(ReadNumber(value: value, isRange: false))
            }
        }
        guard let first = values.first else {
            return .failure(Refusal(reason: "'\(line)' is not a number"))
        }
        guard values.count == 1 else {
            return .failure(Refusal(reason: "'\(line)' holds more than one number"))
        }
        return .success(first)
    }

    /// The factor a unit after a number applies ("months" for a years question), moving past it.
    private static func scale(after pieces: [Piece], at index: inout Int, unit: NumberUnit?) -> Double {
        guard index < pieces.count, case .word(let word) = pieces[index] else { return 1 }
        switch word {
        case "month", "months", "mo", "mos", "mths":
            guard unit == .years else { return 1 }
            index += 1
            return 1.0 / 12
        case "week", "weeks", "wks":
            guard unit == .years else { return 1 }
            index += 1
            return 1.0 / 52
        default:
            return 1
        }
    }

    /// Splits a line into numbers (digits, with a decimal point or comma), words, dashes and slashes.
    private static func pieces(of line: String) -> [Piece] {
        var pieces: [Piece] = []
        var word = ""
        var digits = ""
        func flush() {
            if !word.isEmpty { pieces.append(.word(word)); word = "" }
            if !digits.isEmpty {
                if let n = number(digits) { pieces.append(.number(n)) }
                digits = ""
            }
        }
        let characters = Array(line.lowercased())
        for (position, character) in characters.enumerated() {
            if character.isNumber, character.isASCII {
                if !word.isEmpty, word != "c" { flush() } else { word = "" }
                digits.append(character)
            } else if (character == "." || character == ","), !digits.isEmpty, position + 1 < characters.count,
                      characters[position + 1].isNumber {
                digits.append(character)
            } else if character.isLetter {
                if !digits.isEmpty {
                    // "14ish", "14y", "25pc": the letters after the digits are a word of their own.
                    flush()
                }
                word.append(character)
            } else if character == "'" || character == "’" {
                continue
            } else {
                flush()
                switch character {
                case "-", "–", "—": pieces.append(.dash)
                case "/": pieces.append(.slash)
                case "%": pieces.append(.word("percent"))
                default: break
                }
            }
        }
        flush()
        return pieces
    }

    /// Digits with at most one decimal separator; a comma before exactly three digits groups thousands.
    private static func number(_ digits: String) -> Double? {
        let separators = digits.filter { $0 == "." || $0 == "," }
        if separators.isEmpty { return Double(digits) }
        let groups = digits.split(separator: ",", omittingEmptySubsequences: false).map(\.count)
        if !digits.contains("."), groups.dropFirst().allSatisfy({ $0 == 3 }) {
            return Double(digits.filter { $0 != "," })
        }
        guard separators.count == 1 else { return nil }
        return Double(digits.replacingOccurrences(of: ",", with: "."))
    }

    /// Turns number words into numbers: "twenty five", "a dozen", "one and a half", "half a year",
    /// and, for a percent question, "a quarter", "two thirds", "all of it", "none".
    private static func combineWords(_ pieces: [Piece], unit: NumberUnit?) -> [Piece] {
        var out: [Piece] = []
        var index = 0
        func word(_ offset: Int) -> String? {
            guard index + offset < pieces.count, case .word(let w) = pieces[index + offset] else { return nil }
            return w
        }
        while index < pieces.count {
            guard case .word(let w) = pieces[index] else {
                // "1 and a half", "2.5 hundred" is not a thing people say; only "and a half" joins digits.
                if case .number(let n) = pieces[index], word(1) == "and", word(2) == "a", word(3) == "half" {
                    out.append(.number(n + 0.5))
                    index += 4
                    continue
                }
                out.append(pieces[index])
                index += 1
                continue
            }
            var value: Double?
            var used = 1
            if let u = units[w] {
                value = Double(u)
            } else if let t = tens[w] {
                value = Double(t)
                // "twenty five", "twenty-five"
                if let next = word(1), let u = units[next], u < 10 { value = Double(t + u); used = 2 }
                else if index + 2 < pieces.count, pieces[index + 1] == .dash, let next = word(2), let u = units[next], u < 10 {
                    value = Double(t + u); used = 3
                }
            } else if w == "a" || w == "an" {
                switch word(1) {
                case "hundred": value = 100; used = 2
                case "dozen": value = 12; used = 2
                case "couple": value = 2; used = 2
                case "year" where unit == .years: value = 1; used = 2
                case "half" where unit == .years: value = 0.5; used = 2
                default: break
                }
            } else if w == "dozen" {
                value = 12
            } else if w == "half", unit == .years, word(1) == "a" || word(1) == "an", word(2) == "year" {
                value = 0.5; used = 3
            } else if unit == .percent {
                switch w {
                case "all", "everything", "entire", "whole": value = 100
                case "none", "nothing", "nowhere": value = 0
                default: if let f = fractions[w] { value = f }
                }
            } else if w == "none" || w == "nothing" {
                value = 0
            }
            guard var number = value else {
                out.append(pieces[index])
                index += 1
                continue
            }
            index += used
            if word(0) == "hundred" { number *= 100; index += 1 }
            if unit == .percent, let next = word(0), let f = fractions[next], number >= 1, number < 10 {
                // "two thirds", "three quarters", "a quarter" (after "a" was read as nothing).
                number = (number * f).rounded()
                index += 1
            } else if unit == .percent, number > 0, number < 100, fractions.values.contains(number), w != "half" {
                number = number.rounded()
            }
            if word(0) == "and", word(1) == "a", word(2) == "half" { number += 0.5; index += 3 }
            if unit == .years, word(0) == "year", word(1) == "and", word(2) == "a", word(3) == "half" { number += 0.5; index += 4 }
            out.append(.number(number))
        }
        return out
    }

    /// The number `text` gives with its unit named ("about 14 years", "25%"), as the raw answer to
    /// offer; nil when the unit is not there or the number is not clear.
    static func stated(_ text: String, unit: NumberUnit) -> String? {
        let words = Set(wordSpans(text).map(\.text))
        let named: Bool
        switch unit {
        case .years: named = !words.isDisjoint(with: ["year", "years", "yr", "yrs", "month", "months"])
        case .percent: named = text.contains(Character("%")) || !words.isDisjoint(with: ["percent", "pc"])
        }
        guard named, case .success(let read) = readNumber(text, unit: unit), !read.isRange else { return nil }
        return Value.number(read.value).text
    }

    /// An earlier answer's value put back as the line that would give it (`raw`) and as a person
    /// reads it (`shown`: an option's label, "30%", "yes"); nil when the value no longer fits the
    /// question (an option removed, a number out of range).
    static func restated(_ value: Value, as kind: InputKind) -> (raw: String, shown: String)? {
        let raw: String
        var shown: String
        switch (kind, value) {
        case (_, .null), (.multi, _):
            return nil
        case (.choice(let options), _):
            guard let index = options.firstIndex(where: { ($0.value ?? .string($0.label)) == value }) else { return nil }
            raw = String(index + 1)
            shown = options[index].label
        case (.number(_, _, _, let unit), .number):
            raw = value.text
            switch unit {
            case .percent?: shown = raw + "%"
            case .years?: shown = raw + (raw == "1" ? " year" : " years")
            case nil: shown = raw
            }
        case (.yesno, .bool), (.scale, .number), (.text, .string):
            raw = value.text
            shown = raw
        default:
            return nil
        }
        if case .text = kind { shown = "'\(shown)'" }
        guard case .success(let accepted) = parse(raw, as: kind), accepted.value == value else { return nil }
        return (raw, shown)
    }

    /// The yes or no a line starts with, and what the person said after it; nil when the line is
    /// not clearly one or the other ("maybe", "yes and no").
    static func readYesNo(_ line: String) -> (answer: Bool, note: String?)? {
        let words = wordSpans(line)
        guard !words.isEmpty else { return nil }
        var position = 0
        var answer: Bool?
        while position < words.count, let (polarity, length) = yesNoPhrase(words, at: position) {
            if let answer, answer != polarity { return nil }
            answer = polarity
            position += length
        }
        guard let answer else { return nil }
        guard position < words.count else { return (answer, nil) }
        var rest = Substring(line[words[position].range.lowerBound...])
        // A joiner before the note: "no but i'd like to", "yes and it helped".
        for joiner in ["but", "and", "so", "because", "though", "although"] {
            if words[position].text == joiner {
                if position + 1 < words.count, yesNoPhrase(words, at: position + 1)?.polarity == !answer { return nil }
                rest = position + 1 < words.count ? line[words[position + 1].range.lowerBound...] : ""
                break
            }
        }
        if yesNoPhrase(words, at: position)?.polarity == !answer { return nil }
        let note = rest.trimmingWhitespace()
        return (answer, note.isEmpty ? nil : note)
    }

    private static let yesPhrases: [[String]] = [
        ["yes"], ["y"], ["yeah"], ["yea"], ["yeh"], ["yep"], ["yup"], ["ya"], ["yah"], ["sure"], ["ok"], ["okay"],
        ["of", "course"], ["definitely"], ["certainly"], ["absolutely"], ["true"], ["totally"], ["for", "sure"],
        ["i", "think", "so"], ["i", "guess", "so"], ["i", "believe", "so"], ["pretty", "much"], ["kind", "of", "yes"],
        ["sort", "of", "yes"], ["mostly", "yes"], ["correct"], ["indeed"], ["aye"],
    ]
    private static let noPhrases: [[String]] = [
        ["no"], ["n"], ["nope"], ["nah"], ["naw"], ["not", "really"], ["never"], ["no", "way"], ["false"],
        ["i", "dont", "think", "so"], ["i", "do", "not", "think", "so"], ["not", "at", "all"], ["not", "yet"],
        ["definitely", "not"], ["of", "course", "not"], ["absolutely", "not"], ["hardly"], ["nay"],
    ]

    /// The longest yes or no phrase at `position`, with its polarity and length in words.
    private static func yesNoPhrase(_ words: [(text: String, range: Range<String.Index>)], at position: Int) -> (polarity: Bool, length: Int)? {
        var best: (polarity: Bool, length: Int)?
        for (phrases, polarity) in [(yesPhrases, true), (noPhrases, false)] {
            for phrase in phrases where phrase.count > (best?.length ?? 0) && position + phrase.count <= words.count {
                if phrase.indices.allSatisfy({ normalisedYesNo(words[position + $0].text) == phrase[$0] }) {
                    best = (polarity, phrase.count)
                }
            }
        }
        return best
    }

    /// "yesss" reads as "yes", "noo" as "no", "nahh" as "nah".
    private static func normalisedYesNo(_ word: String) -> String {
        var collapsed = ""
        for character in word where collapsed.last != character { collapsed.append(character) }
        return ["yes", "no", "nah", "yep", "yeah", "nope", "ya"].contains(collapsed) ? collapsed : word
    }

    /// The words of a line (letters and digits, apostrophes dropped, lower case) with where each starts and ends.
    static func wordSpans(_ line: String) -> [(text: String, range: Range<String.Index>)] {
        var spans: [(text: String, range: Range<String.Index>)] = []
        var start: String.Index?
        var text = ""
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character.isLetter || character.isNumber {
                if start == nil { start = index }
                text.append(contentsOf: character.lowercased())
            } else if (character == "'" || character == "’"), start != nil {
                // inside a word: "dont", "i'd"
            } else if let begin = start {
                spans.append((text, begin..<index))
                start = nil
                text = ""
            }
            index = line.index(after: index)
        }
        if let begin = start { spans.append((text, begin..<line.endIndex)) }
        return spans
    }

    /// Words that never pick an option on their own ("and" in "Health and care").
    static let joiningWords: Set<String> = ["and", "or", "of", "the", "a", "an", "in", "for", "to", "with", "on"]

    /// The option a line names in other words: "option 2", "the second one", "2.", or a whole
    /// word (or the start of one, three letters at least) of exactly one label.
    static func pickInWords(_ token: String, from options: [ChoiceOption]) -> Int? {
        let words = wordSpans(token).map(\.text).filter { !["option", "number", "no", "the", "one", "choice", "pick", "id", "say", "i"].contains($0) }
        if words.count == 1, let n = Int(words[0]), n >= 1, n <= options.count { return n - 1 }
        if words.count == 1, let n = ordinals[words[0]] { return n == -1 ? options.count - 1 : (n <= options.count ? n - 1 : nil) }
        let all = wordSpans(token).map(\.text)
        guard all.count == 1, let word = all.first, !joiningWords.contains(word) else { return nil }
        let labelWords = options.map { Set(wordSpans($0.label).map(\.text)).subtracting(joiningWords) }
        let whole = labelWords.indices.filter { labelWords[$0].contains(word) }
        if whole.count == 1 { return whole[0] }
        guard whole.isEmpty, word.count >= 3 else { return nil }
        let starts = labelWords.indices.filter { labelWords[$0].contains { $0.hasPrefix(word) } }
        return starts.count == 1 ? starts[0] : nil
    }
}
