import Recognition
import Support

/// How a clip's reduced descriptors become the vector its classifiers see: the `encoding` section
/// of a pipeline file. The defaults are the paper's: a whole-clip bag of words with the chi-squared
/// kernel SVM (`vocabulary` and `classifier` settings).
///
/// The encoding in use is a tagged choice, `method`, whose cases own their settings, validation and
/// memory estimate: `bow` has none of its own, `vlad` its words, `fisher` its mixture; the two
/// linear encodings share `linearSVMs`. Every encoding's settings stay in the section (a pipeline file
/// lays flat keys over all of them: `vladWords`, `gmmComponents`, ...), and only the chosen one's are
/// checked and used.
public struct EncodingSettings: Sendable, Equatable {
    /// The encodings, by name.
    public enum Kind: String, SettingChoice, Sendable {
        /// Weighted L1-normalised histograms over the `vocabulary` words, chi-squared kernel SVMs.
        case bow
        /// VLAD over K-means words, signed square root and L2 per cell, linear SVMs.
        case vlad
        /// Fisher vectors under a diagonal GMM, signed square root and L2 per cell, linear SVMs.
        case fisher
    }

    /// VLAD's own settings.
    public struct VLAD: Sendable, Equatable {
        /// K-means words (`vladWords`), fit with the `vocabulary` section's sample, runs, iterations and seed.
        public var words: Int

        /// VLAD over `words` words.
        public init(words: Int = 64) { self.words = words }
    }

    /// The Fisher vectors' own settings.
    public struct Fisher: Sendable, Equatable {
        /// Gaussians of the mixture (`gmmComponents`).
        public var components: Int
        /// EM iterations at most (`gmmIterations`).
        public var iterations: Int
        /// Each Gaussian's variance is at least this fraction of the descriptors' variance along its
        /// dimension (`gmmVarianceFloor`).
        public var varianceFloor: Double

        /// Fisher vectors under `components` Gaussians fit by at most `iterations` EM steps.
        public init(components: Int = 64, iterations: Int = 30, varianceFloor: Double = 1e-3) {
            (self.components, self.iterations, self.varianceFloor) = (components, iterations, varianceFloor)
        }
    }

    /// The linear SVMs of VLAD and Fisher vectors, their cost chosen by cross-validation on the training clips.
    public struct LinearSVMs: Sendable, Equatable {
        /// The costs C tried (`linearCosts`).
        public var costs: [Double]
        /// Folds of the cross-validation (`folds`).
        public var folds: Int

        /// Linear SVMs trying `costs` with `folds`-fold cross-validation.
        public init(costs: [Double] = [0.01, 0.1, 1, 10, 100], folds: Int = 3) { (self.costs, self.folds) = (costs, folds) }
    }

    /// The encoding in use, with its own settings.
    public enum Method: Sendable, Equatable {
        /// Bag of words (its settings are the `vocabulary` and `classifier` sections).
        case bow
        /// VLAD.
        case vlad(VLAD)
        /// Fisher vectors.
        case fisher(Fisher)

        /// Its name.
        public var kind: Kind {
            switch self {
            case .bow: .bow
            case .vlad: .vlad
            case .fisher: .fisher
            }
        }
    }

    /// The encoding in use (`kind`).
    public private(set) var kind = Kind.bow
    /// Grids of the spatio-temporal pyramid, each [frames, height, width] cells; [[1, 1, 1]] is the whole clip.
    public var pyramid = [PyramidGrid.whole]
    /// VLAD's settings, used when `kind` is `vlad`.
    public var vlad = VLAD()
    /// The Fisher vectors' settings, used when `kind` is `fisher`.
    public var fisher = Fisher()
    /// The linear SVMs, used by VLAD and Fisher vectors.
    public var linearSVMs = LinearSVMs()

    /// The paper's encoding.
    public init() {}

    /// The encoding in use with its settings; setting it chooses that encoding and its settings.
    public var method: Method {
        get {
            switch kind {
            case .bow: .bow
            case .vlad: .vlad(vlad)
            case .fisher: .fisher(fisher)
            }
        }
        set {
            kind = newValue.kind
            switch newValue {
            case .bow: break
            case let .vlad(v): vlad = v
            case let .fisher(f): fisher = f
            }
        }
    }

    /// Chooses the encoding `kind` with the settings the section holds for it.
    public mutating func select(_ kind: Kind) { self.kind = kind }

    /// The linear SVMs when the encoding in use is classified by them (VLAD, Fisher vectors).
    public var linearSVMsInUse: LinearSVMs? { kind == .bow ? nil : linearSVMs }

    /// Checks the pyramid (its grids' counts are positive as read) and the settings of the encoding in
    /// use (under `checks`, the section's).
    func validate(_ checks: SettingChecks) throws(SettingError) {
        try checks.require(!pyramid.isEmpty, "pyramid", "must hold at least one grid, e.g. [[1, 1, 1]]")
        switch method {
        case .bow: return
        case let .vlad(v):
            try checks.require(v.words >= 1, "vladWords", "must be at least 1, got \(v.words)")
        case let .fisher(f):
            try checks.require(f.components >= 1, "gmmComponents", "must be at least 1, got \(f.components)")
            try checks.require(f.iterations >= 1, "gmmIterations", "must be at least 1, got \(f.iterations)")
            try checks.require(f.varianceFloor > 0 && f.varianceFloor < 1, "gmmVarianceFloor", "must lie in (0, 1), got \(f.varianceFloor)")
        }
        try checks.require(!linearSVMs.costs.isEmpty && linearSVMs.costs.allSatisfy { $0 > 0 && $0.isFinite }, "linearCosts",
                           "must be a non-empty list of positive costs, got \(linearSVMs.costs)")
        try checks.require(linearSVMs.folds >= 2, "folds", "must be at least 2, got \(linearSVMs.folds)")
    }
}

extension EncodingSettings: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, pyramid, vladWords, gmmComponents, gmmIterations, gmmVarianceFloor, linearCosts, folds
    }

    /// Reads the flat keys of a pipeline file's `encoding` section.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        pyramid = try c.decode([PyramidGrid].self, forKey: .pyramid)
        vlad = VLAD(words: try c.decode(Int.self, forKey: .vladWords))
        fisher = Fisher(components: try c.decode(Int.self, forKey: .gmmComponents), iterations: try c.decode(Int.self, forKey: .gmmIterations),
                        varianceFloor: try c.decode(Double.self, forKey: .gmmVarianceFloor))
        linearSVMs = LinearSVMs(costs: try c.decode([Double].self, forKey: .linearCosts), folds: try c.decode(Int.self, forKey: .folds))
    }

    /// Writes every encoding's settings as flat keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(pyramid, forKey: .pyramid)
        try c.encode(vlad.words, forKey: .vladWords)
        try c.encode(fisher.components, forKey: .gmmComponents)
        try c.encode(fisher.iterations, forKey: .gmmIterations)
        try c.encode(fisher.varianceFloor, forKey: .gmmVarianceFloor)
        try c.encode(linearSVMs.costs, forKey: .linearCosts)
        try c.encode(linearSVMs.folds, forKey: .folds)
    }
}
