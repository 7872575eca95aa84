import Foundation
import Mustache

/// A Mustache template (inline text or a file from `prompts/`), parsed once at load time.
///
/// Rendered as plain text: nothing is HTML-escaped. Dotted names (`{{exposure.band}}`) look up
/// variables whose names hold the dots.
public struct Template: Sendable {
    /// The template's source, as written.
    public let source: String
    public let location: SourceLocation
    /// The parsed form: made at load when the template is compiled from its file, and on first
    /// render when it is read back from the script cache (a start renders few of its templates;
    /// parsing them all was a tenth of a journal's cold start). Nil only if a stored source no
    /// longer parses, which the cache's digest rules out.
    fileprivate let parsed: DeferredValue<MustacheTemplate>
    /// True when the text has no `{{`, so rendering can be skipped.
    public let isPlain: Bool
    /// The first parts of the names the template uses (`exposure` for `{{exposure.band}}`), so a
    /// render converts only those variables; nil when that cannot be known (changed delimiters).
    fileprivate let roots: Set<Substring>?
    /// Partials it includes (`{{> name}}`), whose names count as used too.
    fileprivate let partials: [String]
    /// How its sections nest and which partials it includes (for the library's checks).
    public let shape: TemplateShape

    /// The deepest nesting allowed of sections, counting each partial included as one level more:
    /// generous for any prompt (the bundled ones nest at most a few deep), far below what
    /// overflows the parser's or the renderer's stack.
    public static let maxDepth = 40

    /// Parses `source`; throws `TemplateError` with the position of the problem.
    public init(_ source: String, location: SourceLocation) throws(TemplateError) {
        // Measured before parsing: the parser recurses once per open section.
        let shape = TemplateShape(source, limit: Template.maxDepth)
        if let offset = shape.tooDeepAt {
            throw TemplateError(message: "sections nested more than \(Template.maxDepth) deep; flatten the template",
                                location: Template.location(of: offset, in: source, from: location))
        }
        if let dynamic = shape.partials.first(where: \.isDynamic) {
            throw TemplateError(message: "dynamic partial '*\(dynamic.name)' is not supported (what it includes cannot be checked); name the template",
                                location: Template.location(of: dynamic.offset, in: source, from: location))
        }
        let mustache: MustacheTemplate
        do {
            mustache = try MustacheTemplate(string: Template.prefix + source)
        } catch {
            throw Template.explain(error, shape: shape, source: source, location: location)
        }
        self.init(source: source, location: location, shape: shape, parsed: DeferredValue(mustache))
    }

    /// A template read back from the script cache, checked when it was stored: parsed when it is
    /// first rendered.
    init(cached source: String, location: SourceLocation) {
        self.init(source: source, location: location, shape: TemplateShape(source, limit: Template.maxDepth),
                  parsed: DeferredValue(deferred: { try? MustacheTemplate(string: Template.prefix + source) }))
    }

    private init(source: String, location: SourceLocation, shape: TemplateShape, parsed: DeferredValue<MustacheTemplate>) {
        self.source = source
        self.location = location
        self.shape = shape
        self.parsed = parsed
        isPlain = !Template.contains(source, "{{")
        if isPlain {
            roots = []
            partials = []
        } else if Template.contains(source, "{{=") {
            roots = nil
            partials = []
        } else {
            let tags = Template.tags(in: source)
            roots = Set(tags.compactMap(\.name).map { TemplateContext.root(of: $0) })
            partials = shape.partials.map(\.name)
        }
    }

