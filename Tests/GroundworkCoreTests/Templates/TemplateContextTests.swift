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

    @Test func unsetDottedNamesRenderNothing() throws {
        #expect(try Self.render("a{{latest.date}}b", [:]) == "ab")
    }
}
