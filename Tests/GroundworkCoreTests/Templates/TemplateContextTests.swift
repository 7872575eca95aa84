import Testing
@testable import GroundworkCore

/// Templates render values the way docs/format.md promises authors.
@Suite struct TemplateContextTests {
    static let here = SourceLocation(path: "t.mustache", line: 1, column: 1)

    static func render(_ source: String, _ variables: [String: Value]) throws -> String {
        try Template(source, location: here).render(variables)
    }

    @Test(arguments: [
        ("[{{x}}]", Value.list([.string("work"), .string("fear")]), "[work, fear]"),
        ("[{{x}}]", Value.null, "[]"),
        ("[{{x}}]", Value.number(3), "[3]"),
        ("[{{x}}]", Value.number(2.5), "[2.5]"),
        ("[{{x}}]", Value.number(0), "[0]"),
        ("[{{x}}]", Value.string(""), "[]"),
        ("{{#x}}{{.}};{{/x}}", Value.list([.string("a"), .number(2)]), "a;2;"),
    ])
    func plainTags(_ source: String, _ value: Value, _ expected: String) throws {
        #expect(try Self.render(source, ["x": value]) == expected)
    }

    /// `{{#x}}` is skipped for null, false, 0, empty text and empty lists; `{{^x}}` is the opposite.
    @Test(arguments: [
        (Value.null, false), (.bool(false), false), (.number(0), false), (.string(""), false), (.list([]), false),
        (.bool(true), true), (.number(4), true), (.string("tired"), true), (.list([.string("a")]), true),
    ])
    func sections(_ value: Value, _ shown: Bool) throws {
        #expect(try Self.render("{{#x}}yes{{/x}}", ["x": value]) == (shown ? "yes" : ""))
        #expect(try Self.render("{{^x}}no{{/x}}", ["x": value]) == (shown ? "" : "no"))
    }

    @Test func sectionOnATextShowsItInside() throws {
        #expect(try Self.render("{{#name}}Hi {{name}}.{{/name}}", ["name": .string("Ada")]) == "Hi Ada.")
    }

    /// Only the variables a template can reach are converted; what it shows must not change.
    @Test func partialsAndDottedNamesSeeTheirVariables() throws {
        var library = PromptLibrary()
        try library.add(Template("[{{inner}}|{{exposure.band}}]{{> deeper}}", location: Self.here), named: "part")
        try library.add(Template("<{{deep}}>", location: Self.here), named: "deeper")
        let template = try Template("{{a}} {{#list}}{{.}}{{b}}{{/list}} {{> part}}", location: Self.here)
        let variables: [String: Value] = ["a": .string("A"), "b": .string("B"), "list": .list([.number(1)]), "inner": .string("I"),
                                          "exposure.band": .string("high"), "deep": .string("D"), "unused": .string("U")]
        #expect(template.render(variables, library: library) == "A 1B [I|high]<D>")
    }

    @Test func plainTextIsLeftAsWritten() throws {
        let template = try Template("no tags { here }", location: Self.here)
        #expect(template.isPlain)
        #expect(template.render(["x": .number(1)]) == "no tags { here }")
    }

    @Test func unsetDottedNamesRenderNothing() throws {
        #expect(try Self.render("a{{latest.date}}b", [:]) == "ab")
    }
}
