import Testing
@testable import GroundworkCore

/// The bundled classifier on the everyday phrasings of `Tests/Corpora/tasks`, both portions.
struct TaskPhrasingCorpusTests {
    private static func report(_ examples: [TaskPhrasingCorpus.Example]) throws -> TaskPhrasingCorpus.Report {
        let classifier = try #require(try bundledClassifier().0)
        var report = TaskPhrasingCorpus.Report()
        for example in examples { report.add(example, classifier.classify(example.text).label) }
        return report
    }

    @Test func theCorpusIsLargeSplitAndSpreadOverOccupations() {
        let all = TaskPhrasingCorpus.tuning + TaskPhrasingCorpus.heldOut
        #expect(all.count >= 150)
        #expect(Set(all.map(\.occupation)).count >= 25)
        #expect(Double(TaskPhrasingCorpus.heldOut.count) >= 0.25 * Double(all.count))
        #expect(Set(all.map { $0.text.lowercased() }).count == all.count, "duplicate lines")
        #expect(Set(all.map(\.kind)) == ["plain", "sentence", "vocab", "trade", "ai-tool", "misleading"])
        for label in ExposureLabel.allCases {
            #expect(TaskPhrasingCorpus.heldOut.filter { $0.label == label }.count >= 15, "few \(label.rawValue) held out")
        }
    }

    /// The portion the phrases were written against.
    @Test func tuningPortion() throws {
        let report = try Self.report(TaskPhrasingCorpus.tuning)
        print(report.text("everyday phrasings, tuning portion"))
        #expect(report.agreement >= 0.97)
    }

    /// The held-out portion, never read while writing phrases. The target (95%) is not reached: 87.6%
    /// (404 of 461) after stop 29's round, which added 396 phrasings in four batches, each measured
    /// before the rules changed (the 134 new held-out lines 104 then, 113 after). The floor is just
    /// under the figure measured when the phrases last changed, so a change that makes it worse fails.
    @Test func heldOutPortion() throws {
        let report = try Self.report(TaskPhrasingCorpus.heldOut)
        print(report.text("everyday phrasings, held-out portion (target 95%)"))
        #expect(report.agreement >= Self.heldOutFloor)
    }

    static let heldOutFloor = 0.87

    /// How much of the week a task takes is said in the opening; it must not change the label.
    @Test(arguments: ["i spend most of my week ", "mostly ", "a lot of ", "I spend a lot of time ", "most of my day is ",
                      "basically just ", "i spend half my shift ", "the bulk of my week is ", "a big chunk of my day is "])
    func sentenceStyleOpeningsKeepTheLabel(opening: String) throws {
        let classifier = try #require(try bundledClassifier().0)
        let changed = (TaskPhrasingCorpus.tuning + TaskPhrasingCorpus.heldOut).filter {
            classifier.classify(opening + $0.text).label != classifier.classify($0.text).label
        }
        #expect(changed.isEmpty, "\(changed.count) changed, e.g. \(changed.prefix(3).map(\.text))")
    }

    /// The examples of untrue reasons: each now names what the task says.
    @Test(arguments: [
        ("building new screens in react from the figma designs", ExposureLabel.e1, "react"),
        ("walking the floor, sorting out problems with pickers and drivers", .e0, "walk* floor"),
        ("teaching a new grad nurse the ropes", .e0, "teach*"),
        ("I spend most of my week answering customer emails", .e1, "email*"),
        ("updating salesforce after every meeting", .e2, "salesforce"),
        ("using chatgpt to draft replies to reviews", .e1, "chatgpt repl*"),
        ("setting the end of term test for year 8", .e1, "end term test*"),
        ("testing water samples for bacteria", .e0, "test* sample*"),
    ])
    func reasonsNameTheirEvidence(task: String, label: ExposureLabel, evidence: String) throws {
        let classifier = try #require(try bundledClassifier().0)
        let suggestion = classifier.classify(task)
        #expect(suggestion.label == label, "\(task): \(suggestion.rule)")
        #expect(suggestion.matched == evidence, "\(task): \(suggestion.rule)")
    }
}

/// The rule file's everyday layer: lead-ins, vocabulary, phrases that match anywhere or only in short tasks.
struct TaskClassifierEverydayLayerTests {
    private static let rules = """
    id: t
    kind: task-classifier
    ignore: [the, of, my, i]
    lead_ins: [spend* most week, mostly, lot]
    vocabulary:
      crm: [salesforce, zendesk]
    base:
      E0: {points: 1, reason: "base e0"}
      E1: {points: 0, reason: "base e1"}
      E2: {points: 0, reason: "base e2"}
    phrases:
      - {match: [writ*], label: E1, reason: "writing", within: 3}
      - {match: [crm], label: E2, reason: "crm", anywhere: true}
      - {match: [email*], label: E1, reason: "email"}
    rules: []
    """

    private static func load(_ text: String) -> (TaskClassifier?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let classifier = TaskClassifier.load(SourceFile(path: "rules.yaml", text: text), diagnostics: &diagnostics)
        return (classifier, diagnostics)
    }

    @Test(arguments: [
        // A lead-in comes off the front, again and again, so the phrase starts at the first word.
        ("i spend most of my week mostly answering emails", ExposureLabel.e1, "phrases:email*"),
        // Without the lead-ins the task is six words long and 'email*' may only open it.
        ("i spend most of the week answering the customer emails for the shop", .e1, "phrases:email*"),
        ("answering the customer emails for the shop on sundays", .e0, "base:E0"),
        // A vocabulary name reads as its plain word; an anywhere phrase fires deep in a long task.
        ("answering angry people on the phone then updating zendesk later", .e2, "phrases:crm"),
        // 'within: 3' keeps a fallback to short answers.
        ("writing notes", .e1, "phrases:writ*"),
        ("writing down the readings from the meters", .e0, "base:E0"),
        // A task that is only a lead-in keeps its words.
        ("mostly", .e0, "base:E0"),
    ])
    func everydayLayer(task: String, label: ExposureLabel, rule: String) throws {
        let classifier = try #require(Self.load(Self.rules).0)
        let suggestion = classifier.classify(task)
        #expect(suggestion.label == label)
        #expect(suggestion.rule == rule)
    }

    @Test func theVocabularyWordIsShownAsThePersonWroteIt() throws {
        let classifier = try #require(Self.load(Self.rules).0)
        #expect(classifier.classify("updating salesforce").matched == "salesforce")
    }

    @Test(arguments: [
        ("vocabulary:\n  crm: [salesforce]\n  tracker: [salesforce]\n", "'salesforce' is already read as 'crm'"),
        ("vocabulary:\n  crm: [sales force]\n", "each name must be one word"),
        ("vocabulary: [crm]\n", "'vocabulary' must be a mapping"),
        ("lead_ins: mostly\n", "'lead_ins' must be a list"),
        ("phrases:\n  - {match: [x1], label: E1, reason: r, within: 0}\n", "'within' must be a number of words above 0"),
        ("phrases:\n  - {match: [x1], label: E1, reason: r, anywhere: maybe}\n", "'anywhere' must be true or false"),
    ])
    func mistakesAreNamed(block: String, message: String) {
        let text = """
        id: t
        kind: task-classifier
        base:
          E0: {points: 1, reason: "a"}
          E1: {points: 0, reason: "b"}
          E2: {points: 0, reason: "c"}
        \(block)rules: []
        """
        let (classifier, diagnostics) = Self.load(text)
        #expect(classifier == nil)
        #expect(diagnostics.contains { $0.message.contains(message) }, "\(diagnostics.map(\.message))")
    }
}