    /// What the Mustache parser's error means, in words, at the tag that causes it (not at the end
    /// of the text, and not counting the content-type tag this type puts in front of the source).
    static func explain(_ error: Error, shape: TemplateShape, source: String, location: SourceLocation) -> TemplateError {
        if let found = shape.misclosed {
            let message = shape.misclosedOpen.map { "'{{/\(found.name)}}' closes section '\($0.name)'; close it with '{{/\($0.name)}}'" }
                ?? "'{{/\(found.name)}}' closes a section that was never opened"
            return TemplateError(message: message, location: Template.location(of: found.offset, in: source, from: location))
        }
        if let open = shape.unclosed {
            return TemplateError(message: "section '\(open.name)' is never closed; add '{{/\(open.name)}}'",
                                 location: Template.location(of: open.offset, in: source, from: location))
        }
        if let offset = shape.badDelimiterAt {
            return TemplateError(message: "a delimiter change is not of the form '{{=<% %>=}}'",
                                 location: Template.location(of: offset, in: source, from: location))
        }
        if let offset = shape.unfinishedAt {
            return TemplateError(message: "a tag is not finished: '{{' without its closing '}}'",
                                 location: Template.location(of: offset, in: source, from: location))
        }
        guard let parser = error as? MustacheTemplate.ParserError else {
            return TemplateError(message: "the template cannot be read", location: location)
        }
        let words: String
        switch parser.error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: words = "a closing tag names another section than the one open"
        case .unfinishedName?: words = "a tag is not finished (a name, then the closing '}}')"
        case .expectedSectionEnd?: words = "a section is never closed"
        case .invalidSetDelimiter?: words = "a delimiter change is not of the form '{{=<% %>=}}'"
        case .transformAppliedToInheritanceSection?, .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
            words = "a parent template ('{{< name}}') may hold only blocks ('{{$ name}}')"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?: words = "a '{{% …}}' tag is not one groundwork knows"
        case nil: words = "the template cannot be read"
        }
        // Line 1 of the parser's text starts with "{{% CONTENT_TYPE: TEXT}}", which the author never wrote.
        let line = parser.context.lineNumber
        let column = max(1, line == 1 ? parser.context.columnNumber - Template.prefixLength : parser.context.columnNumber)
        let at = SourceLocation(path: location.path, line: location.line + line - 1,
                                column: line == 1 ? location.column + column - 1 : column)
        return TemplateError(message: words, location: at)
    }

    /// Length of the content-type tag put before every template.
    /// Put before every source: the templates are text, never HTML-escaped.
    static let prefix = "{{% CONTENT_TYPE: TEXT}}"
    static let prefixLength = prefix.count

    /// Where a Character offset of `source` is, for a template that starts at `start`.
    static func location(of offset: Int, in source: String, from start: SourceLocation) -> SourceLocation {
        let (line, column) = TemplateShape.lineAndColumn(of: offset, in: source)
        return SourceLocation(path: start.path, line: start.line + line - 1, column: line == 1 ? start.column + column - 1 : column)
    }

    /// Renders with `variables` (flat names, dots allowed) and partials from `library`.
    public func render(_ variables: [String: Value], library: PromptLibrary? = nil) -> String {
        if isPlain { return source }
        guard let mustache = parsed.value else { return source }
        // Converting every session variable into a Mustache context on every render was most of an
        // engine step; only the variables this template (and its partials) can reach are converted.
        var used = roots
        if used != nil, !partials.isEmpty {
            guard let library else { return mustache.render(TemplateContext.make(variables), library: nil) }
            var seen: Set<String> = []
            used = library.roots(of: partials, seen: &seen).map { $0.union(roots ?? []) }
        }
        // The library is only for partials: a template that includes none (and says so: its
        // delimiters are the usual ones) is rendered without making it.
        let needsLibrary = roots == nil || !partials.isEmpty
        return mustache.render(TemplateContext.make(variables, roots: used), library: needsLibrary ? library?.mustache.value : nil)
    }

    /// True when `text` contains `part`, comparing UTF-8 bytes (no Foundation on this path).
    private static func contains(_ text: String, _ part: String) -> Bool {
        let bytes = Array(text.utf8), needle = Array(part.utf8)
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    /// What each `{{…}}` tag names: a variable (for `name`, `#name`, `^name`, `&name`, `{name}`) or a
    /// partial (`> name`). Comments, closing tags and `.` name nothing. Scans UTF-8 bytes: this runs
    /// for every template at load.
    private static func tags(in source: String) -> [(name: String?, partial: String?)] {
        let bytes = Array(source.utf8)
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), space = UInt8(ascii: " ")
        var found: [(name: String?, partial: String?)] = []
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == open, bytes[index + 1] == open else {
                index += 1
                continue
            }
            var start = index + 2
            var end = start
            while end + 1 < bytes.count, !(bytes[end] == close && bytes[end + 1] == close) { end += 1 }
            guard end + 1 < bytes.count else { break }
            index = end + 2
            func trim() {
                while start < end, bytes[start] == space || bytes[start] == UInt8(ascii: "\t") { start += 1 }
                while end > start, bytes[end - 1] == space || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
            }
            trim()
            if start < end, bytes[start] == open {
                start += 1
                if end > start, bytes[end - 1] == close { end -= 1 }
            }
            guard start < end else { continue }
            let sigil = bytes[start]
            if sigil == UInt8(ascii: ">") {
                start += 1
                trim()
                found.append((nil, String(decoding: bytes[start..<end], as: UTF8.self)))
                continue
            }
            if sigil == UInt8(ascii: "#") || sigil == UInt8(ascii: "^") || sigil == UInt8(ascii: "&") {
                start += 1
            } else if "/!%=".utf8.contains(sigil) {
                continue
            }
            trim()
            let name = String(decoding: bytes[start..<end], as: UTF8.self)
            if !name.isEmpty, name != "." { found.append((name, nil)) }
        }
        return found
    }

    /// Names referenced by `{{name}}`, `{{#name}}`, `{{^name}}` tags (for the validator).
    public var referencedNames: [String] {
        Template.tags(in: source).compactMap(\.name)
    }
}

