/// Reads a typed line as an answer of a given input kind, or says why it cannot.
enum AnswerParser {
    /// An accepted answer: the value to save and, for a choice, the option's own `next`.
    struct Accepted: Sendable, Equatable {
        var value: Value
        var next: String?
        /// What the person said beside a yes or no ("yes, we went from 6 patients each to 8").
        var note: String?
    }

    /// Why a line was refused, one short line for `/why`.
    struct Refusal: Error, Sendable, Equatable {
        var reason: String
    }

    static func parse(_ raw: String, as kind: InputKind) -> Result<Accepted, Refusal> {
        let line = raw.trimmingWhitespace()
        switch kind {
        case .text(let minLength):
            let needed = max(1, minLength)
            guard line.count >= needed else {
                return .failure(Refusal(reason: line.isEmpty ? "the answer is empty" : "'\(line)' is shorter than \(needed) characters"))
            }
            return .success(Accepted(value: .string(line)))
        case .choice(let options):
            switch pick(line, from: options) {
            case .success(let index):
                let option = options[index]
                return .success(Accepted(value: option.value ?? .string(option.label), next: option.next))
            case .failure(let refusal):
                return .failure(refusal)
            }
        case .multi(let options, let min, let max):
            return multi(line, options: options, min: min, max: max)
        case .scale(let min, let max, let minLabel, let maxLabel):
            return scale(line, min: min, max: max, labels: (minLabel, maxLabel))
        case .number(let min, let max, let integer, let unit):
            let n: Double
            switch readNumber(line, unit: unit) {
            case .success(let read) where read.value.isFinite: n = read.value
            case .success: return .failure(Refusal(reason: "'\(line)' is not a number"))
            case .failure(let refusal): return .failure(refusal)
            }
            if integer && n != n.rounded() { return .failure(Refusal(reason: "'\(line)' is not a whole number")) }
            if let min, n < min { return .failure(Refusal(reason: "'\(line)' is below \(Value.number(min).text)")) }
            if let max, n > max { return .failure(Refusal(reason: "'\(line)' is above \(Value.number(max).text)")) }
            return .success(Accepted(value: .number(n)))
        case .yesno:
            guard let (answer, note) = readYesNo(line) else {
                return .failure(Refusal(reason: "'\(line)' is neither yes nor no"))
            }
            return .success(Accepted(value: .bool(answer), note: note))
        }
    }

    /// A whole number on the scale, in digits or words ("4", "4/5", "a four", "about 3"), or one
    /// of its end labels ("completely"); a range ("3-4") is not one point and is refused.
    private static func scale(_ line: String, min: Int, max: Int, labels: (String, String)) -> Result<Accepted, Refusal> {
        let words = wordSpans(line).map(\.text).joined(separator: " ")
        if !labels.0.isEmpty, words == wordSpans(labels.0).map(\.text).joined(separator: " ") { return .success(Accepted(value: .number(Double(min)))) }
        if !labels.1.isEmpty, words == wordSpans(labels.1).map(\.text).joined(separator: " ") { return .success(Accepted(value: .number(Double(max)))) }
        var text = line.lowercased()
        for suffix in ["out of \(max)", "/ \(max)", "/\(max)", "of \(max)"] { text = text.replacingOccurrences(of: suffix, with: " ") }
        let refused = Refusal(reason: "'\(line)' is not a whole number from \(min) to \(max)")
        // A number that counts something ("moved the deadline up two days", "3 meetings") is not a
        // point on the scale: the person is telling something else, and is asked again.
        // Nor is a number word run straight into words that are not about the rating ("two late
        // nights", "one thing"): a rating stands alone, ends its clause ("3, the week was meh") or
        // is followed by a hedge or a reason ("3 i guess", "2 because…").
        let spans = wordSpans(text)
        for (number, next) in zip(spans, spans.dropFirst()) where Self.units[number.text] != nil || number.text.allSatisfy(\.isNumber) {
            let between = text[number.range.upperBound..<next.range.lowerBound]
            if Self.countedThings.contains(next.text) { return .failure(refused) }
            if between.allSatisfy(\.isWhitespace), !Self.ratingFollowers.contains(next.text), spans.count > 3 { return .failure(refused) }
        }
        guard case .success(let read) = readNumber(text, unit: nil), !read.isRange, read.value == read.value.rounded(),
              read.value >= Double(min), read.value <= Double(max) else { return .failure(refused) }
        return .success(Accepted(value: .number(read.value)))
    }

    /// Words after a number that make it a count of things, not a rating.
    static let countedThings: Set<String> = ["day", "days", "week", "weeks", "hour", "hours", "hrs", "minute", "minutes", "mins",
                                             "month", "months", "year", "years", "times", "people", "kids", "children", "nights",
                                             "meetings", "emails", "calls", "tickets", "patients", "shifts", "cups", "coffees",
                                             "things", "pounds", "quid", "dollars", "euros", "am", "pm", "oclock"]

    /// Words that may follow a rating in the same clause: hedges, reasons, "out of", time words.
    static let ratingFollowers: Set<String> = ["out", "of", "i", "im", "id", "maybe", "probably", "possibly", "perhaps", "today", "tonight",
                                               "now", "right", "tbh", "honestly", "really", "ish", "or", "and", "but", "so", "because", "cos",
                                               "cause", "coz", "since", "as", "if", "overall", "mostly", "though", "tho", "too", "then", "yeah",
                                               "yes", "no", "not", "lol", "haha", "at", "on", "for", "this", "these", "atm", "max", "tops",
                                               "just", "generally", "usually", "still", "again", "lately", "recently"]

