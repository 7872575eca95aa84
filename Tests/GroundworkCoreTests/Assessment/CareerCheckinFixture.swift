import Foundation
import GroundworkTestSupport
@testable import GroundworkCore

/// The bundled career check-in, read from the repository, and paths the assessment tests share.
enum CareerCheckinFixture {
    static let flowPath = "dialogues/career-checkin.yaml"

    static func flowFile() throws -> SourceFile {
        let text = try Repository.read(flowPath)
        return SourceFile(path: flowPath, text: text)
    }

    /// The exposure model of the bundled flow; fails the test when it does not load cleanly.
    static func model() throws -> ExposureModel {
        let (model, diagnostics) = ExposureModel.load(flowFile: try flowFile())
        guard let model, diagnostics.isEmpty else {
            throw FixtureError(message: diagnostics.map(\.description).joined(separator: "\n"))
        }
        return model
    }

    /// `../shared/data/` beside the repository.
    static let sharedData: URL = Repository.root.deletingLastPathComponent().appendingPathComponent("shared/data")

    struct FixtureError: Error, CustomStringConvertible {
        var message: String
        var description: String { message.isEmpty ? "no assessment block" : message }
    }
}

extension CareerCheckinFixture {
    /// The bundled career check-in with every template under `prompts/`, as the app loads them.
    static func library() throws -> (ScriptLibrary, [Diagnostic]) {
        let prompts = Repository.root.appendingPathComponent("prompts")
        var templates: [(name: String, file: SourceFile)] = []
        for path in try FileManager.default.subpathsOfDirectory(atPath: prompts.path).sorted() where path.hasSuffix(".mustache") {
            let text = try String(contentsOf: prompts.appendingPathComponent(path), encoding: .utf8)
            templates.append((String(path.dropLast(".mustache".count)), SourceFile(path: "prompts/\(path)", text: text)))
        }
        let classifierPath = "dialogues/classifier/task-exposure.yaml"
        let classifier = SourceFile(path: classifierPath, text: try Repository.read(classifierPath))
        return ScriptLibrary.load(scripts: [try flowFile(), classifier], prompts: templates)
    }
}
