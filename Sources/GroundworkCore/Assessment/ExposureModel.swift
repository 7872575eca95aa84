/// The personal AI-exposure model of the career check-in: task labels weighted by time, a band
/// after the ILO 2025 gradient rule, drivers, pressures and the ground a person holds.
///
/// Every weight, threshold and text comes from the flow file's `assessment:` block (see
/// `ExposureModel.load`), each with its reason, so authors change the model without Swift.
public struct ExposureModel: Sendable, Codable {
    /// How one task label counts in each measure (Eloundou et al.: E0, E1, E2).
    public struct LabelWeights: Sendable, Hashable, Codable {
        public var alpha: Double
        public var beta: Double
        public var zeta: Double
        /// The task's score on the ILO gradient scale, used for the band's mean and spread.
        public var gradient: Double
        /// The label said in plain words ("a chatbot alone could do it in half the time").
        public var plain: String
        public var reason: String

        public init(alpha: Double, beta: Double, zeta: Double, gradient: Double, plain: String, reason: String) {
            self.alpha = alpha
            self.beta = beta
            self.zeta = zeta
            self.gradient = gradient
            self.plain = plain
            self.reason = reason
        }
    }

    /// A named rule: a band, a pressure, or a factor that drives the score.
    public struct Rule: Sendable, Hashable, Codable {
        public var name: String
        /// Nil only for a final, catch-all band.
        public var condition: AssessmentCondition?
        /// What the person is told when the rule holds.
        public var text: String
        public var reason: String

        public init(name: String, condition: AssessmentCondition?, text: String, reason: String) {
            self.name = name
            self.condition = condition
            self.text = text
            self.reason = reason
        }
    }

    /// One dimension of the ground a person holds, read from a factor answered on a scale.
    public struct GroundDimension: Sendable, Hashable, Codable {
        public var name: String
        /// The variable holding the answer.
        public var factor: String
        /// The answer at or above which the ground counts as held.
        public var heldAt: Double
        public var text: String
        public var reason: String

        public init(name: String, factor: String, heldAt: Double, text: String, reason: String) {
            self.name = name
            self.factor = factor
            self.heldAt = heldAt
            self.text = text
            self.reason = reason
        }
    }

    /// Names of the flow variables the model reads when evaluated from a session's variables.
    public struct Inputs: Sendable, Hashable, Codable {
        public var taskNames: String
        public var taskShares: String
        public var taskLabels: String
        public var years: String

        public init(taskNames: String = "task_names", taskShares: String = "task_shares",
                    taskLabels: String = "task_labels", years: String = "years") {
            self.taskNames = taskNames
            self.taskShares = taskShares
            self.taskLabels = taskLabels
            self.years = years
        }
    }

    /// What to say about the spread of task scores.
    public struct Spread: Sendable, Hashable, Codable {
        /// A standard deviation at or above this is a wide spread.
        public var wideAt: Double
        public var wide: String
        public var narrow: String
        public var reason: String

        public init(wideAt: Double, wide: String, narrow: String, reason: String) {
            self.wideAt = wideAt
            self.wide = wide
            self.narrow = narrow
            self.reason = reason
        }
    }

    public var inputs: Inputs
    /// Weights by label (`e0`, `e1`, `e2`, lowercase).
    public var labels: [String: LabelWeights]
    /// The headline score is `round(scoreScale × beta)`.
    public var scoreScale: Double
    /// Told when the shares did not add up to 100; `{total}` is replaced by their sum.
    public var shareNote: String
    public var spread: Spread
    /// Ordered: the first band whose condition holds is the person's; the last has no condition.
    public var bands: [Rule]
    /// How many exposed tasks to name as drivers, largest contribution first.
    public var driverTaskCount: Int
    /// Factors that push the score, each flagged by its rule.
    public var driverFactors: [Rule]
    public var pressures: [Rule]
    public var ground: [GroundDimension]
    public var location: SourceLocation

    public init(inputs: Inputs = Inputs(), labels: [String: LabelWeights], scoreScale: Double = 100,
                shareNote: String, spread: Spread, bands: [Rule], driverTaskCount: Int = 3,
                driverFactors: [Rule] = [], pressures: [Rule] = [], ground: [GroundDimension] = [],
                location: SourceLocation) {
        self.inputs = inputs
        self.labels = labels
        self.scoreScale = scoreScale
        self.shareNote = shareNote
        self.spread = spread
        self.bands = bands
        self.driverTaskCount = driverTaskCount
        self.driverFactors = driverFactors
        self.pressures = pressures
        self.ground = ground
        self.location = location
    }
}

/// One task of the person's week as given to the model.
public struct ExposureTask: Sendable, Hashable, Codable {
    public var name: String
    /// Hours or percent: any non-negative amount; the model normalises the shares.
    public var share: Double
    /// `e0`, `e1` or `e2`.
    public var label: String

    public init(name: String, share: Double, label: String) {
        self.name = name
        self.share = share
        self.label = label
    }
}
