import Testing
@testable import GroundworkCore

/// Patterns that would blow up a backtracking matcher stay linear-ish: elements × words.
@Suite struct HostilePatternTests {
    private func ruleSet(pattern: String, word: String, reply: String = "matched {1}") throws -> RuleSet {
        let yaml = """
            id: hostile
            keywords:
              - word: \(word)
                patterns:
                  - match: "\(pattern)"
                    replies: ["\(reply)"]
            fallback: ["Please go on."]
            """
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "h.yaml", text: yaml)], prompts: [])
        #expect(diagnostics.map(\.description) == [])
        return try #require(library.ruleSets["hostile"])
    }

    private func seconds(_ body: () -> Void) -> Double {
        let elapsed = ContinuousClock().measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func manyStarsAgainstALongLineThatNeverMatches() throws {
        let set = try ruleSet(pattern: "* * * * * * * x", word: "word")
        let line = Array(repeating: "word", count: 200).joined(separator: " ")
        var memory = ListenerMemory()
        var reply: RuleReply?
        let time = seconds { reply = set.respond(to: line, memory: &memory) }
        #expect(reply?.isFallback == true)
        #expect(time < 0.25)
    }

    @Test func manyStarsAgainstALongLineThatMatchesAtTheEnd() throws {
        // Earlier stars take as few words as they can, so the seventh holds the 199 words.
        let set = try ruleSet(pattern: "* * * * * * * x", word: "x", reply: "matched {7}")
        let line = Array(repeating: "word", count: 199).joined(separator: " ") + " x"
        var memory = ListenerMemory()
        var reply: RuleReply?
        let time = seconds { reply = set.respond(to: line, memory: &memory) }
        // The 199-word part is too long to echo, so the reply is passed over for the fallback.
        #expect(reply?.isFallback == true)
        #expect(time < 0.25)
    }

    @Test func longestPatternAgainstAnAdversarialLine() throws {
        // 32 '* a' pairs then 'b': a backtracking matcher tries every split of 200 'a's.
        let pattern = Array(repeating: "* a", count: 31).joined(separator: " ") + " * b"
        let set = try ruleSet(pattern: pattern, word: "a")
        let line = Array(repeating: "a", count: 200).joined(separator: " ")
        var memory = ListenerMemory()
        var reply: RuleReply?
        let time = seconds { reply = set.respond(to: line, memory: &memory) }
        #expect(reply?.isFallback == true)
        #expect(time < 0.25)
    }

    @Test func patternLongerThanTheLimitIsRefused() {
        let yaml = """
            id: hostile
            keywords:
              - word: a
                patterns:
                  - match: "\(Array(repeating: "* a", count: 33).joined(separator: " "))"
                    replies: ["ok"]
            fallback: ["Please go on."]
            """
        let diagnostics = ScriptLibrary.load(scripts: [SourceFile(path: "h.yaml", text: yaml)], prompts: []).1.map(\.description)
        #expect(diagnostics == ["h.yaml:5:17: error: pattern has more than 64 elements"])
    }

    @Test func megabyteLineThroughTheBundledRuleSetsIsBounded() throws {
        let files = [RulesBundledTests.file("listening.yaml"), RulesBundledTests.file("safety.yaml")]
        let (library, diagnostics) = ScriptLibrary.load(scripts: files, prompts: [])
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        let line = String(repeating: "i remember my mother and i feel sad because ", count: 24_000)
        #expect(line.utf8.count > 1_000_000)
        let set = try #require(library.ruleSets["listening"])
        var memory = ListenerMemory()
        var reply: RuleReply?
        let time = seconds { reply = set.respond(to: line, memory: &memory) }
        #expect(reply?.text.isEmpty == false)
        #expect(time < 5)
        // The safety net reads every word of a long line, in windows: its cost grows with the
        // line's length, not faster (a debug build is slow, so the check is a ratio).
        let net = try #require(library.safetyNet)
        let short = String(line.prefix(25_000)), long = String(line.prefix(100_000))
        var found: [SafetyNet.Tier] = []
        let shortTime = seconds { found.append(net.assess(short).tier) }
        let longTime = seconds { found.append(net.assess(long).tier) }
        #expect(found == [.none, .none])
        #expect(longTime < 8 * max(shortTime, 0.01), "25 KB: \(shortTime) s, 100 KB: \(longTime) s")
    }
}
