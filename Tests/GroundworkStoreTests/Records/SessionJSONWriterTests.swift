import Foundation
import GroundworkCore
import Testing
@testable import GroundworkStore

@Suite struct SessionJSONWriterTests {
    static func parsed(_ bytes: [UInt8]) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
    }

    /// The hand-written JSON is the same document `JSONEncoder` makes from the Codable conformances.
    @Test(arguments: [false, true])
    func sameDocumentAsJSONEncoder(_ completed: Bool) throws {
        var record = Samples.record(answers: 6, completed: completed, exposure: 41.5)
        record.state.variables["odd"] = .string("tab\there \u{1} \\ / \"q\" é 🌱")
        record.state.variables["big"] = .number(1e20)
        record.state.variables["tiny"] = .number(1e-7)
        record.state.variables["negative"] = .number(-3)
        record.state.variables["nested"] = .list([.list([.null, .bool(false)]), .number(0.1)])
        record.state.seed = UInt64.max
        record.state.waitingReflection = completed ? nil : "What would help \"a little\"?"
        record.state.why = "You mentioned 'boss', so I asked about that."
        let commitment = Commitment(sessionID: "abc", kind: completed ? .nextStep : .intention, text: "call \"my\" sister",
                                    stepID: completed ? "reach-out-once" : nil, flowTitle: "Daily check-in", ageDays: 2)
        record.state.followUp = FollowUp(commitment: commitment, answer: completed ? .notYet : nil, waiting: !completed)
        if completed { record.state.summary?.intention = "go for a walk" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let expected = try Self.parsed([UInt8](try encoder.encode(record)))
        let written = SessionJSONWriter.encode(record)
        #expect(try Self.parsed(written) == expected)
        #expect(try JSONDecoder().decode(SessionRecord.self, from: Data(written)) == record)
    }

    /// Every stored property of every type the writer spells out by hand. When GroundworkCore adds a
    /// field, this fails until `SessionJSONWriter` writes it too.
    @Test func writerKnowsEveryStoredProperty() {
        func labels(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label).sorted() }
        let state = Samples.state(completed: true, exposure: 1)
        #expect(labels(Samples.record()) == ["flowHash", "flowID", "flowTitle", "id", "origin", "schemaVersion", "startedAt",
                                             "state", "status", "transcript", "updatedAt", "user"])
        #expect(labels(state) == ["answers", "cursor", "explanation", "flowHash", "flowID", "followUp", "inputs", "lastText", "listeners",
                                  "loopPasses", "questionsAdded", "questionsDone", "random", "reasks", "safety", "seed", "startVariables", "status", "summary",
                                  "variables", "waitingReflection", "why"])
        #expect(labels(state.cursor) == ["flowID", "node", "returnStack"])
        #expect(labels(Cursor.Frame(flowID: "f", returnNode: nil)) == ["flowID", "returnNode"])
        #expect(labels(state.answers[0]) == ["flowID", "nodeID", "question", "raw", "value", "variable"])
        #expect(labels(state.safety) == ["awaitingCheck", "awaitingChoice", "events", "heldLine"])
        #expect(labels(state.safety.events[0]) == ["answer", "category", "choice", "concepts", "inputIndex", "nodeID", "rule",
                                                   "screen", "tier"])
        if let summary = state.summary { #expect(labels(summary) == ["intention", "nextStepID", "nextStepText", "scores", "text"]) }
        let commitment = Commitment(sessionID: "s", kind: .intention, text: "t", flowTitle: "f", ageDays: 1)
        #expect(labels(commitment) == ["ageDays", "flowTitle", "kind", "sessionID", "stepID", "text"])
        #expect(labels(FollowUp(commitment: commitment)) == ["answer", "commitment", "waiting"])
        #expect(labels(ListenerMemory()) == ["carried", "later", "remarks", "rotation"])
        #expect(labels(CarriedRemark(text: "", days: 0)) == ["days", "text"])
        #expect(labels(TranscriptEntry(time: Samples.start, speaker: .coach, text: "")) == ["speaker", "text", "time"])
    }

    @Test func nonFiniteNumbersAreSavedAsNull() throws {
        var record = Samples.record()
        record.state.variables = ["nan": .number(.nan), "inf": .number(.infinity)]
        let back = try SessionCodec().decode(SessionJSONWriter.encode(record), path: "f").get()
        #expect(back.variables == ["nan": .null, "inf": .null])
    }

    @Test func emptyContainersAndOmittedOptionals() throws {
        let record = SessionRecord(id: "x", user: "u", flowID: "f", flowTitle: "F", flowHash: "h", startedAt: Samples.start,
                                   state: SessionState(flowID: "f", flowHash: "h", seed: 0))
        let text = String(decoding: SessionJSONWriter.encode(record), as: UTF8.self)
        #expect(text.contains("\"answers\": []"))
        #expect(text.contains("\"variables\": {}"))
        #expect(!text.contains("summary"))
        #expect(try SessionCodec().decode(Array(text.utf8), path: "f").get() == record)
    }
}
