import Testing
@testable import GroundworkCore

/// The bundled career check-in loads cleanly, with its assessment and lookup nodes.
@Suite struct CareerCheckinFlowTests {
    @Test func loadsWithoutProblems() throws {
        let (library, diagnostics) = try CareerCheckinFixture.library()
        #expect(diagnostics.map(\.description) == [])
        let flow = try #require(library.flows["career-checkin"])
        #expect(flow.assessment?.bands.count == 7)
        guard case .lookup(let lookup)? = flow.nodes["task_classify"]?.kind else {
            Issue.record("task_classify is not a lookup node")
            return
        }
        #expect(lookup.service == .classify)
        #expect(lookup.save == "suggestion")
        #expect(flow.nextSteps.count >= 12)
    }
}
