/// The Markdown the app writes (group summaries: headings, emphasis, lists), as lines for a
/// terminal: markers taken out, headings bold, a line that is all emphasis in italics. Exports keep
/// the Markdown; only the screen renders it.
enum MarkdownText {
    struct Line: Equatable {
        var text: String
        var style: Style?
    }

    static func lines(_ markdown: String) -> [Line] {
        var lines: [Line] = []
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let hashes = raw.prefix { $0 == "#" }.count
            if (1...6).contains(hashes), raw.dropFirst(hashes).first == " " {
                lines.append(Line(text: inline(raw.dropFirst(hashes + 1)), style: .bold))
                continue
            }
            let body = raw.drop { $0 == " " }
            let indent = String(raw.prefix(raw.count - body.count))
            if ["_", "*"].contains(where: { body.count > 2 && body.hasPrefix($0) && body.hasSuffix($0) && !body.hasPrefix($0 + $0) }) {
                lines.append(Line(text: indent + inline(body.dropFirst().dropLast()), style: .italic))
                continue
            }
            lines.append(Line(text: indent + inline(body), style: nil))
        }
        return lines
    }

    /// Takes out `**strong**`, `*emphasis*` and `_emphasis_` markers around words; a marker inside a
    /// word (snake_case, 2*3) stays.
    static func inline(_ text: Substring) -> String {
        var out = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "*" || character == "_" {
                let before = index > 0 ? characters[index - 1] : " "
                var run = 1
                while index + run < characters.count, characters[index + run] == character { run += 1 }
                let after = index + run < characters.count ? characters[index + run] : " "
                let opens = !before.isLetter && !before.isNumber && !after.isWhitespace
                let closes = !after.isLetter && !after.isNumber && !before.isWhitespace
                if run <= 2, opens || closes {
                    index += run
                    continue
                }
            }
            out.append(character)
            index += 1
        }
        return out
    }
}
