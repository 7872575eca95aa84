/// A script file's lines, for turning an offset inside a scalar's value into an exact line and
/// column (columns count Unicode scalars, as the YAML parser does).
struct SourceText {
    let path: String
    private let lines: [[Unicode.Scalar]]

    init(_ file: SourceFile) {
        path = file.path
        // Split the scalars, not Characters: grapheme breaking made this the costliest step of a load.
        var lines: [[Unicode.Scalar]] = [[]]
        for scalar in file.text.unicodeScalars {
            if scalar == "\n" {
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
        }
        self.lines = lines
    }

    /// The text of 1-based line `n`, for caret lines under diagnostics.
    func line(_ n: Int) -> String? {
        guard n >= 1, n <= lines.count else { return nil }
        var s = String(String.UnicodeScalarView(lines[n - 1]))
        if s.hasSuffix("\r") { s.removeLast() }
        return s
    }

    /// Where the character at `offset` of `node`'s value sits in the file. Exact for one-line plain
    /// or quoted scalars without escapes and for block scalars; otherwise the scalar's own start.
    func location(ofOffset offset: Int, in node: YAMLNode) -> SourceLocation {
        guard case .scalar(let value, let quoted) = node.kind else { return node.location }
        let start = node.location
        guard start.line >= 1, start.line <= lines.count, offset >= 0 else { return start }
        let raw = lines[start.line - 1]
        let col0 = start.column - 1
        let valueScalars = Array(value.unicodeScalars)
        let scalarOffset = String(value.prefix(offset)).unicodeScalars.count + max(0, offset - value.count)
        guard col0 >= 0, col0 < raw.count else { return start }
        let first = raw[col0]
        if first == "|" || first == ">" {
            return blockLocation(scalarOffset: scalarOffset, afterLine: start.line) ?? start
        }
        let body = quoted ? col0 + 1 : col0
        if body + valueScalars.count <= raw.count, Array(raw[body..<(body + valueScalars.count)]) == valueScalars {
            return SourceLocation(path: path, line: start.line, column: body + scalarOffset + 1)
        }
        return start
    }

    private func blockLocation(scalarOffset: Int, afterLine line: Int) -> SourceLocation? {
        var indent: Int?
        var remaining = scalarOffset
        var index = line // 0-based index of the line after the indicator
        while index < lines.count {
            let raw = lines[index]
            let leading = raw.prefix(while: { $0 == " " }).count
            let blank = leading == raw.count
            if !blank {
                if indent == nil { indent = leading }
                guard let indent, leading >= indent else { return nil }
                let content = raw.count - indent
                if remaining <= content { return SourceLocation(path: path, line: index + 1, column: indent + remaining + 1) }
                remaining -= content + 1
            } else {
                remaining -= 1
            }
            if remaining < 0 { return nil }
            index += 1
        }
        return nil
    }
}
