import Yams

/// A YAML node with its position, decoupled from Yams so loaders stay small and testable.
struct YAMLNode: Sendable {
    enum Kind: Sendable {
        /// A scalar with its text and whether it was quoted (quoted scalars are always strings).
        case scalar(String, quoted: Bool)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    var kind: Kind
    var location: SourceLocation

    /// The scalar's text, if this is a scalar.
    var scalar: String? {
        if case .scalar(let s, _) = kind { return s }
        return nil
    }

    /// True for a plain (unquoted) `null`, `~` or empty scalar.
    var isNull: Bool {
        if case .scalar(let s, let quoted) = kind, !quoted { return s.isEmpty || s == "~" || s == "null" }
        return false
    }

    var mappingPairs: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let m) = kind { return m }
        return nil
    }

    var sequenceItems: [YAMLNode]? {
        if case .sequence(let s) = kind { return s }
        return nil
    }

    /// Human word for the node's kind, for messages ("expected a list, found a mapping").
    var kindName: String {
        switch kind {
        case .scalar: return "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// The value under `key` in a mapping.
    subscript(key: String) -> YAMLNode? {
        mappingPairs?.first(where: { $0.key.scalar == key })?.value
    }

    /// The scalar as a number, when it is an unquoted number.
    var number: Double? {
        guard case .scalar(let s, let quoted) = kind, !quoted else { return nil }
        return Double(s.replacingOccurrences(of: "_", with: ""))
    }

    /// The scalar as a boolean, when it is an unquoted YAML boolean.
    var bool: Bool? {
        guard case .scalar(let s, let quoted) = kind, !quoted else { return nil }
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }
}

/// Parses YAML text into `YAMLNode`s, turning Yams errors into diagnostics.
enum YAMLParser {
    /// Largest script file accepted; bigger files are refused before parsing.
    static let maxBytes = 2_000_000
    /// Deepest nesting accepted, so hostile files cannot exhaust the stack.
    static let maxDepth = 64
    /// Most nodes accepted in one file (alias expansion included).
    static let maxNodes = 200_000

    /// Parses `file`; on failure appends a diagnostic and returns nil.
    static func parse(_ file: SourceFile, diagnostics: inout [Diagnostic]) -> YAMLNode? {
        // Split into lines only when a diagnostic needs them: splitting by Character costs more
        // than parsing on large files.
        func splitLines() -> [Substring] { file.text.split(separator: "\n", omittingEmptySubsequences: false) }
        func sourceLine(_ line: Int, in lines: [Substring]) -> String? {
            line >= 1 && line <= lines.count ? String(lines[line - 1]) : nil
        }
        if file.text.utf8.count > maxBytes {
            diagnostics.append(Diagnostic(.error, SourceLocation(path: file.path, line: 1, column: 1),
                                          "file is too large (\(file.text.utf8.count) bytes; the limit is \(maxBytes))"))
            return nil
        }
        // The parser lives until conversion ends: nodes hold their anchors weakly, and meeting an
        // anchored node twice is how an alias (which Yams resolves to its node) is recognised.
        let parser: Yams.Parser
        let root: Yams.Node?
        do {
            // The basic resolver leaves every scalar a string: the loader reads scalars as text and
            // types them itself, and the default resolver's regular expressions cost a third of a load.
            parser = try Yams.Parser(yaml: file.text, resolver: .basic)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            let lines = splitLines()
            let (line, column, problem) = describe(error, lines: lines)
            diagnostics.append(Diagnostic(.error, SourceLocation(path: file.path, line: line, column: column),
                                          "yaml: \(problem)", sourceLine: sourceLine(line, in: lines)))
            return nil
        } catch {
            diagnostics.append(Diagnostic(.error, SourceLocation(path: file.path, line: 1, column: 1),
                                          "yaml: \(error)"))
            return nil
        }
        guard let root else {
            diagnostics.append(Diagnostic(.error, SourceLocation(path: file.path, line: 1, column: 1), "file is empty"))
            return nil
        }
        var budget = Budget()
        let node = withExtendedLifetime(parser) {
            convert(root, path: file.path, depth: 0, budget: &budget)
        }
        if let failure = budget.failure {
            diagnostics.append(Diagnostic(.error, failure.location, failure.message, sourceLine: sourceLine(failure.location.line, in: splitLines())))
            return nil
        }
        return node
    }

    /// What conversion has spent so far, and the first limit it hit.
    private struct Budget {
        var count = 0
        var anchorsSeen: Set<ObjectIdentifier> = []
        /// Whether some node came from an alias, which makes a hostile file ("billion laughs") explain itself.
        var aliasExpanded = false
        var failure: (message: String, location: SourceLocation)?
    }

    private static func convert(_ node: Yams.Node, path: String, depth: Int, budget: inout Budget) -> YAMLNode {
        let mark = node.mark
        let location = SourceLocation(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
        let empty = YAMLNode(kind: .scalar("", quoted: false), location: location)
        budget.count += 1
        if budget.failure != nil { return empty }
        if let anchor = node.anchor, !budget.anchorsSeen.insert(ObjectIdentifier(anchor)).inserted {
            budget.aliasExpanded = true
        }
        if depth > maxDepth {
            budget.failure = ("nesting is too deep (more than \(maxDepth) levels)", location)
            return empty
        }
        if budget.count > maxNodes {
            budget.failure = (budget.aliasExpanded ? "yaml aliases expand to more than \(maxNodes) nodes"
                                                   : "file has too many nodes (more than \(maxNodes))", location)
            return empty
        }
        switch node {
        case .scalar(let s):
            return YAMLNode(kind: .scalar(s.string, quoted: s.style != .plain), location: location)
        case .mapping(let m):
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            for (k, v) in m {
                pairs.append((convert(k, path: path, depth: depth + 1, budget: &budget),
                              convert(v, path: path, depth: depth + 1, budget: &budget)))
            }
            return YAMLNode(kind: .mapping(pairs), location: location)
        case .sequence(let s):
            return YAMLNode(kind: .sequence(s.map { convert($0, path: path, depth: depth + 1, budget: &budget) }), location: location)
        case .alias(let alias):
            // Yams resolves aliases while composing; an unresolved one is not expected, and not read.
            budget.failure = ("yaml alias '*\(alias.anchor.rawValue)' could not be resolved", location)
            return empty
        }
    }

    private static func describe(_ error: YamlError, lines: [Substring]) -> (Int, Int, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml's own nesting limit names a C function; say it as the converter does.
            if problem.hasPrefix("Maximum nesting level") { return (mark.line, mark.column, "nesting is too deep (more than \(maxDepth) levels)") }
            guard let context else { return (mark.line, mark.column, problem) }
            // At the end of the file the problem's own position says little; where the unfinished
            // thing began (an open quote or bracket) does.
            let atEnd = problem.contains("end of stream")
            let line = atEnd ? context.mark.line : mark.line
            let column = atEnd ? context.mark.column : mark.column
            return (line, column, "\(problem) \(context.text)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let (line, column) = secondOccurrence(of: duplicates.first ?? "", after: context.mark, lines: lines)
            return (line, column, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        default:
            return (1, 1, "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable")
        }
    }

    /// Where `key` is written again at the same indentation as its first use at `first`, so the
    /// message points at the duplicate rather than the original; `first` when it cannot be found.
    private static func secondOccurrence(of key: String, after first: Mark, lines: [Substring]) -> (Int, Int) {
        let indent = first.column - 1
        var index = first.line // 0-based index of the line after the first use
        while index < lines.count {
            let line = lines[index]
            let leading = line.prefix(while: { $0 == " " }).count
            if leading < indent, !line.allSatisfy({ $0 == " " }) { break }
            if leading == indent {
                let rest = line.dropFirst(indent)
                if rest.hasPrefix(key), rest.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") {
                    return (index + 1, indent + 1)
                }
            }
            index += 1
        }
        return (first.line, first.column)
    }
}
