import Testing
@testable import GroundworkCore

@Suite struct RulesPatternTests {
    /// Word ids for the tests: each distinct word gets the next id.
    static let vocabulary = ["i", "remember", "my", "mother", "father", "feel", "felt", "sad", "a", "b", "c"]

    static func ids(_ text: String) -> [Int32] {
        text.split(separator: " ").map { Int32(vocabulary.firstIndex(of: String($0)) ?? -1) }
    }

    static func compile(_ text: String, groups: [String: [String]] = [:]) -> Pattern? {
        guard case .success(let syntax) = PatternSyntax.parse(text) else { return nil }
        func id(_ w: String) -> Int32 { Int32(vocabulary.firstIndex(of: w) ?? 999) }
        let elements: [Pattern.Element] = syntax.map {
            switch $0 {
            case .star: return .star
            case .one: return .one
            case .word(let w): return .word(id(w))
            case .group(let g): return .set(Set((groups[g] ?? []).map(id)))
            case .alternatives(let alternatives):
                return .anyOf(alternatives.flatMap { alternative -> [Int32] in
                    switch alternative {
                    case .word(let w): return [id(w)]
                    case .group(let g): return (groups[g] ?? []).map(id)
                    }
                })
            }
        }
        return Pattern(elements: elements, source: text)
    }

    /// The text of each part, or nil when the pattern does not match.
    static func parts(_ pattern: String, _ input: String, groups: [String: [String]] = [:]) -> [String]? {
        guard let compiled = compile(pattern, groups: groups) else { return nil }
        let words = input.split(separator: " ").map(String.init)
        guard let starts = compiled.match(ids(input)) else { return nil }
        return (1...max(1, compiled.parts.count)).prefix(compiled.parts.count).map {
            words[compiled.range(ofPart: $0, in: starts)].joined(separator: " ")
        }
    }

    @Test(arguments: [
        // * matches zero or more words; earlier stars take as few as they can
        ("* i remember *", "i remember my mother", ["", "my mother"] as [String]?),
        ("* i remember *", "x y i remember", ["x y", ""]),
        ("* i remember *", "i remember i remember a", ["", "i remember a"]),
        ("*", "", [""]),
        ("*", "a b c", ["a b c"]),
        ("* * *", "a b", ["", "", "a b"]),
        // _ is exactly one word, any word (also one no rule knows)
        ("_ remember *", "zzz remember a", ["zzz", "a"]),
        ("_ remember *", "remember a", nil),
        ("_ remember *", "i i remember a", nil),
        ("* _", "", nil),
        ("_ _", "a b", ["a", "b"]),
        // alternatives: one word out of a few, counted as a part
        ("* i (feel|felt) *", "i felt sad", ["", "felt", "sad"]),
        ("* i (feel|felt) *", "i feel", ["", "feel", ""]),
        ("* i (feel|felt) *", "i remember", nil),
        // synonym groups
        ("* my @family *", "a my father b", ["a", "father", "b"]),
        ("* my @family *", "my c", nil),
        ("* my (@family|c) *", "my c", ["", "c", ""]),
        // literals must match in full
        ("i remember", "i remember", []),
        ("i remember", "i remember a", nil),
        ("a * c", "a b b b c", ["b b b"]),
        ("a * c", "a c c", ["c"]),
    ])
    func matching(pattern: String, input: String, expected: [String]?) {
        #expect(Self.parts(pattern, input, groups: ["family": ["mother", "father"]]) == expected)
    }

    @Test func hostilePatternsStayFast() throws {
        // Many stars and a near-miss input: naive backtracking would take exponential time.
        let pattern = try #require(Self.compile(Array(repeating: "* a", count: 30).joined(separator: " ") + " * c"))
        let input = [Int32](repeating: Int32(Self.vocabulary.firstIndex(of: "a") ?? 0), count: 200)
        #expect(pattern.match(input) == nil)
    }

    @Test(arguments: [
        ("* i remember *", [PatternSyntax.star, .word("i"), .word("remember"), .star]),
        ("_ (A | b|@fam) @Family", [.one, .alternatives([.word("a"), .word("b"), .group("fam")]), .group("family")]),
        ("I’M *", [.word("i'm"), .star]),
        ("  x  ", [.word("x")]),
    ])
    func parsing(text: String, expected: [PatternSyntax]) throws {
        #expect(try PatternSyntax.parse(text).get() == expected)
    }

    @Test(arguments: [
        ("* (a|b *", "unbalanced '(' in pattern '* (a|b *'", 2),
        ("a ) b", "unbalanced ')' in pattern 'a ) b'", 2),
        ("* not (so|very)? tired *", "'?' never matches (patterns have no optional parts; write a second pattern) in pattern '* not (so|very)? tired *'", 15),
        ("(a||b)", "empty alternative in pattern '(a||b)'", 3),
        ("(|a)", "empty alternative in pattern '(|a)'", 1),
        ("(a|)", "empty alternative in pattern '(a|)'", 3),
        ("(a b)", "alternatives must be single words separated by '|' in pattern '(a b)'", 3),
        ("(a|*)", "'*' cannot be an alternative in pattern '(a|*)'", 3),
        ("(a (b))", "nested '(' in pattern '(a (b))'", 3),
        ("@ x", "'@' needs a synonym group name", 0),
        ("", "empty pattern", 0),
        ("   ", "empty pattern", 0),
    ])
    func malformed(text: String, message: String, offset: Int) {
        #expect(PatternSyntax.parse(text) == .failure(PatternSyntax.Problem(message: message, offset: offset)))
    }

    @Test func tooManyElements() {
        let text = Array(repeating: "a", count: PatternSyntax.maxElements + 1).joined(separator: " ")
        #expect(PatternSyntax.parse(text) == .failure(PatternSyntax.Problem(message: "pattern has more than 64 elements", offset: 0)))
    }
}