    /// One option by number (1-based) or by an unambiguous case-insensitive prefix of its label;
    /// an exact label always wins over longer labels it is a prefix of.
    static func pick(_ token: String, from options: [ChoiceOption]) -> Result<Int, Refusal> {
        let token = token.trimmingWhitespace()
        guard !token.isEmpty else { return .failure(Refusal(reason: "no option was given")) }
        if let n = Int(token) {
            guard n >= 1, n <= options.count else {
                return .failure(Refusal(reason: "'\(token)' is not an option number (1 to \(options.count))"))
            }
            return .success(n - 1)
        }
        let lowered = token.lowercased()
        if let exact = options.firstIndex(where: { $0.label.lowercased() == lowered }) { return .success(exact) }
        let matches = options.indices.filter { options[$0].label.lowercased().hasPrefix(lowered) }
        if matches.count == 1 { return .success(matches[0]) }
        if matches.isEmpty {
            if let index = pickInWords(token, from: options) { return .success(index) }
            return .failure(Refusal(reason: "'\(token)' matches no option"))
        }
        let names = matches.map { options[$0].label }.joined(separator: ", ")
        return .failure(Refusal(reason: "'\(token)' could be \(names)"))
    }

    private static func multi(_ line: String, options: [ChoiceOption], min: Int, max: Int?) -> Result<Accepted, Refusal> {
        var chosen: [Int] = []
        for part in line.split(separator: ",") {
            let piece = part.trimmingWhitespace()
            if piece.isEmpty { continue }
            // A whole comma-separated piece may be a label with spaces; otherwise read it word by word.
            if case .success(let index) = pick(piece, from: options) {
                if !chosen.contains(index) { chosen.append(index) }
                continue
            }
            for word in piece.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                switch pick(String(word), from: options) {
                case .success(let index): if !chosen.contains(index) { chosen.append(index) }
                case .failure(let refusal): return .failure(refusal)
                }
            }
        }
        if chosen.count < min {
            return .failure(Refusal(reason: "\(chosen.count) chosen, at least \(min) needed"))
        }
        if let max, chosen.count > max {
            return .failure(Refusal(reason: "\(chosen.count) chosen, at most \(max) allowed"))
        }
        return .success(Accepted(value: .list(chosen.map { options[$0].value ?? .string(options[$0].label) })))
    }


    /// The re-ask message used when a question names none.
    static func defaultReask(for kind: InputKind) -> String {
        switch kind {
        case .text(let minLength):
            return minLength > 1 ? "Please write at least \(minLength) characters — or /skip." : "Please write a few words — or /skip."
        case .choice(let options):
            return "Please choose one: a number from 1 to \(options.count), or the start of an option's name."
        case .multi(let options, let min, let max):
            var range = ""
            if let max, max == min { range = " (exactly \(min))" }
            else if let max { range = min > 0 ? " (\(min) to \(max))" : " (at most \(max))" }
            else if min > 1 { range = " (at least \(min))" }
            return "Please choose from 1 to \(options.count), separated by commas\(range)."
        case .scale(let min, let max, _, _):
            return "Please give a whole number from \(min) to \(max)."
        case .number(let min, let max, let integer, _):
            let noun = integer ? "a whole number" : "a number"
            switch (min, max) {
            case (let lo?, let hi?): return "Please give \(noun) from \(Value.number(lo).text) to \(Value.number(hi).text)."
            case (let lo?, nil): return "Please give \(noun) of at least \(Value.number(lo).text)."
            case (nil, let hi?): return "Please give \(noun) of at most \(Value.number(hi).text)."
            case (nil, nil): return "Please give \(noun)."
            }
        case .yesno:
            return "Please answer yes or no."
        }
    }

    /// The hint shown under a question, when its kind has one.
    static func hint(for kind: InputKind) -> String? {
        switch kind {
        case .text, .choice: return nil
        case .multi: return "numbers or names, separated by commas"
        case .scale(let min, let max, let minLabel, let maxLabel):
            let low = minLabel.isEmpty ? "\(min)" : "\(min) = \(minLabel)"
            let high = maxLabel.isEmpty ? "\(max)" : "\(max) = \(maxLabel)"
            return "\(low) … \(high)"
        case .number(let min, let max, let integer, _):
            let noun = integer ? "a whole number" : "a number"
            switch (min, max) {
            case (let lo?, let hi?): return "\(noun) from \(Value.number(lo).text) to \(Value.number(hi).text)"
            case (let lo?, nil): return "\(noun), at least \(Value.number(lo).text)"
            case (nil, let hi?): return "\(noun), at most \(Value.number(hi).text)"
            case (nil, nil): return nil
            }
        case .yesno: return "yes or no"
        }
    }

    static func kindName(_ kind: InputKind) -> Prompt.Kind {
        switch kind {
        case .text: return .text
        case .choice: return .choice
        case .multi: return .multi
        case .scale: return .scale
        case .number: return .number
        case .yesno: return .yesno
        }
    }

    static func options(_ kind: InputKind) -> [String] {
        switch kind {
        case .choice(let options), .multi(let options, _, _): return options.map(\.label)
        default: return []
        }
    }
}
