import Foundation
import Testing
@testable import GroundworkCore

/// ELIZA's constructs in the rule format: the opening line, PRE, a keyword's own NONE replies,
/// memory chosen by a hash of the last word and recalled on every n-th line, ELIZA's keyword
/// stack, and empty parts kept. Each option is compared with the default it stands beside.
@Suite struct ElizaConstructTests {
    /// A rule set with `options` at its root and the keywords every test below uses.
    static func yaml(_ options: String = "", memory: String = "") -> String {
        """
        id: t
        \(options)
        reflections: {i: you, my: your, am: are, you: I}
        keywords:
          - word: youre
            patterns:
              - match: "* youre *"
                replies: [{pre: "you are {2}", goto: you}]
          - word: you
            rank: 1
            patterns:
              - match: "* you are *"
                replies: ["What makes you think I am {2}?"]
          - word: [computer, computers]
            rank: 5
            patterns:
              - match: "* computer is *"
                replies: ["The computer is {2}?"]
            none: ["Do machines worry you?", "Why mention machines?"]
          - word: dream
            rank: 3
            patterns:
              - match: "* i dreamed *"
                replies: ["A dream."]
          - word: mother
            rank: 2
            patterns:
              - match: "*"
                replies: ["Your family."]
          - word: my
            rank: 1
        \(memory.isEmpty ? "" : "    memory:\n" + memory)
            patterns:
              - match: "* my *"
                replies: ["Your {2}?"]
          - word: am
            patterns:
              - match: "* i am *"
                replies: ["Because you are {2}?", "Go on."]
        fallback: ["Please go on."]
        """
    }

    static func load(_ text: String) -> (RuleSet?, [String]) {
        var diagnostics: [Diagnostic] = []
        let set = RuleSet.load(SourceFile(path: "t.yaml", text: text), diagnostics: &diagnostics)
        return (set, diagnostics.map(\.description))
    }

    static func replies(_ lines: [String], _ text: String) throws -> [String] {
        let set = try #require(load(text).0, "\(load(text).1)")
        var memory = ListenerMemory()
        return lines.map { set.respond(to: $0, memory: &memory).text }
    }

    @Test(arguments: [
        ("", nil as String?),
        ("opening: \"How do you do. What is on your mind?\"", "How do you do. What is on your mind?"),
    ])
    func theOpeningLine(_ options: String, _ expected: String?) throws {
        #expect(try #require(Self.load(Self.yaml(options)).0).opening == expected)
    }

    @Test(arguments: [
        // PRE rewrites the line ("you are …", the part as typed) and answers with 'you'.
        ("youre not listening", "What makes you think I am not listening?"),
        ("well youre wrong about all of it", "What makes you think I am wrong about all of it?"),
        // A keyword's own replies when none of its patterns match, in turn; a match still wins.
        ("computers frighten me", "Do machines worry you?"),
        ("my computer is slow", "The computer is slow?"),
    ])
    func preAndNone(_ line: String, _ expected: String) throws {
        #expect(try Self.replies([line], Self.yaml()) == [expected])
    }

