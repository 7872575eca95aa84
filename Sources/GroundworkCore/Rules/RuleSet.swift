/// A compiled reflective-listening rule set (see docs/format.md): keyword-indexed tables built once.
///
/// PLACEHOLDER API — the Rules work replaces the body; keep these signatures.
public struct RuleSet: Sendable {
    public var id: String
    public var location: SourceLocation

    /// Answers one line. Memory (rotation, stored remarks) is read and updated in `memory`.
    public func respond(to line: String, memory: inout ListenerMemory) -> RuleReply {
        RuleReply(text: "Please go on.", keyword: nil, explanation: "fallback", isFallback: true)
    }
}

extension RuleSet {
    /// Builds a rule set from a parsed YAML file, appending problems to `diagnostics`.
    ///
    /// PLACEHOLDER — replaced by the Rules work.
    static func load(_ root: YAMLNode, file: SourceFile, diagnostics: inout [Diagnostic]) -> RuleSet? {
        nil
    }
}
