import Foundation
import Testing
@testable import GroundworkStore

@Suite struct SessionCodecTests {
    static func valid() throws -> String {
        String(decoding: try SessionCodec().encode(Samples.record()), as: UTF8.self)
    }

    @Test(arguments: [
        ("", "empty"),
        ("  \n", "empty"),
        ("{\"schemaVersion\": 2, \"id\": \"ab", "truncated"),
        ("{ this is not json }", "not valid JSON"),
        ("[1, 2, 3]", "not a JSON object"),
        ("{\"hello\": 1}", "no schema version"),
        ("{\"schemaVersion\": 2, \"id\": \"x\"}", "missing"),
        ("{\"schemaVersion\": 99, \"id\": \"x\"}", "newer groundwork (schema 99"),
        ("{\"schemaVersion\": 0}", "unknown schema version 0"),
    ])
    func reportsWhy(_ text: String, _ reason: String) {
        let result = SessionCodec().decode(Array(text.utf8), path: "/p/f.json")
        guard case .failure(let problem) = result else {
            Issue.record("decoded \(text)")
            return
        }
        #expect(problem.path == "/p/f.json")
        #expect(problem.reason.contains(reason), "\(problem.reason)")
    }

    @Test func truncatedRealFileIsTruncated() throws {
        let text = try Self.valid()
        let cut = Array(text.utf8.prefix(text.utf8.count / 2))
        guard case .failure(let problem) = SessionCodec().decode(cut, path: "f") else {
            Issue.record("decoded a truncated file")
            return
        }
        #expect(problem.reason.hasPrefix("truncated"))
    }

    @Test func futureSchemaWithSameFieldsIsStillRefused() throws {
        let text = try Self.valid().replacingOccurrences(of: "\"schemaVersion\": 2", with: "\"schemaVersion\": 3")
        #expect(text.contains("\"schemaVersion\": 3"))
        guard case .failure(let problem) = SessionCodec().decode(Array(text.utf8), path: "f") else {
            Issue.record("read a newer schema")
            return
        }
        #expect(problem.reason.contains("newer"))
    }

    @Test func wrongTypeNamesTheField() throws {
        let text = try Self.valid().replacingOccurrences(of: "\"seed\": 42", with: "\"seed\": \"x\"")
        guard case .failure(let problem) = SessionCodec().decode(Array(text.utf8), path: "f") else {
            Issue.record("decoded a bad seed")
            return
        }
        #expect(problem.reason.contains("'state.seed'"), "\(problem.reason)")
    }

    @Test func headerMatchesRecord() throws {
        let record = Samples.record(answers: 4, completed: true, exposure: 40)
        let bytes = try SessionCodec().encode(record)
        let header = try SessionCodec().decodeHeader(bytes, path: "p", fileName: "f.json").get()
        #expect(header == SessionHeader(record: record, fileName: "f.json"))
        #expect(header.answerCount == 4)
        #expect(header.scores["exposure.score"] == .number(40))
    }
}
