import Testing
@testable import GroundworkCore

/// The exposure model of the bundled career check-in, against numbers worked out by hand.
@Suite struct ExposureModelEvaluationTests {
    let model: ExposureModel
    init() throws { model = try CareerCheckinFixture.model() }

    func week(_ tasks: [(String, Double, String)], factors: [String: Value] = [:], years: Double? = 5) -> ExposureResult {
        model.evaluate(tasks: tasks.map { ExposureTask(name: $0.0, share: $0.1, label: $0.2) }, factors: factors, years: years)
    }

    @Test func mixedWeekMeasures() {
        // weights 0.5 (E1), 0.3 (E2), 0.2 (E0)
        // alpha = 0.5; beta = 0.5 + 0.5·0.3 = 0.65; zeta = 0.5 + 0.3 = 0.8; score = round(65) = 65
        // mean = 0.65; var = 0.5·0.35² + 0.3·0.15² + 0.2·0.65² = 0.06125 + 0.00675 + 0.0845 = 0.1525
        // sd = √0.1525 = 0.39051…; mean − sd = 0.2595 < 0.5 with mean ≥ 0.6 → gradient 3 (wide spread)
        let r = week([("drafting", 50, "e1"), ("tooling", 30, "e2"), ("meetings", 20, "e0")])
        #expect(abs(r.alpha - 0.5) < 1e-12)
        #expect(abs(r.beta - 0.65) < 1e-12)
        #expect(abs(r.zeta - 0.8) < 1e-12)
        #expect(r.score == 65)
        #expect(abs(r.mean - 0.65) < 1e-12)
        #expect(abs(r.sd - 0.390512) < 1e-6)
        #expect(r.band.name == "gradient 3")
        #expect(r.spreadIsWide)
        #expect(!r.normalised)
        #expect(r.shareNote.isEmpty)
        #expect(r.variables["exposure.sd"] == .number(0.391))
        #expect(r.variables["exposure.beta"] == .number(0.65))
        #expect(r.variables["tasks.share"] == .list([.number(50), .number(30), .number(20)]))
        #expect(r.variables["tasks.label"] == .list([.string("E1"), .string("E2"), .string("E0")]))
    }

    @Test func sharesNotAddingToHundredAreScaledAndSaid() {
        // 30 + 30 = 60 → weights 0.5, 0.5; beta = 0.5, score 50; mean 0.5, sd 0.5 → gradient 3
        let r = week([("a", 30, "e1"), ("b", 30, "e0")])
        #expect(r.normalised)
        #expect(r.shareTotal == 60)
        #expect(r.shareNote == "Your task shares added up to 60 percent, so each was scaled to make 100.")
        #expect(r.score == 50)
        #expect(r.band.name == "gradient 3")
        #expect(r.variables["tasks.share"] == .list([.number(50), .number(50)]))
    }

    @Test func zeroSharesCountEachTaskEqually() {
        // three tasks, no time given → a third each; beta = (1 + 0.5 + 0)/3 = 0.5 → score 50
        let r = week([("a", 0, "e1"), ("b", 0, "e2"), ("c", 0, "e0")])
        #expect(r.score == 50)
        #expect(r.normalised)
    }

    @Test func hundredPercentIsNotNormalised() {
        let r = week([("a", 33.4, "e1"), ("b", 33.3, "e1"), ("c", 33.3, "e1")])
        #expect(!r.normalised)
        #expect(r.score == 100)
        #expect(r.band.name == "gradient 4")
    }

    @Test func scoreRoundsHalfUp() {
        // 25% E2 → beta = 0.125 → 12.5 → 13; 15% E2 → 7.5 → 8 (rounding half away from zero)
        #expect(week([("a", 25, "e2"), ("b", 75, "e0")]).score == 13)
        #expect(week([("a", 15, "e2"), ("b", 85, "e0")]).score == 8)
    }

    /// Whole weeks at and around the band boundaries.
    @Test(arguments: [
        // all E0: mean 0, sd 0 → not exposed
        ([(100.0, "e0")], "not exposed"),
        // 80% E2 + 20% E0: mean 0.4; var 0.8·0.1² + 0.2·0.4² = 0.04; sd 0.2; mean+sd 0.6 → gradient 2
        ([(80, "e2"), (20, "e0")], "gradient 2"),
        // all E2: mean 0.5, sd 0 → gradient 3
        ([(100, "e2")], "gradient 3"),
        // 60% E1 + 40% E0: mean 0.6, sd √0.24 = 0.49; mean−sd 0.11 → gradient 3
        ([(60, "e1"), (40, "e0")], "gradient 3"),
        // all E1: mean 1, sd 0 → gradient 4
        ([(100, "e1")], "gradient 4"),
        // 10% E1 + 90% E0: mean 0.1, sd √0.09 = 0.3; mean+sd = 0.4 → minimal exposure (boundary)
        ([(10, "e1"), (90, "e0")], "minimal exposure"),
        // 5% E1 + 95% E0: mean 0.05, sd √0.0475 = 0.218; mean+sd 0.268 → not exposed
        ([(5, "e1"), (95, "e0")], "not exposed"),
        // 20% E1 + 80% E0: mean 0.2, sd 0.4; mean+sd 0.6 → gradient 1
        ([(20, "e1"), (80, "e0")], "gradient 1"),
        // 80% E1 + 20% E2: mean 0.9; var 0.8·0.1² + 0.2·0.4² = 0.04, sd 0.2; mean−sd 0.7 → gradient 4
        ([(80, "e1"), (20, "e2")], "gradient 4"),
    ] as [([(Double, String)], String)])
    func bandOfWholeWeek(tasks: [(Double, String)], band: String) {
        let r = week(tasks.enumerated().map { ("task \($0.offset)", $0.element.0, $0.element.1) })
        #expect(r.band.name == band)
    }

