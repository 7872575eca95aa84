import GroundworkCore

/// Every fuzz target, by name. The bundled rule sets are read once from `dialogues/rules`.
enum Targets {
    static func all(bundledRules: [SourceFile]) -> [FuzzTarget] {
        [yaml, expression, rules(bundled: bundledRules)]
    }

    /// The YAML loader and validator: a whole script file through `ScriptLibrary.load`.
    static let yaml = FuzzTarget(
        name: "yaml",
        dictionary: ["id: ", "title: ", "start: ", "nodes:\n", "keywords:\n", "kind: task-classifier\n", "  ", "    ", "- ",
                     ": ", "{", "}", "[", "]", "&a ", "*a", "<<: ", "!!str ", "|\n", ">-\n", "\"", "'", "#", "---\n", "...\n",
                     "say: ", "ask: ", "input: ", "next: ", "save: ", "branch:\n", "if: ", "else: ", "goto: ", "loop: ",
                     "while: ", "do: ", "max: ", "counter: ", "call: ", "end: ", "set: ", "reflect: ", "variables:\n",
                     "type: ", "default: ", "scores:\n", "summary: ", "next_steps:\n", "step: ", "prompt: ", "choice:\n",
                     "multi: ", "scale: ", "number: ", "yesno", "text", "min: ", "max: ", "labels: ", "options: ",
                     "reask: ", "max_reasks: ", "on_give_up: ", "help: ", "skippable: ", "{{", "}}", "{{> ", "{{#",
                     "word: ", "rank: ", "patterns:\n", "match: ", "replies:\n", "memory: ", "group: ", "synonyms:\n",
                     "substitutions:\n", "reflections:\n", "fallback: ", "next_keyword: true", "@", "*", "_", "(a|b)", "{1}",
                     "len(", "round(", " and ", " or ", "not ", " >= ", "null", "true", "~", "1e400", "0x1F", ".inf"],
        maxLength: 8_192,
        run: { bytes in
            let file = SourceFile(path: "fuzz.yaml", text: FuzzTarget.text(bytes))
            let prompt = (name: "p", file: SourceFile(path: "prompts/p.mustache", text: "Hello {{name}}."))
            let (library, diagnostics) = ScriptLibrary.load(scripts: [file], prompts: [prompt])
            var features: [String] = []
            for diagnostic in diagnostics {
                precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1,
                             "diagnostic outside the file: \(diagnostic)")
                _ = diagnostic.rendered
                features.append(FuzzTarget.feature(diagnostic.message))
            }
            features += library.flows.values.map { "flow with \($0.nodes.count) nodes" }
            features += library.ruleSets.values.map { "rule set with \($0.keywordCount) keywords" }
            return features
        })

    /// The expression parser, and the evaluator on whatever parses.
    static let expression = FuzzTarget(
        name: "expression",
        dictionary: ["(", ")", "[", "]", ",", "+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=", " and ", " or ", "not ",
                     "len(", "sum(", "min(", "max(", "contains(", "round(", "true", "false", "null", "'a'", "\"b\"",
                     "x", "n", "s", "l", "exposure.beta", "0", "1.5", "1e308", "-1e308", "0.0", "1e-320", "'", "\""],
        maxLength: 4_200,
        run: { bytes in
            let source = FuzzTarget.text(bytes)
            let expression: Expression
            do throws(ExpressionError) {
                expression = try Expression.parse(source)
            } catch {
                return ["parse: " + FuzzTarget.feature(error.message)]
            }
            _ = expression.variables
            let variables: [String: Value] = [
                "x": .number(3), "n": .number(-0.5), "s": .string("Some Text"), "l": .list([.number(1), .string("a"), .null]),
                "exposure.beta": .number(0.42), "big": .number(1e308), "empty": .list([]), "flag": .bool(true),
            ]
            do throws(EvaluationError) {
                let value = try expression.evaluate { variables[$0] }
                _ = value.text
                _ = value.isTruthy
                return ["value: \(value.kindName)"]
            } catch {
                return ["evaluate: " + FuzzTarget.feature(error.message)]
            }
        })

    /// The rule-set matcher. Three shapes of input, chosen by how the input starts:
    /// `pattern: <p>` then lines (one keyword with that pattern); a rule set, a `%%` line, then
    /// lines; or plain lines answered by the bundled rule sets.
    static func rules(bundled: [SourceFile]) -> FuzzTarget {
        let (library, _) = ScriptLibrary.load(scripts: bundled, prompts: [])
        let bundledSets = library.ruleSets.keys.sorted().compactMap { library.ruleSets[$0] }
        return FuzzTarget(
            name: "rules",
            dictionary: ["pattern: ", "\n%%\n", "\n", "* ", "_ ", "(", "|", ")", "@family ", "@", "i ", "my ", "me ", "you ",
                         "remember ", "dream ", "mother ", "because ", "but ", ", ", ". ", "? ", "! ", "; ", "don't ",
                         "i'm ", "always ", "sad ", "kill ", "hurt ", "work ", "x ", "{1}", "{2}", "{9}"],
            maxLength: 4_096,
            run: { bytes in
                let text = FuzzTarget.text(bytes)
                var sets: [RuleSet] = []
                var lines: [Substring]
                var bundledMode = false
                if text.hasPrefix("pattern: ") {
                    let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
                    let pattern = String(firstLine[0].dropFirst("pattern: ".count))
                    lines = firstLine.count > 1 ? firstLine[1].split(separator: "\n", omittingEmptySubsequences: false) : []
                    if let set = ruleSet(withPattern: pattern) { sets = [set] } else { return ["pattern refused"] }
                } else if let split = text.range(of: "\n%%\n") {
                    let file = SourceFile(path: "fuzz.yaml", text: String(text[..<split.lowerBound]))
                    let (loaded, diagnostics) = ScriptLibrary.load(scripts: [file], prompts: [])
                    sets = Array(loaded.ruleSets.values)
                    lines = text[split.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
                    if sets.isEmpty { return diagnostics.map { "rule set: " + FuzzTarget.feature($0.message) } }
                } else {
                    sets = bundledSets
                    bundledMode = true
                    lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                }
                var features: [String] = []
                for set in sets {
                    var memory = ListenerMemory()
                    for line in lines {
                        let reply = set.respond(to: String(line), memory: &memory)
                        precondition(!bundledMode || !reply.text.isEmpty, "empty reply from '\(set.id)' to '\(line)'")
                        features.append("\(set.id) \(reply.keyword ?? "-") \(reply.isFallback)")
                    }
                }
                return features
            })
    }

    /// A one-keyword rule set around `pattern`, keyed on its first plain word; nil when it does not load.
    static func ruleSet(withPattern pattern: String) -> RuleSet? {
        let word = pattern.split(separator: " ").first { $0.allSatisfy { $0.isLetter } }.map(String.init) ?? "x"
        let quoted = "'" + pattern.replacingOccurrences(of: "'", with: "''") + "'"
        for reply in ["'{1} and {2}'", "'{1}'", "'ok'"] {
            let yaml = """
                id: fuzz
                keywords:
                  - word: '\(word.replacingOccurrences(of: "'", with: "''"))'
                    patterns:
                      - match: \(quoted)
                        replies: [\(reply)]
                fallback: ['go on']
                """
            let (library, _) = ScriptLibrary.load(scripts: [SourceFile(path: "fuzz.yaml", text: yaml)], prompts: [])
            if let set = library.ruleSets["fuzz"] { return set }
        }
        return nil
    }
}

extension Value {
    /// The kind of value, for features.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .number(let n): return n.isFinite ? "number" : "non-finite number"
        case .string: return "string"
        case .list: return "list"
        }
    }
}
