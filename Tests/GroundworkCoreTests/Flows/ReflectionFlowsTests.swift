import Testing
@testable import GroundworkCore

/// The bundled reflection flows load cleanly against the real rule sets and prompts.
@Suite struct ReflectionFlowsLoadTests {
    static let flowIDs = ["daily-checkin", "weekly-review", "beyond-doing", "journal"]

    @Test func bundledScriptsHaveNoErrorsOrWarningsInReflectionFiles() throws {
        let (_, diagnostics) = try BundledScripts.load()
        let mine = diagnostics.map(\.description).filter { line in
            Self.flowIDs.contains { line.hasPrefix("dialogues/\($0).yaml") }
                || line.hasPrefix("prompts/reflection/") || line.hasPrefix("prompts/journal/")
                || line.hasPrefix("prompts/common/") || line.hasPrefix("prompts/safety/")
        }
        #expect(mine == [])
    }

    @Test(arguments: flowIDs) func flowIsLoaded(_ id: String) throws {
        let (library, diagnostics) = try BundledScripts.load()
        #expect(library.flows[id] != nil, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    }
}
