import Testing
@testable import GroundworkCore

/// Loading the `assessment:` block: the bundled one loads cleanly; mistakes are reported by place.
@Suite struct ExposureModelLoadingTests {
    @Test func bundledBlockLoads() throws {
        let model = try CareerCheckinFixture.model()
        #expect(model.labels["e2"]?.beta == 0.5)
        #expect(model.labels["e1"]?.gradient == 1)
        #expect(model.scoreScale == 100)
        #expect(model.bands.map(\.name) == ["not exposed", "minimal exposure", "gradient 1", "gradient 2",
                                           "gradient 3", "gradient 4", "gradient 3"])
        #expect(model.pressures.map(\.name) == ["repricing", "fragmentation", "broken-ladder", "liability-buffer",
                                               "compression", "wage-reset"])
        #expect(model.ground.map(\.name) == ["ownership", "physical", "accountability", "local_knowledge",
                                            "relational", "friction"])
        #expect(model.inputs.taskShares == "task_shares")
        // Every weight, threshold and rule carries its reason.
        #expect(model.labels.values.allSatisfy { !$0.reason.isEmpty })
        #expect((model.bands + model.pressures + model.driverFactors).allSatisfy { !$0.reason.isEmpty })
        #expect(model.ground.allSatisfy { !$0.reason.isEmpty })
        #expect(model.producedNames.contains("ground.local_knowledge"))
    }

    static let minimal = """
        id: x
        assessment:
          labels:
            e0: {alpha: 0, beta: 0, zeta: 0, gradient: 0, plain: "no", reason: "r"}
            e1: {alpha: 1, beta: 1, zeta: 1, gradient: 1, plain: "yes", reason: "r"}
            e2: {alpha: 0, beta: 0.5, zeta: 1, gradient: 0.5, plain: "tools", reason: "r"}
          share_note: {text: "scaled from {total}", reason: "r"}
          spread: {wide_at: 0.3, wide: w, narrow: n, reason: r}
          bands:
            - {name: low, when: {exposure.mean: {below: 0.5}}, text: t, reason: r}
            - {name: high, text: t, reason: r}
        """

    func load(_ text: String) -> (ExposureModel?, [Diagnostic]) {
        ExposureModel.load(flowFile: SourceFile(path: "f.yaml", text: text))
    }

    @Test func minimalBlockLoads() {
        let (model, diagnostics) = load(Self.minimal)
        #expect(diagnostics.isEmpty)
        #expect(model?.bands.count == 2)
        #expect(model?.evaluate(tasks: [ExposureTask(name: "a", share: 1, label: "E1")], factors: [:], years: nil).band.name == "high")
    }

    @Test func noBlockIsNotAnError() {
        let (model, diagnostics) = load("id: x\nnodes: {}\n")
        #expect(model == nil)
        #expect(diagnostics.isEmpty)
    }

    @Test(arguments: [
        // a missing reason beside a label's weights
        (Self.minimal.replacingOccurrences(of: "plain: \"tools\", reason: \"r\"", with: "plain: \"tools\""),
         "f.yaml:6:9: error: missing 'reason'"),
        // the last band has a condition
        (Self.minimal.replacingOccurrences(of: "{name: high, text: t", with: "{name: high, when: {exposure.mean: {min: 0.5}}, text: t"),
         "f.yaml:11:7: error: the last band must have no 'when', so every week gets a band"),
        // an unknown key
        (Self.minimal.replacingOccurrences(of: "  spread:", with: "  sprad: {}\n  spread:"),
         "f.yaml:8:3: error: unknown key 'sprad'; expected one of bands, drivers, ground, inputs, labels, model, pressures, score, share_note, spread"),
        // a label is missing
        (Self.minimal.replacingOccurrences(of: "    e2: {alpha: 0, beta: 0.5, zeta: 1, gradient: 0.5, plain: \"tools\", reason: \"r\"}\n", with: ""),
         "f.yaml:4:5: error: labels: missing 'e2'"),
        // an unknown comparison
        (Self.minimal.replacingOccurrences(of: "{below: 0.5}", with: "{under: 0.5}"),
         "f.yaml:10:42: error: unknown comparison 'under'; expected min, max, below or above"),
        // a weight that is not a number
        (Self.minimal.replacingOccurrences(of: "wide_at: 0.3", with: "wide_at: wide"),
         "f.yaml:8:21: error: 'wide_at' must be a number, found 'wide'"),
    ])
    func mistakesAreReportedWithTheirPlace(text: String, expected: String) {
        let (model, diagnostics) = load(text)
        #expect(model == nil)
        #expect(diagnostics.map(\.description) == [expected])
    }
}
