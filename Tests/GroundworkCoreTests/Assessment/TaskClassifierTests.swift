import Foundation
import Testing
import GroundworkTestSupport
@testable import GroundworkCore

private let repoRoot = Repository.root

func bundledClassifier() throws -> (TaskClassifier?, [Diagnostic]) {
    let path = repoRoot.appendingPathComponent("dialogues/classifier/task-exposure.yaml").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var diagnostics: [Diagnostic] = []
    let classifier = TaskClassifier.load(SourceFile(path: path, text: text), diagnostics: &diagnostics)
    return (classifier, diagnostics)
}

private func load(_ text: String) -> (TaskClassifier?, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    let classifier = TaskClassifier.load(SourceFile(path: "rules.yaml", text: text), diagnostics: &diagnostics)
    return (classifier, diagnostics)
}

/// A small rule file whose outcomes are worked out by hand below.
private let tinyRules = """
    id: tiny
    kind: task-classifier
    ignore: [the, of, into, and]
    base:
      E0: {points: 10, reason: "base e0"}
      E1: {points: 0, reason: "base e1"}
      E2: {points: 5, reason: "base e2"}
    families:
      writing: {label: E1, reason: "writing reason", words: [writ*]}
      hands: {label: E0, reason: "hands reason", words: [repair, machine]}
      general-e0: {label: E0, reason: "general e0"}
      data: {label: E2, reason: "data reason", words: [report*, data]}
    rules:
      - {starts: write, points: {E1: 30}, family: writing}
      - {phrase: report, points: {E1: 5, E2: 20}, family: data}
      - {phrase: repair machines, points: {E0: 40}, family: hands}
      - {phrase: data, points: {E2: 8}}
      - {phrase: memo, points: {E2: 5}}
      - {phrase: calibrate, points: {E0: 50}, family: general-e0}
    """

/// The tiny rules with a hand-written layer in front (lines 13 to 17).
private let tinyPhrases = tinyRules.replacingOccurrences(of: "\nrules:\n", with: """

    phrases:
      - {match: [machine translat*, post edit*], label: E1, reason: "editing reason"}
      - {match: [translat*], label: E1, reason: "translating reason"}
      - {match: [repair*, fix* pipe*], label: E0, reason: "hands-on reason"}
      - {match: "e-mail", label: E1, reason: "email reason"}
    rules:

    """)

struct TaskClassifierTests {
    @Test func bundledRulesLoadWithoutDiagnostics() throws {
        let (classifier, diagnostics) = try bundledClassifier()
        #expect(diagnostics.isEmpty, "\(diagnostics.prefix(3).map(\.description))")
        #expect((classifier?.ruleCount ?? 0) > 1000)
    }

    // Worked out from the rules: E0 0+10 vs E1 30+5 vs E2 5+20 → E1, and starts:write is the only
    // matched E1-explaining rule; 'write' not at the start leaves report's E2 20 ahead, but 'write'
    // (a writing word) right beside 'report' keeps the data reason out, and with no general E2
    // family that leaves the base reason; 'machines' stems to 'machine'; 'data' wins E2 by 13 to 10 but has no family, so the base reason; the
    // memo rule makes a 10–10 tie that goes to E0, and counts once however often 'memo' occurs.
    // 'calibrate' wins E0 through a general family: its general reason, citing no words. 'report'
    // is a data word, so right beside it 'repair machine' may not speak for E0 (50 vs 25): the
    // general reason; with a word between ('monthly') writing may speak beside 'reports'.
    @Test(arguments: [
        ("Write the monthly reports.", ExposureLabel.e1, "writing reason", "starts:write"),
        ("Review and write reports", .e2, "base e2", "base:E2"),
        ("REPAIR the machines!", .e0, "hands reason", "phrase:repair machine"),
        ("repair-machine", .e0, "hands reason", "phrase:repair machine"),
        ("Load data into the system", .e2, "base e2", "base:E2"),
        ("Sweep floors", .e0, "base e0", "base:E0"),
        ("Memo after memo after memo", .e0, "base e0", "base:E0"),
        ("", .e0, "base e0", "base:E0"),
        ("Calibrate gauges", .e0, "general e0", "phrase:calibrate"),
        ("Repair machines and report", .e0, "general e0", "phrase:repair machine"),
    ])
    func tinyRulesDecideByPoints(task: String, label: ExposureLabel, reason: String, rule: String) throws {
        let classifier = try #require(load(tinyRules).0)
        let suggestion = classifier.classify(task)
        #expect(suggestion.label == label)
        #expect(suggestion.reason == reason)
        #expect(suggestion.rule == rule)
    }

