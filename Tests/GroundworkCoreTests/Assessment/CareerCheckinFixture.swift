import Foundation
@testable import GroundworkCore

/// The bundled career check-in, read from the repository, and paths the assessment tests share.
enum CareerCheckinFixture {
    /// The repository root, found from this file's path (Tests/GroundworkCoreTests/Assessment/…).
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let flowPath = "dialogues/career-checkin.yaml"

    static func flowFile() throws -> SourceFile {
        let text = try String(contentsOf: repository.appendingPathComponent(flowPath), encoding: .utf8)
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
    static let sharedData: URL = repository.deletingLastPathComponent().appendingPathComponent("shared/data")

    struct FixtureError: Error, CustomStringConvertible {
        var message: String
        var description: String { message.isEmpty ? "no assessment block" : message }
    }
}

extension CareerCheckinFixture {
    /// The bundled career check-in with every template under `prompts/`, as the app loads them.
    static func library() throws -> (ScriptLibrary, [Diagnostic]) {
        let prompts = repository.appendingPathComponent("prompts")
        var templates: [(name: String, file: SourceFile)] = []
        for path in try FileManager.default.subpathsOfDirectory(atPath: prompts.path).sorted() where path.hasSuffix(".mustache") {
            let text = try String(contentsOf: prompts.appendingPathComponent(path), encoding: .utf8)
            templates.append((String(path.dropLast(".mustache".count)), SourceFile(path: "prompts/\(path)", text: text)))
        }
        let classifierPath = "dialogues/classifier/task-exposure.yaml"
        let classifier = SourceFile(path: classifierPath, text: try String(contentsOf: repository.appendingPathComponent(classifierPath), encoding: .utf8))
        return ScriptLibrary.load(scripts: [try flowFile(), classifier], prompts: templates)
    }
}
