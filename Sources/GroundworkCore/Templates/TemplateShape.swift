/// How a template's tags nest and which partials it includes, found before the Mustache parser runs.
///
/// The parser (and the renderer after it) recurses once per open section: 3,000 nested `{{#a}}`
/// overflowed the stack, and a partial that includes itself recursed forever at render time. So a
/// template is measured first, with the parser's own rules: tags are read by Character, the sigil
/// comes right after the opening delimiter, and `{{=<% %>=}}` changes the delimiters until the
/// section it is in ends.
public struct TemplateShape: Sendable, Hashable, Codable {
    /// A partial included with `{{> name}}` or `{{< name}}` (a parent template).
    public struct Partial: Sendable, Hashable, Codable {
        public var name: String
        /// Character offset of the name in the source.
        public var offset: Int
        /// Sections open around the tag.
        public var depth: Int
        /// `{{>*name}}`: the name is looked up at render time.
        public var isDynamic: Bool
        /// The parent (`{{< parent}}`) whose blocks this tag is inside, if any: its blocks render
        /// inside the parent, so including the parent again from them recurses.
        public var insideParent: String? = nil
    }

    public var partials: [Partial] = []
    /// The deepest nesting of sections (`#`, `^`, `$`, `<`).
    public var depth = 0
    /// Character offset of the first tag that opens a section deeper than `limit`, if any.
    public var tooDeepAt: Int?
    /// A section tag, by name and the Character offset of its tag.
    public struct Section: Sendable, Hashable, Codable {
        public var name: String
        public var offset: Int
    }
    /// The innermost section still open at the end of the template (`{{#a}}` without `{{/a}}`).
    public var unclosed: Section?
    /// The first closing tag that names another section than the one open (`{{#a}}…{{/b}}`).
    public var misclosed: Section?
    /// The section open when `misclosed` came (nil when none was).
    public var misclosedOpen: Section?
    /// Character offset of a tag that is never finished (`{{name` without `}}`).
    public var unfinishedAt: Int?
    /// Character offset of a delimiter change that is not `{{=<% %>=}}`.
    public var badDelimiterAt: Int?

    /// Measures `source`; stops counting (but not scanning) once `limit` is passed.
    public init(_ source: String, limit: Int) {
        let chars = Array(source)
        var open: [Character] = ["{", "{"], close: [Character] = ["}", "}"]
        // The delimiters in force when each open section began: its end restores them.
        var saved: [([Character], [Character])] = []
        var sections: [Section] = []
        // Parents (`{{< name}}`) open, and the section depth each opened at.
        var parents: [String] = []
        var parentDepths: [Int] = []
        var index = 0

        func matches(_ delimiter: [Character], at position: Int) -> Bool {
            guard position + delimiter.count <= chars.count else { return false }
            for (offset, char) in delimiter.enumerated() where chars[position + offset] != char { return false }
            return true
        }
        func find(_ delimiter: [Character], from position: Int) -> Int? {
            var at = position
            while at + delimiter.count <= chars.count {
                if matches(delimiter, at: at) { return at }
                at += 1
            }
            return nil
        }
        func trimmed(_ start: Int, _ end: Int) -> String {
            var (from, to) = (start, end)
            while from < to, chars[from].isWhitespace { from += 1 }
            while to > from, chars[to - 1].isWhitespace { to -= 1 }
            return String(chars[from..<to])
        }
        /// The partial named between `start` and `end` (a leading `*` makes it dynamic).
        func partial(_ start: Int, _ end: Int, depth: Int) -> Partial {
            var from = start
            while from < end, chars[from].isWhitespace { from += 1 }
            let dynamic = from < end && chars[from] == "*"
            if dynamic { from += 1 }
            while from < end, chars[from].isWhitespace { from += 1 }
            return Partial(name: trimmed(from, end), offset: from, depth: depth, isDynamic: dynamic)
        }

        while index < chars.count {
            guard !open.isEmpty, let tag = find(open, from: index) else { break }
            let body = tag + open.count
            guard body < chars.count else { break }
            let sigil = chars[body]
            // A triple mustache ends with "}" and the closing delimiter.
            let closing = sigil == "{" ? ["}"] + close : close
            // A tag without a sigil may be empty (`{{}}`): its closing delimiter can start right at
            // `body`, and searching past it would swallow the next tag (a partial that then went
            // unchecked: `{{}}{{> t0}}` inside t0 recursed without end, found by the template fuzz target).
            let sigils: Set<Character> = ["#", "^", "/", ">", "<", "$", "=", "!", "&", "{", "%"]
            guard let end = find(closing, from: sigils.contains(sigil) ? body + 1 : body) else {
                unfinishedAt = tag
                break
            }
            // An opening delimiter inside the tag means the first one was text to the parser, which
            // goes on to read the inner tag ("{{ x {{> t1}}" includes t1): scan from the inner one,
            // so a partial is never missed (the template fuzz target found t1 including itself so).
            if sigil != "!", let inner = find(open, from: tag + 1), inner < end {
                index = inner
                continue
            }
            index = end + closing.count
            switch sigil {
            case "#", "^", "$", "<":
                sections.append(Section(name: trimmed(body + 1, end), offset: tag))
                saved.append((open, close))
                if saved.count > depth { depth = saved.count }
                if saved.count > limit, tooDeepAt == nil { tooDeepAt = tag }
                if sigil == "<" {
                    var parent = partial(body + 1, end, depth: saved.count - 1)
                    parent.insideParent = parents.last
                    partials.append(parent)
                    parents.append(parent.name)
                    parentDepths.append(saved.count)
                }
            case "/":
                let name = trimmed(body + 1, end)
                if parentDepths.last == saved.count {
                    parents.removeLast()
                    parentDepths.removeLast()
                }
                let opened = sections.popLast()
                if opened?.name != name, misclosed == nil {
                    misclosed = Section(name: name, offset: tag)
                    misclosedOpen = opened
                }
                if let restored = saved.popLast() { (open, close) = restored }
            case ">":
                var included = partial(body + 1, end, depth: saved.count)
                included.insideParent = parents.last
                partials.append(included)
            case "=":
                // `{{=<% %>=}}`: the new opening and closing delimiters, separated by whitespace.
                var inner = trimmed(body + 1, end)
                if inner.hasSuffix("=") { inner.removeLast() } else if badDelimiterAt == nil { badDelimiterAt = tag }
                let parts = inner.split(whereSeparator: \.isWhitespace)
                if parts.count != 2, badDelimiterAt == nil { badDelimiterAt = tag }
                if parts.count == 2 {
                    open = Array(parts[0])
                    close = Array(parts[1])
                }
            default:
                break
            }
        }
        unclosed = sections.last
    }

    /// Line and column (from 1) of a Character offset in `source`.
    public static func lineAndColumn(of offset: Int, in source: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for char in source.prefix(offset) {
            if char.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
