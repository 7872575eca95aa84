import Foundation
import Testing

/// Hostile prompt templates meet the built binary (issue 12, item 2): recursive partials, sections
/// nested 3,000 deep and unknown partials are reported by `lint` with status 1, and `start`
/// refuses to run a flow that shows such a template, instead of crashing or rendering it empty.
@Suite
struct TemplateSafetyTests {
    static let flow = """
        id: greet
        title: Greeting
        start: hello
        nodes:
          hello:
            say: {prompt: greet/hello}
            next: name
          name:
            ask: "What should I call you?"
            input: text
            save: name
            next: done
          done:
            end: "Bye, {{name}}."
        """

    /// A dialogues folder with the `greet` flow and a prompts folder holding `templates`.
    static func folders(_ templates: [String: String]) throws -> (root: String, options: [String]) {
        let root = try Groundwork.makeDataDir()
        try FileManager.default.createDirectory(atPath: root + "/dialogues", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/prompts/greet", withIntermediateDirectories: true)
        try flow.write(toFile: root + "/dialogues/greet.yaml", atomically: true, encoding: .utf8)
        for (name, text) in templates {
            try text.write(toFile: root + "/prompts/\(name).mustache", atomically: true, encoding: .utf8)
        }
        return (root, ["--dialogues", root + "/dialogues", "--prompts", root + "/prompts",
                       "--data-dir", root + "/data", "--user", "tester", "--seed", "7"])
    }

    static let deep = String(repeating: "{{#a}}", count: 3_000) + "x" + String(repeating: "{{/a}}", count: 3_000)

    @Test(arguments: [
        (["greet/hello": "Hello {{> greet/hello}}"], "partial cycle: 'greet/hello' → 'greet/hello'"),
        (["greet/hello": "Hello {{> greet/other}}", "greet/other": "and {{> greet/hello}}"], "partial cycle:"),
        (["greet/hello": "Hello {{> greet/nothing}}"], "unknown prompt template 'greet/nothing'"),
        (["greet/hello": "Hello " + deep], "sections nested more than 40 deep"),
        (["greet/hello": "Hello {{> greet/deep}}", "greet/deep": deep], "sections nested more than 40 deep"),
    ])
    func lintReportsAndStartRefuses(_ templates: [String: String], expected: String) throws {
        let (root, options) = try Self.folders(templates)
        defer { try? FileManager.default.removeItem(atPath: root) }

        let lint = try Groundwork.run(["lint", root + "/dialogues", "--prompts", root + "/prompts"])
        #expect(lint.status == 1, "lint: \(lint.status) \(lint.stdout) \(lint.stderr)")
        #expect(lint.stdout.contains(expected), "\(lint.stdout)")
        #expect(lint.stdout.contains("/prompts/greet/"), "errors name the template's file: \(lint.stdout)")

        let start = try Groundwork.run(["start", "greet"] + options, input: "Ana\n")
        #expect(start.status == 1, "start: \(start.status) \(start.stdout) \(start.stderr)")
        #expect(start.stdout.isEmpty, "nothing of the flow is shown: \(start.stdout)")
        #expect(start.stderr.contains(expected), "\(start.stderr)")
        #expect(start.stderr.hasSuffix("groundwork: flow 'greet' is missing or has errors (\(start.stderr.split(separator: "\n").count - 1) listed above); fix them and try again\n"),
                "\(start.stderr)")
        #expect(Groundwork.sessionFiles(root + "/data").isEmpty)
    }

    @Test func aGoodTemplateStillRuns() throws {
        let (root, options) = try Self.folders(["greet/hello": "Hello{{#user}}, {{user}}{{/user}}. {{> greet/more}}", "greet/more": "Let's begin."])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lint = try Groundwork.run(["lint", root + "/dialogues", "--prompts", root + "/prompts"])
        #expect(lint.status == 0, "\(lint.stdout)")
        let start = try Groundwork.run(["start", "greet"] + options, input: "Ana\n")
        #expect(start.status == 0, "\(start.stderr)")
        #expect(start.stdout == "Hello, tester. Let's begin.\nWhat should I call you?\nBye, Ana.\n")
    }
}
