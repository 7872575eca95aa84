import Testing
@testable import GroundworkCore

/// `prompts/safety/message.mustache`: calm, the resources for the person's country, the three choices.
@Suite struct SafetyMessageTests {
    static func render(country: String?) throws -> String {
        let (library, _) = try BundledScripts.load()
        var variables: [String: Value] = ["safety.category": .string("suicide")]
        if let country { variables["safety.country." + country] = .bool(true) }
        return try #require(library.prompts.render("safety/message", variables))
    }

    @Test(arguments: [
        ("us", ["988"], ["116 123"]),
        ("uk", ["116 123", "Samaritans"], ["988"]),
        ("gb", ["116 123", "Samaritans"], ["988"]),
        ("ie", ["116 123", "Samaritans"], ["988"]),
        ("de", [], ["988", "116 123"]),
    ])
    func resourcesFollowTheCountry(_ country: String, _ present: [String], _ absent: [String]) throws {
        let text = try Self.render(country: country)
        for needle in present { #expect(text.contains(needle), "\(country): no '\(needle)'") }
        for needle in absent { #expect(!text.contains(needle), "\(country): unexpected '\(needle)'") }
        #expect(text.contains("findahelpline.com"))
    }

    @Test func noCountryStillGivesTheDirectoryAndTheChoices() throws {
        let text = try Self.render(country: nil)
        #expect(text.contains("findahelpline.com"))
        #expect(text.contains("emergency number"))
        for word in ["continue", "pause", "leave"] { #expect(text.contains(word)) }
        #expect(!text.contains("988") && !text.contains("116 123"))
    }

    /// No diagnosis and no advice beyond reaching help: words that label or instruct stay out.
    @Test(arguments: ["depress", "disorder", "you should", "you must", "diagnos", "calm down", "don't worry"])
    func staysClearOf(_ phrase: String) throws {
        #expect(!(try Self.render(country: "us")).lowercased().contains(phrase))
    }
}
