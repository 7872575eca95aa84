import Testing
@testable import GroundworkCore

/// `prompts/common/exposure-footer.mustache`, closing every reflection summary.
@Suite struct ExposureFooterTests {
    static func render(_ variables: [String: Value]) throws -> String {
        let (library, _) = try BundledScripts.load()
        return try #require(library.prompts.render("common/exposure-footer", variables))
    }

    @Test func recentCheckinShowsScoreBandAndDateWithoutNudge() throws {
        let text = try Self.render([
            "latest.known": .bool(true), "latest.stale": .bool(false),
            "latest.exposure.score": .number(42), "latest.exposure.band": .string("gradient 2"),
            "latest.date": .string("2026-10-01"), "latest.age_days": .number(53),
        ])
        #expect(text == "Your exposure to AI at your last career check-in (2026-10-01): an exposure score of 42 out of 100 (ILO band: gradient 2).\n")
    }

    @Test func oldCheckinAddsTheNudge() throws {
        let text = try Self.render([
            "latest.known": .bool(true), "latest.stale": .bool(true),
            "latest.exposure.score": .number(61), "latest.exposure.band": .string("gradient 3"),
            "latest.date": .string("2026-05-02"), "latest.age_days": .number(205),
        ])
        #expect(text.hasPrefix("Your exposure to AI at your last career check-in (2026-05-02): an exposure score of 61 out of 100 (ILO band: gradient 3).\n"))
        #expect(text.contains("That was 205 days ago"))
        #expect(text.contains("groundwork start career-checkin"))
    }

    @Test func noCheckinInvitesToTakeIt() throws {
        let text = try Self.render(["latest.known": .bool(false)])
        #expect(text.hasPrefix("You haven't measured your exposure to AI yet."))
        #expect(text.contains("groundwork start career-checkin"))
        #expect(!text.contains("out of 100"))
    }
}
