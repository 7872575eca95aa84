import Testing
@testable import GroundworkCore

/// Hostile script files: each is refused quickly with a clear `path:line:column: error:` message.
@Suite struct HostileScriptTests {
    /// Loads one file and returns its diagnostics as text, with the time the load took.
    private func load(_ text: String) -> (diagnostics: [String], seconds: Double) {
        let clock = ContinuousClock()
        var result: [Diagnostic] = []
        let elapsed = clock.measure {
            result = ScriptLibrary.load(scripts: [SourceFile(path: "h.yaml", text: text)], prompts: []).1
        }
        return (result.map(\.description), Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// The classic "billion laughs": nine levels of nine aliases, 9^9 strings if expanded.
    static let billionLaughs: String = {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        return text + "nodes: {s: {end: *i}}\n"
    }()

    @Test func billionLaughsFailsFastWithAClearMessage() {
        let (diagnostics, seconds) = load(Self.billionLaughs)
        #expect(diagnostics == ["h.yaml:1:20: error: yaml aliases expand to more than 200000 nodes"])
        #expect(seconds < 2)
    }

    @Test func aFewAliasesAreRead() throws {
        // The bundled safety rule set shares one reply list this way.
        let text = """
            id: f
            title: &t Title
            start: s
            nodes:
              s: {say: *t, next: e}
              e: {end: *t}
            """
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "h.yaml", text: text)], prompts: [])
        #expect(diagnostics == [])
        #expect(try #require(library.flows["f"]).title == "Title")
    }

    @Test func aliasesThatExpandPastTheNodeLimitAreRefused() {
        // 1,000 aliases of a 300-item list: small as text, 300,000 nodes expanded.
        let text = "a: &a [" + Array(repeating: "x", count: 300).joined(separator: ",") + "]\n"
            + "b: [" + Array(repeating: "*a", count: 1_000).joined(separator: ",") + "]\n"
        #expect(text.utf8.count < 10_000)
        let (diagnostics, seconds) = load(text)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasSuffix("error: yaml aliases expand to more than 200000 nodes") == true)
        #expect(seconds < 2)
    }

    @Test func fileOverTwoMegabytesIsRefusedBeforeParsing() {
        let text = "id: f\n# " + String(repeating: "x", count: YAMLParser.maxBytes)
        let (diagnostics, seconds) = load(text)
        #expect(diagnostics == ["h.yaml:1:1: error: file is too large (2000008 bytes; the limit is 2000000)"])
        #expect(seconds < 1)
    }

    @Test func fileOfExactlyTwoMegabytesIsRead() {
        let flow = "id: f\ntitle: T\nstart: e\nnodes: {e: {end: null}}\n# "
        let text = flow + String(repeating: "x", count: YAMLParser.maxBytes - flow.utf8.count)
        #expect(text.utf8.count == YAMLParser.maxBytes)
        #expect(load(text).diagnostics == [])
    }

    @Test(arguments: [
        // Flow style, just past the converter's limit: the error points at the node that is too deep.
        ("a: " + String(repeating: "[", count: 66) + String(repeating: "]", count: 66), "h.yaml:1:68: error: nesting is too deep (more than 64 levels)"),
        // Far past libyaml's own limit, unclosed and closed.
        ("a: " + String(repeating: "[", count: 100_000), "h.yaml:1:5: error: yaml: nesting is too deep (more than 64 levels)"),
        ("a: " + String(repeating: "{b: ", count: 50_000) + "1" + String(repeating: "}", count: 50_000),
         "h.yaml:1:3996: error: yaml: nesting is too deep (more than 64 levels)"),
        // Block style, one more indentation per line.
        ((0..<100).map { String(repeating: " ", count: $0) + "k:\n" }.joined(), "h.yaml:65:65: error: nesting is too deep (more than 64 levels)"),
    ])
    func deepNestingIsRefused(text: String, expected: String) {
        let (diagnostics, seconds) = load(text)
        #expect(diagnostics == [expected])
        #expect(seconds < 2)
    }

    @Test func nestingAtTheLimitIsRead() {
        let text = "a: " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + "\nnodes: {e: {end: null}}\n"
        #expect(!load(text).diagnostics.contains { $0.contains("nesting") })
    }

    @Test func tooManyNodesIsRefused() {
        let text = "a: [" + Array(repeating: "1", count: YAMLParser.maxNodes).joined(separator: ",") + "]\n"
        let (diagnostics, seconds) = load(text)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasSuffix("error: file has too many nodes (more than 200000)") == true)
        #expect(seconds < 5)
    }
}
