import Foundation
import Testing
import GroundworkTestSupport
@testable import GroundworkCore

/// The rule sets shipped in `dialogues/rules/`: they load clean and behave as their authors meant.
@Suite struct RulesBundledTests {
    static let folder = Repository.root.appendingPathComponent("dialogues/rules")

    static func file(_ name: String) -> SourceFile {
        let url = folder.appendingPathComponent(name)
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return SourceFile(path: "dialogues/rules/\(name)", text: text)
    }

    static func load(_ name: String) -> (RuleSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let set = RuleSet.load(file(name), diagnostics: &diagnostics)
        return (set, diagnostics)
    }

    static let listening = load("listening.yaml").0
    static let safety: SafetyNet? = ScriptLibrary.load(scripts: [file("safety.yaml")], prompts: []).0.safetyNet

    @Test func everyBundledRuleSetLoadsWithoutDiagnostics() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.contains("listening.yaml") && names.contains("safety.yaml"))
        // safety.yaml is a safety net, not a rule set (SafetyNetLoadingTests checks it).
        for name in names where name != "safety.yaml" {
            let (set, diagnostics) = Self.load(name)
            #expect(diagnostics.map(\.description) == [], "\(name)")
            #expect(set != nil, "\(name)")
        }
    }

    @Test func theScriptLibraryRegistersBoth() {
        let (library, diagnostics) = ScriptLibrary.load(scripts: [Self.file("listening.yaml"), Self.file("safety.yaml")], prompts: [])
        #expect(diagnostics.map(\.description) == [])
        #expect(library.ruleSets.keys.sorted() == ["listening"])
        #expect(library.safetyNet != nil)
    }

    @Test func listeningCoversTheJournalingThemes() throws {
        let set = try #require(Self.listening)
        #expect(set.keywordCount >= 60)
        let themes: Set<String> = ["work", "ai", "fear", "worth", "family", "rest", "money", "community", "change"]
        #expect(themes.isSubset(of: Set(set.groups)))
        #expect(set.keywords.allSatisfy { $0.group != nil })
    }

    static func reply(_ set: RuleSet?, _ line: String) -> RuleReply? {
        var memory = ListenerMemory()
        return set?.respond(to: line, memory: &memory)
    }

    @Test(arguments: [
        ("My boss hates me", "work"),
        ("I am afraid AI will replace me", "ai"),
        ("I feel worthless", "worth"),
        ("my sister never calls", "family"),
        ("I am so tired lately", "exhaustion"),
        ("I have been so worried about my job", "fear"),
        ("whole weekend at home with my kids and i am worn out", "exhaustion"),
        ("I can't pay my rent", "money"),
        ("I feel so lonely", "loneliness"),
        ("happy but terrified", "joy"),
        ("I want to change careers", "change"),
        ("I remember my first job", "memory"),
        ("I am scared of the future", "fear"),
        ("the AI's mistakes all land on me", "ai"),
        ("our AI-driven reviews start next week", "ai"),
        // Questions to the coach get an honest answer about what it is, not "we were discussing you".
        ("Can you help me figure out what to do?", "coach"),
        ("you're just a program aren't you", "coach"),
        ("what should i do about my manager", "coach"),
        ("are you real", "coach"),
    ])
    func listeningFindsTheTheme(line: String, group: String) throws {
        let reply = try #require(Self.reply(Self.listening, line))
        #expect(reply.group == group, "\(reply.explanation)")
        #expect(!reply.isFallback)
    }

    @Test(arguments: [
        ("My boss hates me", "Your boss hates you. That's hard to work around."),
        ("I remember my first job", "Do you often think of your first job?"),
        ("I’m tired", "You're tired, and it sounds like it has been building for a while."),
        ("the sky", "Please go on."),
    ])
    func listeningReflects(line: String, expected: String) {
        #expect(Self.reply(Self.listening, line)?.text == expected)
    }

    @Test func listeningRemembersWhatWasSaidAboutMy() throws {
        let set = try #require(Self.listening)
        var memory = ListenerMemory()
        _ = set.respond(to: "my garden is a mess", memory: &memory)
        #expect(memory.remarks == ["Earlier you mentioned your garden is a mess. That may be part of this too."])
        let recalled = set.respond(to: "hmm", memory: &memory)
        #expect(recalled.text == "Earlier you mentioned your garden is a mess. That may be part of this too.")
    }

    @Test(arguments: [
        ("I want to kill myself", "suicide"),
        ("i wanna kms", "suicide"),
        ("Sometimes I think I should just end it all.", "suicide"),
        ("I just want to die", "suicide"),
        ("I don’t want to live anymore", "suicide"),
        ("everyone would be better off without me", "suicide"),
        ("I've been feeling suicidal", "suicide"),
        ("I am going to take my own life", "suicide"),
        ("I wish I was dead", "suicide"),
        ("I hope I never wake up", "suicide"),
        ("work is fine, but I want to die", "suicide"),
        ("I keep wanting to hurt myself", "self-harm"),
        ("I cut myself again last night", "self-harm"),
        ("I started cutting my arms", "self-harm"),
        ("thinking about self harm", "self-harm"),
        ("I'm afraid I will hurt someone", "harm-others"),
        ("I want to kill him", "harm-others"),
        ("I could stab my boss", "harm-others"),
        ("I want to hurt someone", "harm-others"),
        ("he hits me when he drinks", "abuse"),
        ("My husband beats me", "abuse"),
        ("my dad used to hit us", "abuse"),
        ("I was sexually abused as a child", "abuse"),
        ("I'm scared of my partner", "abuse"),
        ("he threatened to kill me", "abuse"),
    ])
    func safetyCatches(line: String, group: String) throws {
        let found = try #require(Self.safety).assess(line)
        #expect(found.tier != .none, "\(found.explanation)")
        #expect(found.category == group, "\(found.explanation)")
    }

    @Test(arguments: [
        "This deadline is killing me",
        "I could die laughing",
        "I'd kill for a coffee right now",
        "I'm dead tired after that shift",
        "my phone died again",
        "I hurt my back lifting boxes",
        "the news hit me hard",
        "she hurt my feelings",
        "I'm dying to see the new film",
        "we need to kill this project",
        "my boss will kill me if I'm late",
        "I cut my hair short",
        "I want to end it with the gym",
        "I'm scared of my presentation tomorrow",
        "I killed it at the interview 😀",
    ])
    func safetyLetsEverydayLanguagePass(line: String) throws {
        let found = try #require(Self.safety).assess(line)
        #expect(found.tier == .none, "\(found.explanation)")
    }
}

extension RulesBundledTests {
    /// A family keyword's reply names who came up, for the journal's themes.
    @Test(arguments: [("my sister never calls", "sister" as String?), ("dad showed up late again", "dad"), ("the sky", nil)])
    func theFamilyMemberNamedIsMentioned(_ line: String, _ mention: String?) throws {
        let set = try #require(Self.listening)
        var memory = ListenerMemory()
        #expect(set.respond(to: line, memory: &memory).mention == mention)
    }
}