    // Worked out from the tiny phrases: the first entry that fires decides, whatever the points;
    // 'post-editing' gives 'post edit', 'translations' stems to 'translation' (prefix translat);
    // at most two words between a pattern's words; a task of more than five words needs the
    // pattern at its first word, so the write-then-repair task falls to the mined rules (E0 50, E1
    // 35, E2 25; nothing of another label beside 'repair machines'); 'e-mail' is 'mail'.
    @Test(arguments: [
        ("post-editing machine translations", ExposureLabel.e1, "editing reason", "phrases:machine translat*"),
        ("Translating letters", .e1, "translating reason", "phrases:translat*"),
        ("repair the machines", .e0, "hands-on reason", "phrases:repair*"),
        ("fixing the leaking old pipes", .e0, "hands-on reason", "phrases:fix* pipe*"),
        ("fixing the leaking old copper pipes", .e0, "base e0", "base:E0"),
        ("Write reports then repair machines later", .e0, "hands reason", "phrase:repair machine"),
        ("repair machines then write reports later", .e0, "hands-on reason", "phrases:repair*"),
        ("answering e-mails", .e1, "email reason", "phrases:e-mail"),
    ])
    func phrasesComeFirst(task: String, label: ExposureLabel, reason: String, rule: String) throws {
        let classifier = try #require(load(tinyPhrases).0)
        #expect(classifier.phraseCount == 4)
        let suggestion = classifier.classify(task)
        #expect(suggestion.label == label)
        #expect(suggestion.reason == reason)
        #expect(suggestion.rule == rule)
    }

    // Read from the bundled mined rules (the hand-written phrases set aside): the decisive rules are
    // named beside each case.
    @Test(arguments: [
        // phrase:electrical (general family, so not cited); of the hands-on rules phrase:building
        // has E0 137 and phrase:install E0 133 since mining weighs E1 and E2 up, so 'building' is
        // cited (the same hands-on reason; the citation goes by the winner's points, not margin)
        ("Install electrical wiring in buildings", ExposureLabel.e0, "phrase:install"),
        // phrase:clean E0 226, starts:clean E0 141, phrase:repair E0 65
        ("Clean and repair machines", .e0, "phrase:clean"),
        // starts:write E1 215 (E2 157), phrase:write E1 80, phrase:letter E1 42
        ("Write letters and memos to clients", .e1, "starts:write"),
        // starts:schedule E2 265 (E1 176), phrase:appointment E2 201
        ("Schedule appointments for patients", .e2, "starts:schedule"),
        // starts:analyze E2 162 (E1 103), phrase:analyze E2 110, phrase:data E2 146 (E1 152)
        ("Analyze sales data", .e2, "phrase:data"),
    ])
    func bundledMinedRulesSuggest(task: String, label: ExposureLabel, rule: String) throws {
        var classifier = try #require(try bundledClassifier().0)
        classifier.phrases = []
        let suggestion = classifier.classify(task)
        #expect(suggestion.label == label)
        #expect(suggestion.rule == rule)
        #expect(!suggestion.reason.isEmpty)
    }

    @Test func classificationIsDeterministic() throws {
        let tasks = ["Install electrical wiring in buildings", "Write letters", "Enter data into a database",
                     "Comfort patients", "Draft correspondence and reports"]
        let first = try #require(try bundledClassifier().0)
        let second = try #require(try bundledClassifier().0)
        let once = tasks.map(first.classify)
        #expect(tasks.map(first.classify) == once)
        #expect(tasks.map(second.classify) == once)
    }

