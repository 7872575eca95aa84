import Foundation
import Testing
@testable import GroundworkStore

@Suite struct TimestampTests {
    @Test(arguments: [
        (0, "1970-01-01T00:00:00.000Z"),
        (1_795_000_000_123, "2026-11-18T11:06:40.123Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ] as [(Int64, String)])
    func formatsAndParses(_ ms: Int64, _ text: String) {
        let t = Timestamp(millisecondsSince1970: ms)
        #expect(t.description == text)
        #expect(Timestamp(parsing: text) == t)
    }

    @Test func agreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for ms in stride(from: Int64(-86_400_000 * 400), to: 86_400_000 * 365 * 80, by: 86_400_000 * 37 + 12_345_678) {
            let date = Date(timeIntervalSince1970: Double(ms) / 1000)
            #expect(Timestamp(millisecondsSince1970: ms).description == formatter.string(from: date))
        }
    }

    @Test(arguments: ["", "2026-11-23", "2026-11-23T12:00:00", "2026-13-01T00:00:00Z", "2026-11-23T12:00:00.Z", "2026-11-23T12:00:00+01:00"])
    func refusesOtherForms(_ text: String) {
        #expect(Timestamp(parsing: text) == nil)
    }

    @Test func fileNameStampIsSafe() {
        #expect(Samples.start.fileNameStamp == "20261123T091542Z")
    }
}
