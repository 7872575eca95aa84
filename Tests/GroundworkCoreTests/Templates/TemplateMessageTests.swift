import Testing
@testable import GroundworkCore

/// A template the Mustache parser refuses is reported in words at the tag that causes it (issue 12,
/// item 11): it used to be `bad template: ParserError(context: …)` with the column counted from the
/// content-type tag groundwork puts in front (24 characters off) or at the end of the text.
@Suite struct TemplateMessageTests {
    @Test(arguments: [
        ("Hi {{#open}}", "p.mustache:1:4: error: section 'open' is never closed; add '{{/open}}'"),
        ("one\ntwo {{#a}}\n{{#b}}x{{/b}}\nend", "p.mustache:2:5: error: section 'a' is never closed; add '{{/a}}'"),
        ("{{#a}}x{{/b}}", "p.mustache:1:8: error: '{{/b}}' closes section 'a'; close it with '{{/a}}'"),
        ("line\nx {{/b}}", "p.mustache:2:3: error: '{{/b}}' closes a section that was never opened"),
        ("Hello {{name", "p.mustache:1:7: error: a tag is not finished: '{{' without its closing '}}'"),
        ("ab {{=<% %>}} cd", "p.mustache:1:4: error: a delimiter change is not of the form '{{=<% %>=}}'"),
    ])
    func aParserErrorSaysWhatAndWhere(source: String, expected: String) {
        let (_, diagnostics) = ScriptLibrary.load(scripts: [], prompts: [(name: "p", file: SourceFile(path: "p.mustache", text: source))])
        #expect(diagnostics.map(\.description) == [expected])
        #expect(!diagnostics.contains { $0.description.contains("ParserError") || $0.description.contains("CONTENT_TYPE") })
    }
}