    /// Every boundary of the ILO 2025 rule, from mean and sd directly (first band that holds wins).
    @Test(arguments: [
        (0.0, 0.0, "not exposed"),
        (0.2, 0.19, "not exposed"),      // mean+sd 0.39 < 0.4
        (0.2, 0.2, "minimal exposure"),  // mean+sd 0.4: the lower edge is in minimal
        (0.3, 0.19, "minimal exposure"), // 0.49 < 0.5
        (0.3, 0.2, "gradient 1"),        // mean+sd 0.5 and mean < 0.4
        (0.39, 0.5, "gradient 1"),
        (0.45, 0.0, "minimal exposure"), // mean in [0.4, 0.5) but mean+sd < 0.5: the earlier rule wins
        (0.4, 0.1, "gradient 2"),        // mean 0.4 is in gradient 2, mean+sd 0.5
        (0.49, 0.3, "gradient 2"),
        (0.5, 0.0, "gradient 3"),        // mean 0.5 is in gradient 3
        (0.59, 0.2, "gradient 3"),
        (0.6, 0.1, "gradient 4"),        // mean 0.6 and mean−sd 0.5 exactly (0.6−0.1 is 0.4999… in floating point)
        (0.6, 0.11, "gradient 3"),       // mean−sd 0.49: wide spread at a high mean
        (0.75, 0.25, "gradient 4"),
        (0.75, 0.26, "gradient 3"),
        (1.0, 0.0, "gradient 4"),
    ])
    func bandBoundaries(mean: Double, sd: Double, band: String) {
        #expect(model.band(mean: mean, sd: sd).name == band)
    }

    @Test func driversAreTasksByContributionThenFactors() {
        // contributions: A 0.2·1 = 0.2; B 0.5·0.5 = 0.25; C 0.3·0 = 0 → B, A; C is not a driver
        let r = week([("A", 20, "e1"), ("B", 50, "e2"), ("C", 30, "e0")],
                     factors: ["info_share": .number(50), "remote": .number(3)])
        #expect(r.driverTasks == ["B", "A"])
        #expect(r.driverFactors == ["moving-information"])
        #expect(r.drivers.first == "B: 50% of your week; software built on a chatbot could halve the time")
        #expect(r.drivers.count == 3)
    }

    @Test func driverTasksAreCappedAtThree() {
        let r = week([("a", 10, "e1"), ("b", 20, "e1"), ("c", 30, "e1"), ("d", 40, "e1")])
        #expect(r.driverTasks == ["d", "c", "b"])
    }

    // MARK: pressures, each at and beside its threshold

    func pressures(_ tasks: [(String, Double, String)], _ factors: [String: Value], years: Double? = 5) -> [String] {
        week(tasks, factors: factors, years: years).pressures.map(\.name)
    }

    let halfExposed: [(String, Double, String)] = [("a", 50, "e1"), ("b", 50, "e2"), ("c", 0, "e0")] // beta 0.75, sd 0.25

    @Test func repricing() {
        // beta 0.5 (50% E1) and standard outputs 40% → flagged
        #expect(pressures([("a", 50, "e1"), ("b", 50, "e0")], ["standard_share": .number(40)]).contains("repricing"))
        // known processes 40% also counts
        #expect(pressures([("a", 50, "e1"), ("b", 50, "e0")], ["routine_share": .number(40)]).contains("repricing"))
        // 39% of either → not
        #expect(!pressures([("a", 50, "e1"), ("b", 50, "e0")], ["standard_share": .number(39), "routine_share": .number(39)]).contains("repricing"))
        // beta 0.49 → not
        #expect(!pressures([("a", 49, "e1"), ("b", 51, "e0")], ["standard_share": .number(80)]).contains("repricing"))
    }

    @Test func fragmentation() {
        // 50/50 E1/E0: sd 0.5 ≥ 0.35 → flagged; all E2: sd 0 → not
        #expect(pressures([("a", 50, "e1"), ("b", 50, "e0")], [:]).contains("fragmentation"))
        #expect(!pressures([("a", 100, "e2")], [:]).contains("fragmentation"))
        // 90/10: sd √(0.09) = 0.3 < 0.35 → not; 85/15: sd √0.1275 = 0.357 → flagged
        #expect(!pressures([("a", 90, "e1"), ("b", 10, "e0")], [:]).contains("fragmentation"))
        #expect(pressures([("a", 85, "e1"), ("b", 15, "e0")], [:]).contains("fragmentation"))
    }