    @Test(arguments: [
        // (rule file, line, column, part of the message)
        ("base: {E0: {points: 1, reason: a}, E1: {points: 0, reason: b}}\nrules: []\n", 1, 7, "no entry for 'E2'"),
        (tinyRules + "\n  - {phrase: plan, point: {E1: 3}, family: writing}", 20, 20, "unknown key 'point'"),
        (tinyRules + "\n  - {phrase: plan, points: {E1: 3}, family: poetry}", 20, 45, "unknown family 'poetry'"),
        (tinyRules + "\n  - {phrase: plan, points: {E3: 3}}", 20, 29, "unknown label 'E3'"),
        (tinyRules + "\n  - {phrase: plan, points: {E1: lots}}", 20, 33, "whole number, found 'lots'"),
        (tinyRules + "\n  - {phrase: plan, points: {E2: 3}, family: writing}", 20, 45, "gives no points to E1"),
        (tinyRules + "\n  - {phrase: the of, points: {E1: 3}}", 20, 14, "no words left"),
        (tinyRules + "\n  - {phrase: plan, starts: plan, points: {E1: 3}}", 20, 5, "exactly one of 'phrase'"),
        (tinyRules + "\n  - {phrase: memo, points: {E1: 3}}", 20, 5, "duplicate rule 'phrase:memo'"),
        ("rules: [\n  - {phrase: x\n", 2, 3, "yaml:"),
        (tinyRules + "\n  - {phrase: plan, points: {E1: 3}, family: writing}", 20, 45, "none of the words of its family 'writing'"),
        (tinyPhrases.replacingOccurrences(of: "[translat*]", with: "[translat*, post edit*]"), 15, 5, "pattern 'post edit*' is already listed at line 14"),
        (tinyPhrases.replacingOccurrences(of: "label: E1, reason: \"email reason\"", with: "reason: \"email reason\""), 17, 5, "a phrase needs a label"),
        (tinyPhrases.replacingOccurrences(of: "[repair*,", with: "[re-pair*,"), 16, 14, "'re-pair*' must be one word"),
        (tinyPhrases.replacingOccurrences(of: "{match: [translat*], label", with: "{matches: [translat*], label"), 15, 6, "unknown key 'matches' in a phrase"),
        (tinyPhrases.replacingOccurrences(of: "label: E0, reason: \"hands-on reason\"", with: "label: E4, reason: \"hands-on reason\""), 16, 43, "unknown label 'E4'"),
    ])
    func malformedRulesAreReportedWithLineAndColumn(text: String, line: Int, column: Int, message: String) {
        let (classifier, diagnostics) = load(text)
        #expect(classifier == nil)
        let error = diagnostics.first { $0.severity == .error }
        #expect(error?.location.line == line)
        #expect(error?.location.column == column)
        #expect(error?.message.contains(message) == true, "\(error?.description ?? "no error")")
    }

    @Test func tokensAreLowercasedStemmedAndFiltered() {
        let tokens = TaskClassifier.tokenize("Prepare the company's SUMMARIES, buses & bus-stops; analysis of 3D data",
                                             ignoring: ["the", "of"])
        #expect(tokens == ["prepare", "company", "summary", "buse", "bus", "stop", "analysis", "3d", "data"])
    }

    /// Runs the shipped code path over the labelled tasks the bundled rules were mined from. These are
    /// in-sample figures, a check that the Swift matcher reproduces the mined rules (held-out figures
    /// come from scripts/evaluate-classifier.sh): the Swift classifier reaches 0.823 / 0.708 with the
    /// mined rules alone and 0.810 / 0.684 with the hand-written phrases in front (they were not
    /// fitted to these tasks, so they cost a little in-sample fit). The miner's stronger penalty
    /// (stop 26) fits the training tasks less closely and the held-out occupations better.
    @Test(arguments: [(false, 0.815, 0.70), (true, 0.80, 0.675)])
    func bundledRulesFitTheirTrainingData(withPhrases: Bool, minAccuracy: Double, minKappa: Double) throws {
        let path = repoRoot.appendingPathComponent("../shared/data/task-exposure-train.tsv").standardizedFileURL.path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        var classifier = try #require(try bundledClassifier().0)
        if !withPhrases { classifier.phrases = [] }
        var agree = 0, total = 0
        var matrix = [[Int]](repeating: [0, 0, 0], count: 3)
        for row in text.split(separator: "\n").dropFirst() {
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 5, let human = ExposureLabel(rawValue: String(fields[4])) else { continue }
            let suggested = classifier.classify(String(fields[3])).label
            matrix[human.index][suggested.index] += 1
            if suggested == human { agree += 1 }
            total += 1
        }
        #expect(total == 11_509)
        let n = Double(total)
        let observed = Double(agree) / n
        let chance = (0..<3).reduce(0.0) { sum, k in
            sum + Double(matrix[k].reduce(0, +)) * Double(matrix.map { $0[k] }.reduce(0, +)) / (n * n)
        }
        let kappa = (observed - chance) / (1 - chance)
        #expect(observed > minAccuracy)
        #expect(kappa > minKappa)
    }
}
