import Foundation
import GroundworkCore
import Testing
@testable import GroundworkStore

@Suite struct SessionRecordTests {
    @Test(arguments: [false, true])
    func everyFieldRoundTrips(_ completed: Bool) throws {
        let record = Samples.record(answers: 5, completed: completed, exposure: 62.5)
        let bytes = try SessionCodec().encode(record)
        let back = try SessionCodec().decode(bytes, path: "x").get()
        #expect(back == record)
        // Field by field, so a failure says which one (and `==` is not trusted blindly).
        #expect(back.schemaVersion == 2)
        #expect(back.id == record.id && back.user == record.user && back.flowID == record.flowID)
        #expect(back.flowTitle == record.flowTitle && back.flowHash == record.flowHash && back.status == record.status)
        #expect(back.startedAt == record.startedAt && back.updatedAt == record.updatedAt)
        #expect(back.transcript == record.transcript)
        #expect(back.state.cursor == record.state.cursor)
        #expect(back.state.variables == record.state.variables)
        #expect(back.state.answers == record.state.answers)
        #expect(back.state.inputs == record.state.inputs)
        #expect(back.state.seed == 42 && back.state.random == record.state.random)
        #expect(back.state.reasks == 1 && back.state.loopPasses == record.state.loopPasses)
        #expect(back.state.listeners == record.state.listeners)
        #expect(back.state.lastText == record.state.lastText && back.state.explanation == record.state.explanation)
        #expect(back.state.safety == record.state.safety)
        #expect(back.state.summary == record.state.summary)
    }

    @Test func fileNameSortsByStartAndIsSafe() {
        var record = Samples.record()
        #expect(record.fileName == "20261123T091542Z-career-checkin-0123456789ab.json")
        record.flowID = "../evil/flow"
        #expect(!record.fileName.contains("/"))
    }

    @Test func idsAreTwelveHexDigits() {
        let ids = (0..<50).map { _ in SessionRecord.newID() }
        #expect(ids.allSatisfy { $0.count == 12 && $0.allSatisfy(\.isHexDigit) })
        #expect(Set(ids).count == 50)
    }

    /// The benchmark issue's target is under 1 ms in release builds; debug builds are far slower, so
    /// this only guards against a gross regression (such as a slow date formatter).
    @Test func encodingALongSessionIsFast() throws {
        let record = Samples.record(answers: 500)
        let codec = SessionCodec()
        _ = try codec.encode(record)
        let clock = ContinuousClock()
        let elapsed = try clock.measure { for _ in 0..<10 { _ = try codec.encode(record) } } / 10
        #expect(elapsed < .milliseconds(50))
    }
}
