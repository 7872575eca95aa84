@testable import GroundworkCore

/// Loads `files` (path, text) with `prompts` and returns every diagnostic as `path:line:column: severity: message`.
func lint(_ files: [(String, String)], prompts: [String] = []) -> [String] {
    let scripts = files.map { SourceFile(path: $0.0, text: $0.1) }
    let templates = prompts.map { (name: $0, file: SourceFile(path: "prompts/\($0).mustache", text: "Text for \($0).")) }
    return ScriptLibrary.load(scripts: scripts, prompts: templates).1.map(\.description)
}

/// Loads one flow file `f.yaml`.
func lint(_ yaml: String, prompts: [String] = []) -> [String] {
    lint([("f.yaml", yaml)], prompts: prompts)
}

/// A small rule set in the documented spelling, for flows that `reflect`.
let listeningRuleSet = """
    id: listening
    keywords:
      - word: remember
        rank: 5
        patterns:
          - match: "* i remember *"
            replies: ["Do you often think of {2}?"]
    fallback: ["Please go on."]
    """
