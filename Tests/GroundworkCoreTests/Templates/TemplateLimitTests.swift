import Testing
@testable import GroundworkCore

/// Templates are checked like scripts before anything renders them (issue 12, item 2): nesting is
/// bounded, a partial cannot include itself, and a template with a bad partial keeps its flow out.
struct TemplateLimitTests {
    static let location = SourceLocation(path: "p.mustache", line: 1, column: 1)

    static func nested(_ depth: Int, open: String = "{{", close: String = "}}") -> String {
        String(repeating: "\(open)#a\(close)", count: depth) + "x" + String(repeating: "\(open)/a\(close)", count: depth)
    }

    static func prompt(_ name: String, _ text: String) -> (name: String, file: SourceFile) {
        (name, SourceFile(path: "prompts/\(name).mustache", text: text))
    }

    @Test func threeThousandNestedSectionsAreAnErrorNotACrash() {
        #expect(throws: TemplateError.self) { try Template(Self.nested(3_000), location: Self.location) }
        do {
            _ = try Template("Hi\n" + Self.nested(3_000), location: Self.location)
        } catch {
            // At the first section past the limit: line 2, after 40 tags of 6 characters.
            #expect(error.description == "p.mustache:2:241: error: sections nested more than 40 deep; flatten the template")
        }
    }

    @Test func theDeepestAllowedNestingParsesAndRenders() throws {
        let template = try Template(Self.nested(Template.maxDepth), location: Self.location)
        #expect(template.render(["a": .bool(true)]) == "x")
        #expect(throws: TemplateError.self) { try Template(Self.nested(Template.maxDepth + 1), location: Self.location) }
    }

    @Test func changedDelimitersDoNotHideTheDepth() {
        #expect(throws: TemplateError.self) {
            try Template("{{=<% %>=}}" + Self.nested(3_000, open: "<%", close: "%>"), location: Self.location)
        }
        // Inverted sections, blocks and parents count as sections too.
        #expect(throws: TemplateError.self) {
            try Template(String(repeating: "{{^a}}{{$b}}", count: 2_000), location: Self.location)
        }
    }

    @Test func aDynamicPartialIsRefused() {
        #expect(throws: TemplateError.self) { try Template("Hi {{>*name}}", location: Self.location) }
    }

    @Test(arguments: [
        // A partial that includes itself, two that include each other, a parent that is its own parent.
        ([("p", "Again {{> p}}")], "prompts/p.mustache:1:11: error: partial cycle: 'p' → 'p'; a template cannot include itself"),
        ([("a", "A {{> b}}"), ("b", "B {{#x}}{{> a}}{{/x}}")],
         "prompts/b.mustache:1:13: error: partial cycle: 'a' → 'b' → 'a'; a template cannot include itself"),
        ([("p", "{{< p}}{{/p}}")], "prompts/p.mustache:1:5: error: partial cycle: 'p' → 'p'; a template cannot include itself"),
    ])
    func recursivePartialsAreErrorsAndNeverRender(_ files: [(String, String)], expected: String) {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [], prompts: files.map { Self.prompt($0.0, $0.1) })
        #expect(diagnostics.map(\.description).contains(expected), "\(diagnostics.map(\.description))")
        for (name, _) in files {
            #expect(library.prompts.templates[name] == nil)
            #expect(library.prompts.render(name, ["x": .bool(true)]) == nil)
        }
    }

    @Test func partialsNestingTooDeepAreAnError() {
        // 45 templates, each including the next inside a section: 89 levels in all.
        let files = (0..<45).map { Self.prompt("t\($0)", $0 == 44 ? "end" : "{{#a}}{{> t\($0 + 1)}}{{/a}}") }
        let (library, diagnostics) = ScriptLibrary.load(scripts: [], prompts: files)
        let tooDeep = diagnostics.filter { $0.message.contains("nest") }
        #expect(tooDeep.map(\.description) == ["prompts/t0.mustache:1:1: error: sections and partials nest 88 deep through 't0'; at most 40"])
        #expect(library.prompts.templates["t0"] == nil)
        // Deep enough to be refused from here on, shallow enough below: the tail stays usable.
        #expect(library.prompts.render("t30", ["a": .bool(true)]) == "end")
    }

    @Test func aFlowShowingATemplateWithAnUnknownPartialDoesNotRun() {
        let flow = SourceFile(path: "f.yaml", text: """
            id: f
            title: F
            start: a
            nodes:
              a: {say: {prompt: intro}, next: b}
              b: {end: "Bye {{> intro}}"}
            """)
        let (library, diagnostics) = ScriptLibrary.load(scripts: [flow], prompts: [Self.prompt("intro", "Hello {{> missing}}")])
        #expect(diagnostics.map(\.description) == [
            "prompts/intro.mustache:1:11: error: unknown prompt template 'missing'",
            "f.yaml:5:21: error: prompt template 'intro' has errors (listed for its file); the flow cannot run until they are fixed",
            "f.yaml:6:21: error: prompt template 'intro' has errors (listed for its file); the flow cannot run until they are fixed",
        ])
        #expect(library.flows["f"] == nil)
    }

    @Test func aTemplateIncludingABrokenOneIsTakenOutToo() {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [], prompts: [Self.prompt("outer", "[{{> inner}}]"),
                                                                             Self.prompt("inner", "{{> inner}}"),
                                                                             Self.prompt("fine", "ok")])
        #expect(diagnostics.map(\.description).contains("prompts/outer.mustache:1:6: error: includes 'inner', which has errors (reported for it)"))
        #expect(library.prompts.templates.keys.sorted() == ["fine"])
        #expect(library.prompts.render("fine", [:]) == "ok")
    }

    @Test func theDeepestInlineTemplateOverTheDeepestPartialRenders() throws {
        // An inline template (in a flow) is checked on its own: at most 40 around a partial that is
        // itself at most 40 deep, 81 levels of rendering, which must not strain a test thread's stack.
        let (library, diagnostics) = ScriptLibrary.load(scripts: [], prompts: [Self.prompt("deep", Self.nested(Template.maxDepth))])
        #expect(diagnostics.isEmpty)
        let inline = String(repeating: "{{#a}}", count: Template.maxDepth) + "{{> deep}}" + String(repeating: "{{/a}}", count: Template.maxDepth)
        let template = try Template(inline, location: Self.location)
        #expect(template.render(["a": .list([.bool(true)])], library: library.prompts) == "x")
    }
}
