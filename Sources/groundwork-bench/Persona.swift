import GroundworkCore

/// A scripted person answering a flow: the user lines of a golden transcript, or, when a flow has
/// none, answers made up from each question's kind.
struct Persona {
    var name: String
    /// The lines typed, in order; nil for the made-up persona, which answers what it is asked.
    var lines: [String]?

    /// The personas of every transcript for `flowID` (header `flow: <id>`).
    static func fromTranscripts(_ transcripts: [SourceFile], flowID: String) -> [Persona] {
        transcripts.compactMap { file in
            // A repeat session (`previous:`) needs its earlier one played first: not a persona here.
            guard let transcript = try? Transcript.parse(file), case .flow(let id) = transcript.subject, id == flowID,
                  transcript.previous == nil else { return nil }
            let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
            return Persona(name: name, lines: transcript.inputs)
        }
    }

    /// A persona that answers every question by its kind (for flows without transcripts).
    static let madeUp = Persona(name: "made-up answers", lines: nil)

    /// The made-up answer to `prompt` at the `turn`-th question.
    static func answer(to prompt: Prompt, turn: Int) -> String {
        switch prompt.kind {
        case .text:
            let phrases = ["nurse on a surgical ward", "answering customer emails", "writing weekly reports",
                           "planning the rota", "talking with patients", "reviewing contracts"]
            return phrases[turn % phrases.count]
        case .choice: return String(1 + turn % max(prompt.options.count, 1))
        case .multi: return "1"
        case .scale: return "3"
        case .number: return "20"
        case .yesno: return turn < 20 ? "yes" : "no"
        }
    }
}