/// A problem parsing a template.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation
    public var description: String { "\(location): error: \(message)" }
}

/// The templates of `prompts/`, by name (path without extension, e.g. `career/summary`).
public struct PromptLibrary: Sendable {
    /// Parsed templates by name.
    public private(set) var templates: [String: Template] = [:]
    /// Every template registered as a partial, made the first time a template that includes one
    /// is rendered.
    fileprivate var mustache = DeferredValue<MustacheLibrary>(MustacheLibrary())

    public init() {}

    /// Adds a template under `name`, also making it available as a partial (`{{> name}}`).
    public mutating func add(_ template: Template, named name: String) throws(TemplateError) {
        templates[name] = template
        mustache = Self.library(of: templates)
    }

    /// The Mustache library of `templates`, made when first asked for (the parsed forms are
    /// registered, so nothing is parsed twice).
    private static func library(of templates: [String: Template]) -> DeferredValue<MustacheLibrary> {
        DeferredValue(deferred: {
            var library = MustacheLibrary()
            for (name, template) in templates {
                if let parsed = template.parsed.value { library.register(parsed, named: name) }
            }
            return library
        })
    }

    /// A problem with the partials of a template, found once every template is added.
    public struct PartialProblem: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// It includes a template that does not exist.
            case unknown(String)
            /// It includes itself, directly or through others: the names along the cycle.
            case cycle([String])
            /// Sections and partials nest deeper than `Template.maxDepth` from here.
            case tooDeep(Int)
            /// It includes a template that has one of the problems above.
            case includesBroken(String)
        }

        /// The template with the problem.
        public var template: String
        /// The partial tag the problem is at, when it is at one.
        public var partial: TemplateShape.Partial?
        public var kind: Kind
    }

    /// Checks every template's partials: each must exist, none may include itself (directly or
    /// through others), and sections nest at most `Template.maxDepth` deep through them. Templates
    /// with a problem, and every template that includes one, are removed, so nothing can render
    /// them (an unknown partial would render as nothing, a cycle would recurse without end).
    /// Whether including `from` renders `target` (itself, or through its partials).
    func reaches(_ from: String, _ target: String) -> Bool {
        var seen: Set<String> = []
        var stack = [from]
        while let next = stack.popLast() {
            if next == target { return true }
            guard seen.insert(next).inserted, let template = templates[next] else { continue }
            stack += template.shape.partials.map(\.name)
        }
        return false
    }

    /// A partial inside a parent's block (`{{< p}}{{$b}}{{> x}}{{/b}}{{/p}}`) that includes the parent
    /// again, which would render without end; nil when `template` (an inline text) has none.
    public func selfInclusion(in template: Template) -> TemplateShape.Partial? {
        template.shape.partials.first { partial in partial.insideParent.map { reaches(partial.name, $0) } ?? false }
    }

    public mutating func checkPartials() -> [PartialProblem] {
        var problems: [PartialProblem] = []
        var broken: Set<String> = []
        // Depth through partials, for templates already measured; nil while being visited.
        var measured: [String: Int?] = [:]
        var path: [String] = []


        func visit(_ name: String) -> Int {
            if let known = measured[name] { return known ?? 0 }
            guard let template = templates[name] else { return 0 }
            measured[name] = .some(nil)
            path.append(name)
            defer { path.removeLast() }
            var depth = template.shape.depth
            for partial in template.shape.partials {
                guard templates[partial.name] != nil else {
                    problems.append(PartialProblem(template: name, partial: partial, kind: .unknown(partial.name)))
                    broken.insert(name)
                    continue
                }
                // Inside a parent's block, including the parent (or anything that reaches it) renders
                // the block again within itself.
                if let parent = partial.insideParent, reaches(partial.name, parent) {
                    problems.append(PartialProblem(template: name, partial: partial, kind: .cycle([parent, partial.name] + (partial.name == parent ? [] : [parent]))))
                    broken.insert(name)
                    continue
                }
                if case .some(.none) = measured[partial.name] {
                    let start = path.lastIndex(of: partial.name) ?? 0
                    problems.append(PartialProblem(template: name, partial: partial, kind: .cycle(Array(path[start...]) + [partial.name])))
                    broken.formUnion(path[start...])
                    continue
                }
                depth = max(depth, partial.depth + 1 + visit(partial.name))
            }
            measured[name] = .some(depth)
            return depth
        }

        for name in templates.keys.sorted() { _ = visit(name) }
        // Reported at the outermost templates that nest too deep (whatever includes one is deeper still).
        let tooDeep = Set(templates.keys.filter { name in (measured[name] ?? nil).map { $0 > Template.maxDepth } ?? false })
        let includedByTooDeep = Set(tooDeep.flatMap { templates[$0]?.shape.partials.map(\.name) ?? [] })
        for name in tooDeep.sorted() where !includedByTooDeep.contains(name) {
            problems.append(PartialProblem(template: name, partial: nil, kind: .tooDeep((measured[name] ?? nil) ?? 0)))
        }
        broken.formUnion(tooDeep)
        // Whatever includes a broken template is broken too, until nothing changes.
        var changed = true
        while changed {
            changed = false
            for (name, template) in templates where !broken.contains(name) {
                if let partial = template.shape.partials.first(where: { broken.contains($0.name) }) {
                    broken.insert(name)
                    problems.append(PartialProblem(template: name, partial: partial, kind: .includesBroken(partial.name)))
                    changed = true
                }
            }
        }
        if !broken.isEmpty {
            for name in broken { templates[name] = nil }
            // The Mustache library has no way to take a template out: build it again from the rest.
            mustache = Self.library(of: templates)
        }
        return problems.sorted { ($0.template, $0.partial?.offset ?? -1) < ($1.template, $1.partial?.offset ?? -1) }
    }

    /// The variable roots the named templates use, partials included; nil when one of them cannot
    /// say (changed delimiters) or is missing.
    fileprivate func roots(of names: [String], seen: inout Set<String>) -> Set<Substring>? {
        var all: Set<Substring> = []
        for name in names where seen.insert(name).inserted {
            guard let template = templates[name], let own = template.roots else { return nil }
            all.formUnion(own)
            guard let nested = roots(of: template.partials, seen: &seen) else { return nil }
            all.formUnion(nested)
        }
        return all
    }

    /// Renders the template `name`, or nil when there is none.
    public func render(_ name: String, _ variables: [String: Value]) -> String? {
        templates[name]?.render(variables, library: self)
    }
}

