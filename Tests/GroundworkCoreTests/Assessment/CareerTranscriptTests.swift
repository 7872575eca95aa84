import Foundation
import Testing
@testable import GroundworkCore

/// Each persona's golden transcript (`dialogues/career-checkin-<persona>.transcript`) plays back
/// exactly, and holds the same answers as the hand-worked persona. `GROUNDWORK_RECORD=1`
/// re-records them; a missing transcript is recorded and the test fails until it is reviewed.
@Suite struct CareerTranscriptTests {
    static func path(_ id: String) -> String { "dialogues/career-checkin-\(id).transcript" }

    @Test(arguments: Personas.all.map { $0.0.id })
    func transcriptPlaysBack(id: String) throws {
        let persona = try #require(Personas.all.first { $0.0.id == id }?.0)
        let (library, _) = try CareerCheckinFixture.library()
        let url = CareerCheckinFixture.repository.appendingPathComponent(Self.path(id))
        let record = ProcessInfo.processInfo.environment["GROUNDWORK_RECORD"] == "1"
        guard FileManager.default.fileExists(atPath: url.path), !record else {
            let header = "# \(persona.role): answers and expected numbers in CareerPersonaTests.swift\nflow: career-checkin\nseed: 42\n---\n"
            let skeleton = header + persona.lines.map { "> \($0)\n" }.joined()
            let transcript = try Transcript.parse(SourceFile(path: Self.path(id), text: skeleton))
            try TranscriptRunner.record(transcript, library: library).write(to: url, atomically: true, encoding: .utf8)
            if !record { Issue.record("recorded \(Self.path(id)); review it and run again") }
            return
        }
        let file = SourceFile(path: Self.path(id), text: try String(contentsOf: url, encoding: .utf8))
        let transcript = try Transcript.parse(file)
        #expect(transcript.inputs == persona.lines)
        let result = TranscriptRunner.run(transcript, library: library)
        #expect(result.passed, "\(result.diff)")
    }
}
