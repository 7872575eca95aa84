/// What every script loader (flows, group exercises, rule sets, the safety net, the task
/// classifier, the assessment block) reads YAML with: diagnostics carrying the source line, typed
/// values with one set of limits, and key checks. Each loader keeps its own wording for messages
/// (what it calls a value), so a file's errors read as they always have.
struct YAMLReader {
    let file: SourceFile
    /// The file's lines, split on the first diagnostic that needs them: splitting a large file
    /// (the classifier's 265 KB) costs more than loading it.
    private var source: SourceText?
    var diagnostics: [Diagnostic] = []

    /// Largest whole number (either sign) a script may write: no count, rank, scale end, minute
    /// count or weight comes near it, and sums and products of a few of them stay exact in a
    /// `Double` and far inside `Int`, so `1e12`-style typos are refused rather than carried.
    static let maxWholeNumber = 1_000_000

    init(file: SourceFile) {
        self.file = file
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    // MARK: Diagnostics

    mutating func error(_ location: SourceLocation, _ message: String) {
        report(.error, location, message)
    }

    mutating func error(_ node: YAMLNode, _ message: String) { report(.error, node.location, message) }

    mutating func warning(_ node: YAMLNode, _ message: String) { report(.warning, node.location, message) }

    /// An error at the character `offset` into `node`'s value (exact where `SourceText` can place it).
    mutating func error(_ node: YAMLNode, offset: Int, _ message: String) {
        error(location(ofOffset: offset, in: node), message)
    }

    /// Where the character `offset` into `node`'s value sits in the file (see `SourceText`).
    mutating func location(ofOffset offset: Int, in node: YAMLNode) -> SourceLocation {
        lines().location(ofOffset: offset, in: node)
    }

    private mutating func report(_ severity: Diagnostic.Severity, _ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(severity, location, message, sourceLine: lines().line(location.line)))
    }

    private mutating func lines() -> SourceText {
        if let source { return source }
        let made = SourceText(file)
        source = made
        return made
    }

    // MARK: Values

    /// The node's text when it is a scalar and not null; otherwise reports `message`.
    mutating func text(_ node: YAMLNode, else message: @autoclosure () -> String) -> String? {
        if let s = node.scalar, !node.isNull { return s }
        error(node, message())
        return nil
    }

    /// The node as a whole number within `maxWholeNumber` (and at least `minimum`); otherwise reports `message`.
    mutating func wholeNumber(_ node: YAMLNode, minimum: Int = -maxWholeNumber,
                              else message: @autoclosure () -> String) -> Int? {
        if let n = node.wholeNumber, n >= minimum { return n }
        error(node, message())
        return nil
    }

    mutating func list(_ node: YAMLNode, else message: @autoclosure () -> String) -> [YAMLNode]? {
        if let items = node.sequenceItems { return items }
        error(node, message())
        return nil
    }

    mutating func mapping(_ node: YAMLNode, else message: @autoclosure () -> String) -> [(key: YAMLNode, value: YAMLNode)]? {
        if let pairs = node.mappingPairs { return pairs }
        error(node, message())
        return nil
    }

    /// Reports each key of `pairs` outside `allowed`, with `message` for its name. A key that is not
    /// a scalar gets `notAKey` when given, else counts as the name "".
    mutating func checkKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)], allowed: some Collection<String>,
                            notAKey: ((YAMLNode) -> String)? = nil, _ message: (String) -> String) {
        for (key, _) in pairs {
            if key.scalar == nil, let notAKey {
                error(key, notAKey(key))
                continue
            }
            let name = key.scalar ?? ""
            if !allowed.contains(name) { error(key, message(name)) }
        }
    }

    /// "'abc'", "nothing", "a list" or "a mapping", for messages.
    static func describe(_ node: YAMLNode) -> String {
        if node.isNull { return "nothing" }
        if let s = node.scalar { return "'\(s)'" }
        return node.kindName
    }
}

extension YAMLNode {
    /// The scalar as a whole number within `YAMLReader.maxWholeNumber`, when it is one.
    var wholeNumber: Int? {
        guard let n = number, n == n.rounded(), abs(n) <= Double(YAMLReader.maxWholeNumber) else { return nil }
        return Int(n)
    }
}
