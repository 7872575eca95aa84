import Foundation
import Testing
import GroundworkTestSupport
@testable import GroundworkCore

/// The worked examples in docs/format.md must lint clean, so the guide stays true.
struct FormatDocTests {
    @Test func workedExamplesLintClean() throws {
        let text = try Repository.read("docs/format.md")
        var files: [SourceFile] = []
        var block: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if block == nil, line == "```yaml" { block = []; continue }
            if var lines = block {
                if line == "```" {
                    if let first = lines.first, first.hasPrefix("# dialogues/") {
                        files.append(SourceFile(path: String(first.dropFirst(2)), text: lines.joined(separator: "\n")))
                    }
                    block = nil
                } else {
                    lines.append(line)
                    block = lines
                }
            }
        }
        #expect(files.map(\.path) == ["dialogues/evening.yaml", "dialogues/rules/listening.yaml"])
        let (_, diagnostics) = ScriptLibrary.load(scripts: files, prompts: [])
        #expect(diagnostics.map(\.description) == [])
    }
}
