/// A flow as loaded, with the positions the validator needs and the runtime model does not keep.
struct LoadedFlow: Sendable {
    /// A name written somewhere in the file: a node, flow, rule set or prompt it refers to.
    struct Reference: Sendable {
        var name: String
        var location: SourceLocation
    }

    /// A variable read by an expression or an inline template.
    struct Use: Sendable {
        var name: String
        var location: SourceLocation
    }

    var flow: Flow
    var file: SourceFile
    /// Where the id is written (the file's start when it is missing).
    var idLocation: SourceLocation
    /// True when the file declared an id, so other files may refer to it.
    var hasID: Bool
    /// Every reference to a node of this flow (start, next, goto, else, on_give_up, option next, loop do).
    var nodeReferences: [Reference] = []
    /// `call` targets, each with the node that calls.
    var calls: [(node: String, target: Reference)] = []
    /// `reflect` rule sets.
    var ruleSetReferences: [Reference] = []
    /// `{prompt: name}` references.
    var promptReferences: [Reference] = []
    /// Inline templates, for the checks that need the prompt library (a parent's block that includes the parent).
    var inlineTemplates: [Template] = []
    /// Names read by expressions and inline templates.
    var uses: [Use] = []
    /// Names given a value: declared, saved, set, loop counters, scores, reflect saves.
    var defined: Set<String> = []
    /// Where each node's id is written.
    var nodeLocations: [String: SourceLocation] = [:]
    /// Where each loop's `do:` value is written, by loop node id.
    var loopBodyLocations: [String: SourceLocation] = [:]
}
