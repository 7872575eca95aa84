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
    private let mustache: MustacheTemplate

    /// Parses `source`; throws `TemplateError` with the position of the problem.
    public init(_ source: String, location: SourceLocation) throws(TemplateError) {
        self.source = source
        self.location = location
        do {
            self.mustache = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + source)
        } catch {
            throw TemplateError(message: "bad template: \(error)", location: location)
        }
    }

    /// True when the text has no `{{`, so rendering can be skipped.
    public var isPlain: Bool { !source.contains("{{") }

    /// Renders with `variables` (flat names, dots allowed) and partials from `library`.
    public func render(_ variables: [String: Value], library: PromptLibrary? = nil) -> String {
        if isPlain { return source }
        return mustache.render(TemplateContext.make(variables), library: library?.mustache)
    }

    /// Names referenced by `{{name}}`, `{{#name}}`, `{{^name}}` tags (for the validator).
    public var referencedNames: [String] {
        var names: [String] = []
        var rest = source[...]
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            var tag = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if tag.hasPrefix("{") { tag.removeFirst(); if tag.hasSuffix("}") { tag.removeLast() } }
            if let first = tag.first, "#^&".contains(first) { tag.removeFirst() }
            else if let first = tag.first, "/!>%=".contains(first) { continue }
            tag = tag.trimmingCharacters(in: .whitespaces)
            if !tag.isEmpty, tag != "." { names.append(tag) }
        }
        return names
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
    fileprivate var mustache = MustacheLibrary()

    public init() {}

    /// Adds a template under `name`, also making it available as a partial (`{{> name}}`).
    public mutating func add(_ template: Template, named name: String) throws(TemplateError) {
        templates[name] = template
        do {
            try mustache.register("{{% CONTENT_TYPE: TEXT}}" + template.source, named: name)
        } catch {
            throw TemplateError(message: "bad template '\(name)': \(error)", location: template.location)
        }
    }

    /// Renders the template `name`, or nil when there is none.
    public func render(_ name: String, _ variables: [String: Value]) -> String? {
        templates[name]?.render(variables, library: self)
    }
}

/// Builds a Mustache context from flat, dotted variable names.
enum TemplateContext {
    static func make(_ variables: [String: Value]) -> [String: Any] {
        var root: [String: Any] = [:]
        for (name, value) in variables {
            insert(value: convert(value), path: name.split(separator: ".").map(String.init)[...], into: &root)
        }
        return root
    }

    private static func insert(value: Any, path: ArraySlice<String>, into dict: inout [String: Any]) {
        guard let head = path.first else { return }
        if path.count == 1 {
            if dict[head] == nil { dict[head] = value }
            return
        }
        var child = dict[head] as? [String: Any] ?? [:]
        insert(value: value, path: path.dropFirst(), into: &child)
        dict[head] = child
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
