import Testing
@testable import GroundworkCore

struct TemplateTests {
    static let location = SourceLocation(path: "t", line: 1, column: 1)

    @Test(arguments: [
        ("{{names}}", "a, b", [ "names": Value.list([.string("a"), .string("b")]) ]),
        ("{{#names}}[{{.}}]{{/names}}", "[a][b]", [ "names": .list([.string("a"), .string("b")]) ]),
        ("{{^names}}none{{/names}}", "none", [ "names": .list([]) ]),
        ("{{n}}", "3", [ "n": .number(3) ]),
        ("{{n}}", "0.25", [ "n": .number(0.25) ]),
        ("{{exposure.band}}", "gradient 2", [ "exposure.band": .string("gradient 2") ]),
        ("<{{s}}>", "<a & b>", [ "s": .string("a & b") ]),
        ("{{#ok}}yes{{/ok}}", "yes", [ "ok": .bool(true) ]),
        ("{{missing}}.", ".", [:]),
    ])
    func renders(source: String, expected: String, variables: [String: Value]) throws {
        let template = try Template(source, location: Self.location)
        #expect(template.render(variables) == expected)
    }

    @Test func referencedNames() throws {
        let template = try Template("{{a}} {{#b}}{{c.d}}{{/b}} {{{e}}} {{! note}} {{> part}}", location: Self.location)
        #expect(template.referencedNames == ["a", "b", "c.d", "e"])
    }
}
