import Foundation
import Testing
import GroundworkTestSupport
@testable import GroundworkCore

/// Each persona has a golden transcript (`dialogues/career-checkin-<persona>.transcript`) holding
/// the same answers as the hand-worked persona; `groundwork test` replays it (once, in `make test`).
/// `GROUNDWORK_RECORD=1` records it from the persona's answers, and the test then fails until it
/// is reviewed; a missing transcript fails, and nothing is written without the variable.
@Suite struct CareerTranscriptTests {
    static func path(_ id: String) -> String { "dialogues/career-checkin-\(id).transcript" }

    @Test(arguments: Personas.all.map { $0.0.id })
    func transcriptHoldsThePersonasAnswers(id: String) throws {
        let persona = try #require(Personas.all.first { $0.0.id == id }?.0)
        try Golden.check(Repository.path(Self.path(id)), recorded: {
            let (library, _) = try CareerCheckinFixture.library()
            let header = "# \(persona.role): answers and expected numbers in CareerPersonaTests.swift\nflow: career-checkin\nseed: 42\n---\n"
            let skeleton = header + persona.lines.map { "> \($0)\n" }.joined()
            return try TranscriptRunner.record(Transcript.parse(SourceFile(path: Self.path(id), text: skeleton)), library: library)
        }, difference: {
            let transcript = try Transcript.parse(SourceFile(path: Self.path(id), text: try Repository.read(Self.path(id))))
            guard transcript.inputs != persona.lines else { return nil }
            return "its answers are not the persona's in CareerPersonaTests.swift:\n\(transcript.inputs)\n\(persona.lines)"
        })
    }
}