    @Test func noneRepliesRotate() throws {
        #expect(try Self.replies(["computers", "a computer", "computers again"], Self.yaml())
            == ["Do machines worry you?", "Why mention machines?", "Do machines worry you?"])
    }

    @Test(arguments: [
        // 'dream' has nothing to say; sorted, 'mother' (2) comes before 'my' (1); ELIZA's stack put
        // 'mother' at the bottom because it ranks below 'dream', the top when it was met.
        ("", "the dream was about my mother", "Your family."),
        ("stack: sorted", "the dream was about my mother", "Your family."),
        ("stack: eliza", "the dream was about my mother", "Your mother?"),
        // A keyword ranked above the top goes on top in both orders.
        ("stack: eliza", "my mother owns a computer", "Do machines worry you?"),
    ])
    func theKeywordStack(_ options: String, _ line: String, _ expected: String) throws {
        #expect(try Self.replies([line], Self.yaml(options)) == [expected])
    }

    @Test(arguments: [
        // By default a reply with an empty part is passed over; 'keep' fills it with nothing.
        ("", "Go on."),
        ("empty_parts: pass", "Go on."),
        ("empty_parts: keep", "Because you are ?"),
    ])
    func emptyParts(_ options: String, _ expected: String) throws {
        #expect(try Self.replies(["i am"], Self.yaml(options)) == [expected])
    }

    static let hashMemory = """
              match: "* my *"
              choose: hash
              replies: ["A {2}.", "B {2}.", "C {2}.", "D {2}."]
        """

    @Test(arguments: ["dog", "house", "job", "sister", "car"])
    func hashPicksTheRemarkByTheLastWord(_ word: String) throws {
        let set = try #require(Self.load(Self.yaml(memory: Self.hashMemory)).0)
        var memory = ListenerMemory()
        _ = set.respond(to: "my \(word)", memory: &memory)
        let letter = ["A", "B", "C", "D"][RuleSet.hash(word) % 4]
        #expect(memory.remarks == ["\(letter) \(word)."])
        // The same last word picks the same remark whatever came before; rotation would move on.
        var other = ListenerMemory()
        _ = set.respond(to: "my old", memory: &other)
        _ = set.respond(to: "my \(word)", memory: &other)
        #expect(other.remarks.last == "\(letter) \(word).")
    }

    @Test func rotationMovesOnWhateverTheWord() throws {
        let memory = "      match: \"* my *\"\n      replies: [\"A {2}.\", \"B {2}.\"]"
        let set = try #require(Self.load(Self.yaml(memory: memory)).0)
        var state = ListenerMemory()
        for line in ["my dog", "my dog too"] { _ = set.respond(to: line, memory: &state) }
        #expect(state.remarks == ["A dog.", "B dog too."])
    }

    @Test(arguments: [
        // Remembered on line 1; lines 2-4 match nothing. 'always' recalls at once, 'recall: 4'
        // only on the fourth line, as ELIZA's counter did.
        ("", ["Your dog?", "A dog.", "Please go on.", "Please go on."]),
        ("recall: always", ["Your dog?", "A dog.", "Please go on.", "Please go on."]),
        ("recall: 4", ["Your dog?", "Please go on.", "Please go on.", "A dog."]),
    ])
    func recallEveryNthLine(_ options: String, _ expected: [String]) throws {
        let memory = "      match: \"* my *\"\n      replies: [\"A {2}.\"]"
        #expect(try Self.replies(["my dog", "hmm", "well", "ok"], Self.yaml(options, memory: memory)) == expected)
    }

    @Test(arguments: [
        ("stack: random", "t.yaml:2:8: error: 'stack' must be 'sorted'"),
        ("empty_parts: drop", "t.yaml:2:14: error: 'empty_parts' must be 'pass'"),
        ("recall: 0", "t.yaml:2:9: error: 'recall' must be 'always' or a whole number"),
        ("recall: sometimes", "t.yaml:2:9: error: 'recall' must be 'always' or a whole number"),
        ("opening: \"\"", "t.yaml:2:10: error: 'opening' is empty"),
        ("openning: hi", "t.yaml:2:1: error: unknown key 'openning' in rule set"),
    ])
    func rootOptionsAreChecked(_ options: String, _ expected: String) {
        let found = Self.load(Self.yaml(options)).1
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }

    @Test(arguments: [
        ("replies: [{pre: \"you are {2}\", goto: you}]", "replies: [{pre: \"you are {2}\"}]",
         "t.yaml:8:25: error: a 'pre' reply needs 'goto'"),
        ("replies: [{pre: \"you are {2}\", goto: you}]", "replies: [{pre: \"you are {3}\", goto: you}]",
         "t.yaml:8:34: error: reply uses {3} but pattern '* youre *' has 2 parts"),
        ("replies: [{pre: \"you are {2}\", goto: you}]", "replies: [{pre: \"you are {2}\", goto: yuo}]",
         "t.yaml:8:46: error: goto to unknown keyword 'yuo'"),
        ("none: [\"Do machines worry you?\", \"Why mention machines?\"]", "none: [\"Machines {1}?\"]",
         "t.yaml:19:22: error: 'none' reply uses {1} but nothing was matched"),
        ("none: [\"Do machines worry you?\", \"Why mention machines?\"]", "none: []",
         "t.yaml:19:11: error: 'none' is empty"),
        ("none: [\"Do machines worry you?\", \"Why mention machines?\"]", "nones: [\"Hm.\"]",
         "t.yaml:19:5: error: unknown key 'nones' in keyword; did you mean 'none'?"),
    ])
    func newKeysAreChecked(_ old: String, _ new: String, _ expected: String) {
        let text = Self.yaml().replacingOccurrences(of: old, with: new)
        #expect(text != Self.yaml())
        let found = Self.load(text).1
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }

    @Test(arguments: [
        ("      match: \"* my *\"\n      choose: random\n      replies: [\"A {2}.\"]", "error: 'choose' must be 'rotation'"),
        ("      match: \"* my *\"\n      chose: hash\n      replies: [\"A {2}.\"]", "error: unknown key 'chose' in memory"),
    ])
    func memoryChoiceIsChecked(_ memory: String, _ expected: String) {
        let found = Self.load(Self.yaml(memory: memory)).1
        #expect(found.contains { $0.contains(expected) }, "\(found)")
    }

    /// The demonstration rule set in Tests/Corpora/listening/eliza answers its lines as the golden
    /// file says (re-record with GROUNDWORK_RECORD=1 and read the diff).
    @Test func theDemonstrationGolden() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Corpora/listening/eliza")
        let rules = try String(contentsOf: folder.appendingPathComponent("constructs.yaml"), encoding: .utf8)
        let lines = try String(contentsOf: folder.appendingPathComponent("constructs.lines"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        var diagnostics: [Diagnostic] = []
        let set = try #require(RuleSet.load(SourceFile(path: "constructs.yaml", text: rules), diagnostics: &diagnostics), "\(diagnostics)")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        var memory = ListenerMemory()
        var out = "# Replies of constructs.yaml to constructs.lines, one after another (ElizaConstructTests).\n"
        out += (set.opening ?? "") + "\n"
        for line in lines {
            let reply = set.respond(to: line, memory: &memory)
            out += "> \(line)\n\(reply.text)\n    (\(reply.explanation))\n"
        }
        let golden = folder.appendingPathComponent("constructs.golden")
        if ProcessInfo.processInfo.environment["GROUNDWORK_RECORD"] == "1" {
            try out.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: golden, encoding: .utf8) == out)
    }
}
