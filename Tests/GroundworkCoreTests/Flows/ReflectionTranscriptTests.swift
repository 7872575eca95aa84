import Foundation
import Testing
@testable import GroundworkCore

/// The golden transcripts of the reflection flows and journal mode, replayed against the bundled
/// scripts. `GROUNDWORK_RECORD=1 swift test --filter ReflectionTranscript` rewrites them from the
/// current output (then read the diff before committing).
@Suite struct ReflectionTranscriptTests {
    static let prefixes = ["daily-checkin", "weekly-review", "beyond-doing", "journal"]

    static var files: [SourceFile] {
        ((try? BundledScripts.transcripts()) ?? []).filter { file in
            prefixes.contains { file.path.hasPrefix("dialogues/\($0)") }
        }
    }

    @Test func everyFlowHasTranscripts() {
        for prefix in Self.prefixes {
            #expect(Self.files.contains { $0.path.hasPrefix("dialogues/\(prefix)") }, "no transcript for \(prefix)")
        }
    }

    @Test(arguments: files.map(\.path))
    func transcriptPasses(_ path: String) throws {
        let file = try #require(Self.files.first { $0.path == path })
        let (library, _) = try BundledScripts.load()
        let result = TranscriptRunner.run(file: file, library: library)
        if ProcessInfo.processInfo.environment["GROUNDWORK_RECORD"] == "1", !result.passed {
            try result.recorded.write(to: BundledScripts.root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        #expect(result.passed, "\(result.diff)")
    }
}
