import Foundation
import Testing
import GroundworkTestSupport
@testable import GroundworkCore

/// Every bundled group exercise has a golden transcript (`dialogues/group/*.transcript`). They are
/// replayed once, by `groundwork test` in `make test`, with timers on the transcript's own clock;
/// `GROUNDWORK_RECORD=1 .build/debug/groundwork test` rewrites them from the engine.
struct GroupTranscriptTests {
    static let folder = Repository.path("dialogues/group")

    static var transcripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".transcript") }.sorted()
    }

    @Test func everyBundledExerciseHasATranscript() throws {
        let (exercises, _) = try GroupFixtures.bundled()
        #expect(exercises.count == 5)
        var covered: Set<String> = []
        for name in GroupTranscriptTests.transcripts {
            let path = GroupTranscriptTests.folder + "/" + name
            covered.insert(try GroupTranscript.parse(SourceFile(path: path, text: try String(contentsOfFile: path, encoding: .utf8))).exerciseID)
        }
        #expect(covered == Set(exercises.keys))
    }
}

/// The bundled exercises and rule sets, loaded from the checkout.
enum GroupFixtures {
    static func bundled() throws -> ([String: GroupExercise], ScriptLibrary) {
        let dialogues = Repository.path("dialogues")
        let rules = try files(in: dialogues + "/rules", ext: "yaml")
        let (library, ruleDiagnostics) = ScriptLibrary.load(scripts: rules, prompts: try prompts())
        #expect(ruleDiagnostics.filter { $0.severity == .error }.isEmpty, "\(ruleDiagnostics)")
        let (exercises, diagnostics) = GroupLoader.load(try files(in: GroupTranscriptTests.folder, ext: "yaml"), library: library)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        return (exercises, library)
    }

    static func prompts() throws -> [(name: String, file: SourceFile)] {
        let folder = Repository.path("prompts")
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        let walker = FileManager.default.enumerator(atPath: folder)
        var found: [(String, SourceFile)] = []
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".mustache") else { continue }
            let path = folder + "/" + relative
            found.append((String(relative.dropLast(".mustache".count)), SourceFile(path: path, text: try String(contentsOfFile: path, encoding: .utf8))))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    static func files(in folder: String, ext: String) throws -> [SourceFile] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix("." + ext) }.sorted().map {
            SourceFile(path: folder + "/" + $0, text: try String(contentsOfFile: folder + "/" + $0, encoding: .utf8))
        }
    }
}
