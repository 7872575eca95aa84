import Foundation
import GroundworkCore
import Testing
import GroundworkTestSupport
@testable import GroundworkStore

@Suite struct JSONTreeParseTests {
    @Test(arguments: [
        ("null", JSONTree.null), ("true", .bool(true)), (" false ", .bool(false)), ("-12.5e1", .number(-125)),
        ("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83c\\udf31\"", .string("a\"b\\c/d\n\té🌱")),
        ("[1, [], {}]", .array([.number(1), .array([]), .object([])])),
        ("{\"k\": {\"x\": [true, null]}}", .object([("k", .object([("x", .array([.bool(true), .null]))]))])),
    ])
    func parses(_ text: String, _ expected: JSONTree) {
        #expect(JSONTree.parse(Array(text.utf8)) == expected)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "\"open", "tru", "01x", "1 2", "{\"a\":1,}", "\"\\ud83c\"", "\"a\u{1}\"",
                      String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)])
    func refuses(_ text: String) {
        #expect(JSONTree.parse(Array(text.utf8)) == nil)
    }

    @Test func writeThenParseRoundTrips() throws {
        let tree = JSONTree.object([("s", .string("quote \" slash \\ ctl \u{1} é")), ("n", .number(0.1)), ("l", .array([.null, .bool(false)]))])
        var bytes: [UInt8] = []
        tree.write(into: &bytes)
        #expect(JSONTree.parse(bytes) == tree)
        #expect(try JSONSerialization.jsonObject(with: Data(bytes)) is NSDictionary)
    }
}

@Suite struct SessionIndexEntryTests {
    @Test func cachedHeadersEqualHeadersReadFromFiles() throws {
        let folder = try TemporaryFolder()
        let store = UserStore(location: folder.location, user: try UserName("ada"))
        let writer = try store.lockForWriting()
        var done = try writer.createSession(flowID: "career-checkin", flowTitle: "Career \"check\"-in", flowHash: "h",
                                            state: Samples.state(answers: 3, completed: true, exposure: 61.5), now: Samples.start)
        try writer.save(&done)
        _ = try writer.createSession(flowID: "journal", flowTitle: "Journal", flowHash: "h", state: Samples.state(answers: 1), now: Samples.start)
        let first = try store.headers().items       // read from the files, index written
        let index = SessionIndex.load(folder.location.indexFile(store.user), fileSystem: PosixFileSystem())
        #expect(index.entries.count == 2)
        let second = try store.headers().items      // from the index
        #expect(second == first)
        #expect(second.first { $0.flowID == "career-checkin" }?.scores["exposure.score"] == .number(61.5))
        #expect(second.first { $0.flowID == "career-checkin" }?.nextStepText == "Pick one result you could own.")
    }
}
