/// All loaded, validated scripts: flows, rule sets and prompt templates.
///
/// PLACEHOLDER API — the loader work replaces the body; keep these signatures.
public struct ScriptLibrary: Sendable {
    public var flows: [String: Flow]
    public var ruleSets: [String: RuleSet]
    public var prompts: PromptLibrary

    public init(flows: [String: Flow] = [:], ruleSets: [String: RuleSet] = [:], prompts: PromptLibrary = PromptLibrary()) {
        self.flows = flows
        self.ruleSets = ruleSets
        self.prompts = prompts
    }

    /// Loads and validates scripts (`.yaml`) and templates (`.mustache`, named by their path under
    /// the prompts folder without extension). Returns the library and every diagnostic; callers must
    /// not run a library when any diagnostic is an error.
    public static func load(scripts: [SourceFile], prompts: [(name: String, file: SourceFile)]) -> (ScriptLibrary, [Diagnostic]) {
        (ScriptLibrary(), [])
    }
}
