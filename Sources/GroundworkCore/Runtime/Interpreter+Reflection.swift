/// What reflection and journaling need from the interpreter: themes collected from the listening
/// replies, and the person's country for the safety message's resources.
extension Interpreter {
    /// List variable holding the keyword groups (`group:`) of the reflect replies so far, each once,
    /// in the order they first came up; journal and reflection summaries show them as themes.
    static let themesVariable = "reflect.themes"

    /// Start variable with the person's country (`US`, `UK`, `IE`, …), from `--country` or the profile.
    static let countryVariable = "country"

    /// Adds a reply's keyword group to `reflect.themes` unless it is already there.
    mutating func recordTheme(_ group: String?) {
        guard let group, !group.isEmpty else { return }
        var themes = state.variables[Self.themesVariable]?.list ?? []
        guard !themes.contains(.string(group)) else { return }
        themes.append(.string(group))
        state.variables[Self.themesVariable] = .list(themes)
    }

    /// `safety.country.<code>` set to true for the session's country (lowercased letters), so the
    /// safety template can show that country's crisis line with a plain Mustache section.
    func countryFlags() -> [String: Value] {
        Engine.safetyCountryFlags(state.variables[Self.countryVariable]?.string)
    }
}

extension Engine {
    /// `safety.country.<code>` set to true for `country` (its letters, lowercased), the context the
    /// `safety/message` and `safety/resources` prompts use to show that country's crisis line.
    public static func safetyCountryFlags(_ country: String?) -> [String: Value] {
        guard let country else { return [:] }
        let code = String(country.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) })
        guard !code.isEmpty else { return [:] }
        return ["safety.country." + code: .bool(true)]
    }
}
