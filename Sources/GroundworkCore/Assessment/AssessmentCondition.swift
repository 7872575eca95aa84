/// A condition over named values, written as data in an `assessment:` block.
///
/// Spelling: a mapping whose keys must all hold — `{exposure.mean: {below: 0.4}, reviews_ai: true}`;
/// a key `any:` takes a list of such mappings of which one must hold. Comparisons are
/// `min` (≥), `max` (≤), `below` (<), `above` (>), or a plain scalar for equality. A name that has
/// no value (or a value of the wrong kind) never satisfies a comparison, so a skipped question
/// cannot raise a flag.
public indirect enum AssessmentCondition: Sendable, Hashable, Codable {
    case all([AssessmentCondition])
    case any([AssessmentCondition])
    case compare(name: String, Comparison)

    /// One comparison against a named value.
    public enum Comparison: Sendable, Hashable, Codable {
        case atLeast(Double)
        case atMost(Double)
        case below(Double)
        case above(Double)
        case equals(Value)
    }

    /// Whether the condition holds when names are looked up with `lookup`.
    public func holds(_ lookup: (String) -> Value) -> Bool {
        switch self {
        case .all(let parts): return parts.allSatisfy { $0.holds(lookup) }
        case .any(let parts): return parts.contains { $0.holds(lookup) }
        case .compare(let name, let comparison):
            let value = lookup(name)
            switch comparison {
            case .atLeast(let x): return value.number.map { $0 >= x } ?? false
            case .atMost(let x): return value.number.map { $0 <= x } ?? false
            case .below(let x): return value.number.map { $0 < x } ?? false
            case .above(let x): return value.number.map { $0 > x } ?? false
            case .equals(let v): return value == v
            }
        }
    }

    /// Every name the condition reads, for validation.
    public var names: [String] {
        switch self {
        case .all(let parts), .any(let parts): return parts.flatMap(\.names)
        case .compare(let name, _): return [name]
        }
    }
}
