import Testing
@testable import GroundworkCore

/// A flow's inline text that includes a parent inside the parent's own block would render without
/// end: the library reports it at the tag and leaves the flow out, as it does for prompt files.
@Suite struct InlineParentCycleTests {
    static let flow = """
        id: f
        title: F
        start: hello
        nodes:
          hello:
            say: "{{< t1}}{{$b}}{{> t1}}{{/b}}{{/t1}}"
            next: done
          done:
            end: null
        """

    @Test func theFlowIsRefusedAtTheTag() {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "f.yaml", text: Self.flow)],
                                                        prompts: [(name: "t1", file: SourceFile(path: "prompts/t1.mustache", text: "[{{$b}}x{{/b}}]"))])
        #expect(diagnostics.map(\.description).contains { $0.hasPrefix("f.yaml:6:") && $0.contains("includes 't1' again, which never ends") },
                "\(diagnostics.map(\.description))")
        #expect(library.flows["f"] == nil)
    }

    @Test(arguments: [("{{< t1}}{{$b}}{{> t1}}{{/b}}{{/t1}}", true), ("{{< t1}}{{$b}}{{> t2}}{{/b}}{{/t1}}", false),
                      ("{{> t1}}{{< t1}}{{$b}}z{{/b}}{{/t1}}", false)])
    func theLibraryFindsTheSelfInclusion(_ text: String, _ found: Bool) throws {
        let (library, _) = ScriptLibrary.load(scripts: [], prompts: [
            (name: "t1", file: SourceFile(path: "prompts/t1.mustache", text: "[{{$b}}x{{/b}}]")),
            (name: "t2", file: SourceFile(path: "prompts/t2.mustache", text: "y")),
        ])
        let template = try Template(text, location: SourceLocation(path: "f.yaml", line: 1, column: 1))
        #expect((library.prompts.selfInclusion(in: template) != nil) == found)
    }
}

extension InlineParentCycleTests {
    /// "{{" that the parser reads as text does not hide the tag after it: found by the template
    /// fuzz target, where t1 included itself and overflowed the stack when rendered.
    @Test(arguments: ["B {{\nB {}d}defau{{> t1}}{/b}}", "x {{ y {{> t1}} z", "{{a {{> t1}}}}"])
    func aPartialAfterAnUnreadOpeningIsStillChecked(_ text: String) {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [], prompts: [(name: "t1", file: SourceFile(path: "prompts/t1.mustache", text: text))])
        #expect(library.prompts.templates["t1"] == nil)
        #expect(diagnostics.contains { $0.description.contains("t1") }, "\(diagnostics.map(\.description))")
    }
}
