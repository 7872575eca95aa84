import Foundation
import GroundworkCore
import GroundworkStore

/// Every fuzz target, by name. The bundled rule sets are read once from `dialogues/rules`.
enum Targets {
    static func all(bundledRules: [SourceFile], prompts: [(name: String, file: SourceFile)], classifier: SourceFile?) -> [FuzzTarget] {
        [yaml(prompts: prompts), expression, rules(bundled: bundledRules), transcript, session, tasks(classifier), template]
    }

    /// Prompt templates (issue 12): up to four templates, `t0`…`t3`, separated by `%%` lines, so
    /// they can include each other. All go through the library's checks (nesting, cycles, unknown
    /// partials); whatever is left is rendered, also from an inline template that includes it. No
    /// input may crash or hang the parser or the renderer.
    static let template = FuzzTarget(
        name: "template",
        dictionary: ["{{", "}}", "{{{", "}}}", "{{#a}}", "{{/a}}", "{{^a}}", "{{/a}}", "{{$b}}", "{{/b}}", "{{> t0}}", "{{> t1}}",
                     "{{> t2}}", "{{> t3}}", "{{< t1}}", "{{/t1}}", "{{>*a}}", "{{=<% %>=}}", "<%", "%>", "<%#a%>", "<%/a%>",
                     "{{! c }}", "{{% CONTENT_TYPE: TEXT}}", "{{&a}}", "{{.}}", "{{a.b}}", "{{list}}", "{{#list}}", "{{/list}}",
                     "\n%%\n", "\n", " ", "\r\n", "é", "\u{301}"],
        maxLength: 8_192,
        run: { bytes in
            let parts = FuzzTarget.text(bytes).components(separatedBy: "\n%%\n").prefix(4)
            let prompts = parts.enumerated().map { (name: "t\($0.offset)", file: SourceFile(path: "prompts/t\($0.offset).mustache", text: $0.element)) }
            let (library, diagnostics) = ScriptLibrary.load(scripts: [], prompts: prompts)
            var features: [String] = []
            for diagnostic in diagnostics {
                precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "diagnostic outside the file: \(diagnostic)")
                features.append(FuzzTarget.feature(diagnostic.message))
            }
            let variables: [String: Value] = ["a": .bool(true), "b": .string("b"), "a.b": .number(2),
                                              "list": .list([.string("x"), .number(1), .null])]
            for name in library.prompts.templates.keys.sorted() {
                let text = library.prompts.render(name, variables) ?? ""
                features.append("rendered \(name) \(text.isEmpty)")
                do throws(TemplateError) {
                    let inline = try Template("{{#a}}[{{> \(name)}}]{{/a}}", location: SourceLocation(path: "f.yaml", line: 1, column: 1))
                    _ = inline.render(variables, library: library.prompts)
                } catch {
                    preconditionFailure("an inline template around a checked partial failed: \(error)")
                }
            }
            // The first part as an inline template too (as in a flow's text), rendered with the library.
            do throws(TemplateError) {
                let inline = try Template(parts.first ?? "", location: SourceLocation(path: "f.yaml", line: 3, column: 8))
                // As the script library refuses a flow whose text would include a parent in its own block.
                if library.prompts.selfInclusion(in: inline) != nil {
                    features.append("inline: includes its parent")
                } else {
                    _ = inline.render(variables, library: library.prompts)
                    features.append("inline parsed")
                }
            } catch {
                precondition(error.location.line >= 3, "inline template error outside it: \(error)")
                features.append("inline: " + FuzzTarget.feature(error.message))
            }
            return features
        })

    /// A small 'listening' rule set loaded beside every fuzzed file, so flows that reflect can run.
    static let companionRules = SourceFile(path: "listening.yaml", text: """
        id: listening
        reflections: {i: you, my: your}
        keywords:
          - word: remember
            patterns:
              - match: "* i remember *"
                replies: ["Do you often think of {2}?", "Go on."]
        fallback: ["Please go on."]
        """)

    /// Answers fed to every flow that loads, in turn: a bit of every input kind, `/skip` and `/done`.
    static let answers: [Input] = [.line("yes"), .line("3"), .line("I remember my mother"), .line("1"), .line("a, b"), .skip,
                                   .line(""), .line("no"), .line("-1"), .line("Health"), .line("99999999999"), .finish]

    /// The YAML loader and validator: a whole script file through `ScriptLibrary.load`; every flow
    /// that loads is then run by the engine on a fixed round of answers, with `back` and `resume`.
    static func yaml(prompts: [(name: String, file: SourceFile)]) -> FuzzTarget { FuzzTarget(
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
            let (library, diagnostics) = ScriptLibrary.load(scripts: [file, companionRules], prompts: prompts + [prompt])
            var features: [String] = []
            for diagnostic in diagnostics {
                precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1,
                             "diagnostic outside the file: \(diagnostic)")
                _ = diagnostic.rendered
                features.append(FuzzTarget.feature(diagnostic.message))
            }
            features += library.ruleSets.values.map { "rule set with \($0.keywordCount) keywords" }
            let engine = Engine(library: library)
            for id in library.flows.keys.sorted() {
                features += run(engine, flow: id)
            }
            return features
        })
    }

    /// Runs one flow on `answers` until it ends; returns the kinds of events seen.
    static func run(_ engine: Engine, flow id: String) -> [String] {
        var features: [String] = []
        var step: Step
        do throws(EngineError) {
            step = try engine.start(flow: id, seed: 7, variables: ["user": .string("fuzz")])
        } catch {
            return ["start: " + FuzzTarget.feature(error.description)]
        }
        for answer in answers {
            guard step.state.status == .active, step.events.last != .end else { break }
            step = engine.step(step.state, answer)
            features += step.events.map(eventKind)
        }
        _ = engine.back(step.state)
        _ = engine.resume(step.state)
        features.append("status \(step.state.status)")
        return features
    }

    /// An event's case, for features.
    static func eventKind(_ event: Event) -> String {
        switch event {
        case .say: return "say"
        case .ask(let prompt): return "ask \(prompt.kind)"
        case .invalid: return "invalid"
        case .reflect: return "reflect"
        case .safety: return "safety"
        case .safetyCheck: return "safety check"
        case .notice(let text): return "notice " + FuzzTarget.feature(text)
        case .summary: return "summary"
        case .nextStep: return "next step"
        case .end: return "end"
        }
    }

    /// The bundled task classifier on random task descriptions, one a line.
    static func tasks(_ file: SourceFile?) -> FuzzTarget {
        var diagnostics: [Diagnostic] = []
        let classifier = file.flatMap { TaskClassifier.load($0, diagnostics: &diagnostics) }
        return FuzzTarget(
            name: "tasks",
            dictionary: ["write ", "report", "reports", "studies", "install ", "care for ", "patients", "the ", "and ", ", ",
                         "-", "ies", "ss", "us", "is", "é", "İ", "ß", "ﬁ", "\u{345}", "2024 "],
            maxLength: 4_096,
            run: { bytes in
                guard let classifier else { return [] }
                return FuzzTarget.text(bytes).split(separator: "\n", omittingEmptySubsequences: false).map { line in
                    let suggestion = classifier.classify(String(line))
                    precondition(!suggestion.reason.isEmpty, "no reason for '\(line)'")
                    return "\(suggestion.label) \(suggestion.matched == nil)"
                }
            })
    }

    /// The golden-transcript parser.
    static let transcript = FuzzTarget(
        name: "transcript",
        dictionary: ["# ", "flow: ", "rules: ", "seed: ", "user: ", "safety: ", "---\n", "> ", ">", "\n", "\r\n", "18446744073709551616",
                     "-1", "journal", "listening", "/skip", "/done", "/back", "/why"],
        maxLength: 4_096,
        run: { bytes in
            do throws(TranscriptError) {
                let parsed = try Transcript.parse(SourceFile(path: "fuzz.transcript", text: FuzzTarget.text(bytes)))
                precondition(parsed.turns.allSatisfy { $0.input.number >= 1 }, "a turn without a line number")
                return ["parsed \(parsed.turns.isEmpty ? "no turns" : "turns") \(parsed.opening.isEmpty)"]
            } catch {
                precondition(error.location.line >= 1, "transcript error outside the file: \(error)")
                return ["error: " + FuzzTarget.feature(error.message)]
            }
        })

    /// The session-file reader: JSON decode of `SessionRecord` (and older schemas). What decodes
    /// must encode and decode again to the same record, or a session could change on resave.
    static let session = FuzzTarget(
        name: "session",
        dictionary: ["{", "}", "[", "]", ",", ":", "\"", "\\u0000", "\\ud800", "null", "true", "false", "0", "-0", "1e999", "1.5",
                     "\"schemaVersion\"", "\"state\"", "\"variables\"", "\"transcript\"", "\"cursor\"", "\"status\"",
                     "\"active\"", "\"completed\"", "\"abandoned\"", "\"answers\"", "\"inputs\"", "\"seed\"",
                     "18446744073709551615", "18446744073709551616", "9223372036854775807", "\"line\"", "\"skip\"",
                     "\"startedAt\"", "\"2026-11-23T09:15:42.123Z\"", "\"summary\"", "\"scores\"", "\"returnStack\""],
        maxLength: 8_192,
        run: { bytes in
            let codec = SessionCodec()
            switch codec.decode(bytes, path: "fuzz.json") {
            case .failure(let problem):
                return ["unreadable: " + FuzzTarget.feature(problem.reason)]
            case .success(let record):
                let again: [UInt8]
                do throws(StoreError) {
                    again = try codec.encode(record)
                } catch {
                    return ["encode failed: " + FuzzTarget.feature(String(describing: error))]
                }
                guard case .success(let reread) = codec.decode(again, path: "fuzz.json") else {
                    preconditionFailure("a record that decoded does not decode after saving: \(String(decoding: again, as: UTF8.self))")
                }
                precondition(reread == record, "a record changed on resave: \(record) became \(reread)")
                return ["read v\(record.schemaVersion) \(record.status)"]
            }
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
            let expression: GroundworkCore.Expression
            do throws(ExpressionError) {
                expression = try GroundworkCore.Expression.parse(source)
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