/// Builds a Mustache context from flat, dotted variable names.
enum TemplateContext {
    /// The context of `variables`; with `roots`, only of the variables whose first name part is one of them.
    ///
    /// Dotted names become nested dictionaries (`exposure.band` → `exposure` → `band`); a name that
    /// is also the start of a longer one is shadowed by it. The tree is built once and converted at
    /// the end: rebuilding a nested dictionary for every dotted name made renders quadratic.
    static func make(_ variables: [String: Value], roots: Set<Substring>? = nil) -> [String: Any] {
        let tree = Branch()
        for (name, value) in variables {
            if let roots, !roots.contains(Self.root(of: name)) { continue }
            var node = tree
            var rest = name[...]
            while let dot = rest.utf8.firstIndex(of: UInt8(ascii: ".")) {
                let head = rest[..<dot]
                if !head.isEmpty { node = node.child(String(head)) }
                rest = rest[rest.utf8.index(after: dot)...]
            }
            if !rest.isEmpty {
                node.child(String(rest)).value = convert(value)
            } else if node !== tree {
                node.value = convert(value)
            }
        }
        return tree.dictionary
    }

    /// The part of a dotted name before its first dot (`exposure` of `exposure.band`), without copying.
    static func root(of name: String) -> Substring {
        guard let dot = name.utf8.firstIndex(of: UInt8(ascii: ".")) else { return name[...] }
        return name[..<dot]
    }

