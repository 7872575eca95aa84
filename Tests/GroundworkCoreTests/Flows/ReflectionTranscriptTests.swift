import Foundation
import Testing
@testable import GroundworkCore

/// The reflection flows and journal mode keep golden transcripts. They are replayed once, by
/// `groundwork test` in `make test` (its failure is the diff alone, with how to re-record);
/// `GROUNDWORK_RECORD=1 .build/debug/groundwork test` rewrites them (then read the diff).
@Suite struct ReflectionTranscriptTests {
    static let prefixes = ["daily-checkin", "weekly-review", "beyond-doing", "journal"]

    @Test func everyFlowHasTranscripts() throws {
        let files = try BundledScripts.transcripts()
        for prefix in Self.prefixes {
            #expect(files.contains { $0.path.hasPrefix("dialogues/\(prefix)") }, "no transcript for \(prefix)")
        }
    }
}
