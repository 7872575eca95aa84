/// What reflection and journaling need from the interpreter: themes collected from the listening
/// replies, and the person's country for the safety message's resources.
extension Interpreter {
    /// List variable holding the keyword groups (`group:`) of the reflect replies so far, each once,
    /// in the order they first came up; journal and reflection summaries show them as themes.
    static let themesVariable = "reflect.themes"

    /// Start variable with the person's country (`US`, `UK`, `IE`, …), from `--country` or the profile.
    static let countryVariable = "country"

    /// A new session's memory for a rule set: the remarks earlier sessions left, from the start variables.
    func rememberedMemory(for ruleSet: String) -> ListenerMemory {
        let names = Engine.rememberedVariables(ruleSet)
        let texts = state.variables[names.texts]?.list ?? []
        let days = state.variables[names.days]?.list ?? []
        let carried = zip(texts, days).compactMap { text, days -> CarriedRemark? in
            guard case .string(let words) = text, let n = days.number, n >= 0 else { return nil }
            return CarriedRemark(text: words, days: Int(n))
        }
        return ListenerMemory(carried: carried)
    }

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
    /// Start variables with the remarks an earlier session left for rule set ID: `remembered.ID.texts`
    /// (their `later:` wording, with `{when}`) and `remembered.ID.days` (how long ago, in days).
    public static func rememberedVariables(_ ruleSet: String) -> (texts: String, days: String) {
        ("remembered.\(ruleSet).texts", "remembered.\(ruleSet).days")
    }

    /// `safety.country.<code>` set to true for `country` (its letters, lowercased), the context the
    /// `safety/message` and `safety/resources` prompts use to show that country's crisis line.
    public static func safetyCountryFlags(_ country: String?) -> [String: Value] {
        guard let country else { return [:] }
        let code = String(country.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) })
        guard !code.isEmpty else { return [:] }
        return ["safety.country." + code: .bool(true)]
    }
}