    /// One level of the context while it is built.
    private final class Branch {
        var value: Any?
        var children: [String: Branch] = [:]

        func child(_ name: String) -> Branch {
            if let existing = children[name] { return existing }
            let made = Branch()
            children[name] = made
            return made
        }

        var dictionary: [String: Any] {
            var result: [String: Any] = [:]
            result.reserveCapacity(children.count)
            for (name, branch) in children {
                result[name] = branch.children.isEmpty ? branch.value ?? TemplateScalar(text: "", isNull: true) : branch.dictionary
            }
            return result
        }
    }

    /// As documented for authors (docs/format.md): `{{name}}` shows numbers without needless
    /// decimals, lists joined with ", " and nothing for null; `{{#name}}` skips null, false, 0, empty
    /// text and empty lists, and repeats over a list's items.
    static func convert(_ value: Value) -> Any {
        switch value {
        case .null: return TemplateScalar(text: "", isNull: true)
        case .bool(let b): return b
        case .number(let n): return TemplateScalar(text: value.text, isNull: n == 0 || n.isNaN)
        case .string(let s): return TemplateScalar(text: s, isNull: s.isEmpty)
        case .list(let l): return TemplateList(items: l.map(convert), text: value.text)
        }
    }
}

/// A number, text or null in a template context: renders as its text, counts as empty when it is.
struct TemplateScalar: MustacheCustomRenderable, CustomStringConvertible {
    let text: String
    let isNull: Bool
    var renderText: String { text }
    var description: String { text }
}

/// A list in a template: iterated by sections (`{{#tasks}}…{{/tasks}}`), joined by ", " when
/// interpolated (`{{tasks}}`), instead of Swift's array description.
struct TemplateList: MustacheSequence, MustacheCustomRenderable, CustomStringConvertible {
    let items: [Any]
    let text: String
    var renderText: String { text }
    var isNull: Bool { items.isEmpty }
    var description: String { text }
    func makeIterator() -> IndexingIterator<[Any]> { items.makeIterator() }
}