    @Test func brokenLadder() {
        // 30% E1: beta 0.3; two years → flagged
        #expect(pressures([("a", 30, "e1"), ("b", 70, "e0")], [:], years: 2).contains("broken-ladder"))
        // 2.5 years → not
        #expect(!pressures([("a", 30, "e1"), ("b", 70, "e0")], [:], years: 2.5).contains("broken-ladder"))
        // 25% E1: beta 0.25 < 0.3 → not, even in the first year
        #expect(!pressures([("a", 25, "e1"), ("b", 75, "e0")], [:], years: 0).contains("broken-ladder"))
        // years not given → not
        #expect(!pressures(halfExposed, [:], years: nil).contains("broken-ladder"))
    }

    @Test func liabilityBuffer() {
        #expect(pressures(halfExposed, ["reviews_ai": .bool(true)]).contains("liability-buffer"))
        #expect(!pressures(halfExposed, ["reviews_ai": .bool(false)]).contains("liability-buffer"))
        #expect(!pressures(halfExposed, [:]).contains("liability-buffer"))
    }

    @Test func compression() {
        #expect(pressures([("a", 100, "e0")], ["compressed": .bool(true)]) == ["compression"])
        #expect(!pressures([("a", 100, "e0")], ["compressed": .bool(false)]).contains("compression"))
    }

    @Test func wageReset() {
        // 80% E2: beta 0.4 and remote 4 → flagged; remote 3 → not; beta 0.35 (70% E2) → not
        #expect(pressures([("a", 80, "e2"), ("b", 20, "e0")], ["remote": .number(4)]).contains("wage-reset"))
        #expect(!pressures([("a", 80, "e2"), ("b", 20, "e0")], ["remote": .number(3)]).contains("wage-reset"))
        #expect(!pressures([("a", 70, "e2"), ("b", 30, "e0")], ["remote": .number(5)]).contains("wage-reset"))
    }

    @Test func noPressuresForAQuietWeek() {
        #expect(pressures([("a", 100, "e0")], ["remote": .number(5), "standard_share": .number(90)]).isEmpty)
    }

    // MARK: ground

    @Test func groundIsHeldAtFourAndNeverChangesTheScore() {
        let strong: [String: Value] = ["ownership": .number(4), "physical": .number(5), "accountability": .number(3),
                                       "local_knowledge": .number(1), "relational": .number(4), "friction": .number(2)]
        let tasks: [(String, Double, String)] = [("a", 60, "e1"), ("b", 40, "e0")]
        let withGround = week(tasks, factors: strong)
        let without = week(tasks, factors: [:])
        #expect(withGround.score == without.score)
        #expect(withGround.band == without.band)
        #expect(withGround.variables["ground.list"] == .list([.string("ownership"), .string("physical"), .string("relational")]))
        #expect(withGround.variables["ground.accountability"] == .number(3))
        #expect(without.variables["ground.ownership"] == .number(0))
        #expect(without.variables["ground.list"] == .list([]))
        #expect(withGround.scores["ground"] == .list([.string("ownership"), .string("physical"), .string("relational")]))
        #expect(withGround.scores["ground_profile.physical"] == .number(5))
        #expect(withGround.variables["ground.joined"] == .string("ownership, physical and relational"))
        #expect(withGround.variables["exposure.top_task"] == .string("a"))
    }

    @Test func readsTheFlowVariables() {
        let vars: [String: Value] = [
            "task_names": .list([.string("a"), .string("b")]),
            "task_shares": .list([.number(75), .number(25)]),
            "task_labels": .list([.string("e2"), .string("e1")]),
            "years": .number(1),
        ]
        // beta = 0.75·0.5 + 0.25·1 = 0.625 → score 63 (62.5 rounds up); broken ladder (1 year, beta ≥ 0.3)
        let r = model.evaluate(variables: vars)
        #expect(r.score == 63)
        #expect(r.pressures.map(\.name).contains("broken-ladder"))
        #expect(r.variables["exposure.score"] == .number(63))
        #expect(r.scores["exposure.band"] == .string(r.band.name))
    }

    @Test func emptyWeekIsNotExposed() {
        let r = week([])
        #expect(r.score == 0)
        #expect(r.band.name == "not exposed")
        #expect(!r.normalised)
    }

    @Test func taskBarsShowShareAndPlainLabel() {
        let r = week([("letters", 40, "e1"), ("visits", 60, "e0")])
        #expect(r.taskLines == [
            "████████░░░░░░░░░░░░  40%  letters: a chatbot alone could halve the time",
            "████████████░░░░░░░░  60%  visits: a chatbot would not save much time",
        ])
    }
}
