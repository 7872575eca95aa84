import Testing
@testable import GroundworkCore

/// Found by the `template` fuzz target (harness, 5 s): an empty tag `{{}}` before a partial hid the
/// partial from the shape scan, so `t0` including itself passed the cycle check and rendering
/// overflowed the stack. The input, as the harness wrote it (`.build/fuzz/last-input-template`).
@Suite struct TemplateEmptyTagRegressionTests {
    @Test(arguments: ["A {{}}{{> t0}}{{.a}}\n", "{{ }}{{> t0}}", "{{}}{{#a}}{{> t0}}{{/a}}"])
    func aPartialAfterAnEmptyTagIsChecked(_ text: String) {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [], prompts: [(name: "t0", file: SourceFile(path: "prompts/t0.mustache", text: text))])
        #expect(diagnostics.contains { $0.message.hasPrefix("partial cycle: 't0' → 't0'") }, "\(diagnostics.map(\.description))")
        #expect(library.prompts.render("t0", ["a": .bool(true)]) == nil)
    }

    @Test func anEmptyTagDoesNotHideTheTagsAfterIt() {
        let shape = TemplateShape("x {{}} {{> p}} {{#s}}y{{/s}}", limit: 40)
        #expect(shape.partials.map(\.name) == ["p"])
        #expect(shape.depth == 1)
    }
}

/// Found by the `template` fuzz target (harness, 5 s, default seed): a child overriding its parent's
/// block with content that includes the parent again (`{{< t1}}{{$b}}{{> t1}}{{/b}}{{/t1}}`) renders
/// the block inside itself without end; the static graph (t0 → t1) has no cycle.
@Suite struct TemplateParentBlockRegressionTests {
    @Test(arguments: [
        ["t0": "{{< t1}}{{$b}}child{{> t1}}{{/b}}{{/t1}}\n", "t1": "parent {{$b}}default{{/b}}\n"],
        ["t0": "{{< t1}}{{$b}}{{> t2}}{{/b}}{{/t1}}", "t1": "p {{$b}}d{{/b}}", "t2": "via {{> t1}}"],
    ])
    func aBlockThatIncludesItsParentIsACycle(_ texts: [String: String]) {
        let prompts = texts.keys.sorted().map { (name: $0, file: SourceFile(path: "prompts/\($0).mustache", text: texts[$0] ?? "")) }
        let (library, diagnostics) = ScriptLibrary.load(scripts: [], prompts: prompts)
        #expect(diagnostics.contains { $0.message.hasPrefix("partial cycle: 't1'") && $0.location.path == "prompts/t0.mustache" },
                "\(diagnostics.map(\.description))")
        #expect(library.prompts.render("t0", [:]) == nil)
    }

    @Test func aBlockIncludingAnotherTemplateIsFine() {
        let texts = ["t0": "{{< t1}}{{$b}}{{> t2}}{{/b}}{{/t1}}", "t1": "p {{$b}}d{{/b}}", "t2": "other"]
        let prompts = texts.keys.sorted().map { (name: $0, file: SourceFile(path: "prompts/\($0).mustache", text: texts[$0] ?? "")) }
        let (library, diagnostics) = ScriptLibrary.load(scripts: [], prompts: prompts)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        #expect(library.prompts.render("t0", [:]) == "p other")
    }
}
