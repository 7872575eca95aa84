import Testing
import GroundworkTestSupport
@testable import GroundworkCore

/// The bundled net (`dialogues/rules/safety.yaml`) against the labelled corpus, with recall and
/// false alarms per kind printed for both portions.
@Suite struct SafetyNetTests {
    static let loaded: (net: SafetyNet?, diagnostics: [String]) = {
        let path = "dialogues/rules/safety.yaml"
        guard let text = try? Repository.read(path) else { return (nil, ["cannot read \(path)"]) }
        let (library, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: path, text: text)], prompts: [])
        return (library.safetyNet, diagnostics.map(\.description))
    }()

    static func net() throws -> SafetyNet {
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        return try #require(loaded.net)
    }

    static func report(_ examples: [SafetyCorpus.Example]) throws -> SafetyCorpus.Report {
        let net = try net()
        var report = SafetyCorpus.Report()
        for example in examples { report.add(example, net.assess(example.text).tier) }
        return report
    }

    @Test func theCorpusIsLargeSplitAndCoversEveryKind() {
        let all = SafetyCorpus.tuning + SafetyCorpus.heldOut
        #expect(all.count >= 1_500)
        // The held-out portion was split off by hash before any rule was written; it grows only by
        // batches written apart from the rules by someone who read neither rules nor corpus (1,368
        // lines at the end of stop 24), so that it stays a third of the whole.
        #expect(SafetyCorpus.heldOut.count >= 2_000)
        #expect(Double(SafetyCorpus.heldOut.count) >= Double(all.count) / 3)
        #expect(Set(all.map { $0.text.lowercased() }).count == all.count, "duplicate lines")
        let kinds = Dictionary(grouping: all, by: \.kind)
        #expect(kinds.count >= 15)
        for (kind, examples) in kinds { #expect(examples.count >= 40, "kind \(kind) has \(examples.count) examples") }
        #expect(all.contains { $0.person == "third" } && all.contains { $0.expect == .check })
    }

    /// The portion the rules were written against: the net's own score, printed.
    @Test func tuningPortion() throws {
        let report = try Self.report(SafetyCorpus.tuning)
        print(report.text("safety net, tuning portion"))
        #expect(report.recall >= 0.87)
        #expect(report.alarmRate <= 0.012)
        #expect(report.checkRate <= 0.013)
    }

    /// The held-out portion, never read while writing rules. The targets (every positive caught,
    /// no full alarm, at most 1% gentle checks) are not reached; the floors below are the figures
    /// measured when the net was last changed, so that a change that makes it worse fails here.
    @Test func heldOutPortion() throws {
        let report = try Self.report(SafetyCorpus.heldOut)
        print(report.text("safety net, held-out portion (targets: recall 100%, full alarm 0%, check at most 1%)"))
        #expect(report.recall >= SafetyNetTests.heldOutRecallFloor)
        #expect(report.alarmRate <= SafetyNetTests.heldOutAlarmCeiling)
        #expect(report.checkRate <= SafetyNetTests.heldOutCheckCeiling)
    }

    /// Everyday journal lines (the listening corpus: tired, sad, angry, proud, not at risk) are
    /// where a false alarm costs most: a person who wrote "laughed until my stomach hurt" must not
    /// be shown the crisis message. Counted on both portions of `Tests/Corpora/listening`; the
    /// held-out portion is only counted. A few lines there do ask for the gentle check ("dont know
    /// how much longer i can hold on"), so the ceiling on checks is not zero.
    @Test(arguments: [("tuning", 0, 5), ("held-out", 3, 6)])
    func everydayJournalLines(_ portion: String, _ crisisCeiling: Int, _ checkCeiling: Int) throws {
        let net = try Self.net()
        let lines = try Repository.read("Tests/Corpora/listening/\(portion).tsv").split(separator: "\n").dropFirst()
            .filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: "\t", omittingEmptySubsequences: false).dropFirst(3).first }
        #expect(lines.count > 500)
        let tiers = lines.map { net.assess(String($0)).tier }
        let crisis = tiers.filter { $0 == .crisis }.count, check = tiers.filter { $0 == .check }.count
        print("safety net on \(lines.count) everyday journal lines (listening \(portion)): crisis \(crisis), check \(check)")
        #expect(crisis <= crisisCeiling)
        #expect(check <= checkCeiling)
    }

    static let heldOutRecallFloor = 0.70
    static let heldOutAlarmCeiling = 0.04
    static let heldOutCheckCeiling = 0.045

    @Test(arguments: [
        ("I want to kill myself", "suicide"),
        ("ive been cutting myself again", "self-harm"),
        ("im going to hurt my boss tomorrow, i mean it", "harm-others"),
        ("my partner hits me when hes drunk", "abuse"),
    ])
    func theCategoryIsNamed(_ line: String, _ category: String) throws {
        let found = try Self.net().assess(line)
        #expect(found.tier == .crisis)
        #expect(found.category == category)
        #expect(!found.concepts.isEmpty)
        #expect(found.explanation.hasPrefix("the line suggested risk (\(category)): "))
    }

    /// Matcher decisions on the bundled data: another person as the subject, a barrier word used
    /// as an ordinary word, a real word that is no typo, a guard that spares violence.
    @Test(arguments: [
        ("i reckon my hubby wants to die", SafetyNet.Tier.none),
        ("i think my bestie really wants to die", .none),
        ("i sat in the shed and wanted to die", .crisis),
        ("i feel like im always changing myself to fit in", .none),
        ("i feel fried wanting to die", .crisis),
        ("he pinned me up against the fridge and choked me", .crisis),
        ("if he eats my yoghurt again i will kill him", .none),
        ("my dad grabbed my throat in front of the fridge", .crisis),
        ("death would be a mercy for him now, hes in so much pain", .none),
        ("death would be a relief for my nan at this point", .none),
        ("my death would be a relief for my family", .crisis),
    ])
    func matcherDecisions(_ line: String, _ tier: SafetyNet.Tier) throws {
        let found = try Self.net().assess(line)
        #expect(found.tier == tier, "\(line): \(found.explanation)")
    }
}
