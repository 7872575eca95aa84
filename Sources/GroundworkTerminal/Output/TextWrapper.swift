/// Word-wraps plain text to a column width, keeping each line's indentation on its continuations.
public enum TextWrapper {
    /// Wraps every line of `text` to at most `width` characters where words allow; a word longer
    /// than the width is broken.
    public static func wrap(_ text: String, width: Int) -> String {
        guard width > 0 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { wrapLine(Substring($0), width: width) }
            .joined(separator: "\n")
    }

    private static func wrapLine(_ line: Substring, width: Int) -> String {
        guard line.count > width else { return String(line) }
        let indent = String(line.prefix { $0 == " " })
        let continuation = indentForContinuation(line, indent: indent, width: width)
        var lines: [String] = []
        var current = indent
        var currentHasWord = false
        for word in line.dropFirst(indent.count).split(separator: " ") {
            if currentHasWord && current.count + 1 + word.count > width {
                lines.append(current)
                current = continuation
                currentHasWord = false
            }
            var rest = Substring(word)
            if !currentHasWord && current.count + rest.count > width {
                // A word wider than the line: break it.
                while current.count + rest.count > width, width - current.count > 0 {
                    let room = width - current.count
                    lines.append(current + rest.prefix(room))
                    rest = rest.dropFirst(room)
                    current = continuation
                }
            }
            current += (currentHasWord ? " " : "") + rest
            currentHasWord = true
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// Continuations line up after a list marker ("  1. ", "- ") when there is one.
    private static func indentForContinuation(_ line: Substring, indent: String, width: Int) -> String {
        let body = line.dropFirst(indent.count)
        var marker = 0
        if body.hasPrefix("- ") || body.hasPrefix("* ") {
            marker = 2
        } else {
            let digits = body.prefix { $0.isNumber }
            if !digits.isEmpty, body.dropFirst(digits.count).hasPrefix(". ") { marker = digits.count + 2 }
        }
        let total = indent.count + marker
        return total < width / 2 ? String(repeating: " ", count: total) : indent
    }
}
