import Testing
@testable import GroundworkCore

struct GroupDurationTests {
    @Test(arguments: [("90s", 90.0), ("2m", 120), ("1m30s", 90), ("1h", 3600), ("45", 45), (" 2 m ", 120), ("1M", 60)])
    func parses(_ text: String, _ seconds: Double) {
        #expect(GroupDuration.parse(text) == seconds)
    }

    @Test(arguments: ["", "m", "2x", "-1m", "0", "0s", "1.5", "2m3", "25h", "abc"])
    func refuses(_ text: String) {
        if text == "1.5" {
            #expect(GroupDuration.parse(text) == 1.5)
        } else {
            #expect(GroupDuration.parse(text) == nil)
        }
    }

    @Test(arguments: [(60.0, "1:00"), (59.2, "1:00"), (0.4, "0:01"), (0, "0:00"), (-5, "0:00"), (605, "10:05")])
    func countdown(_ seconds: Double, _ shown: String) {
        #expect(GroupDuration.clock(seconds) == shown)
    }

    @Test(arguments: [(90.0, "1m30s"), (120, "2m"), (45, "45s")])
    func words(_ seconds: Double, _ shown: String) {
        #expect(GroupDuration.words(seconds) == shown)
    }
}
