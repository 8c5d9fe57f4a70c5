import Linalg
import Support

/// Every fact the pipelines need about one kind of feature learner, in one place: its model type
/// (which loads its bundles), the training settings it owns and checks, how they configure it,
/// which array holds its first-layer filters, what preprocessing it needs, and which pipelines accept it.
///
/// Each model file declares its kind (`LearnerKind.trec`, ...); `ModelKind.learner` is the registry.
/// Adding a learner is one file (the model and its `LearnerKind`) plus one case and registry line.
public struct LearnerKind: Sendable {
    /// The pipelines a learner can serve.
    public enum Use: String, Sendable, CaseIterable {
        /// Video blocks: `learn` and the recognition protocol.
        case video
        /// Whole images: the CIFAR-10 / Fashion-MNIST studies.
        case images
        /// The rotating random-dots experiment (its filters are drawn and probed).
        case rotdots
    }

    /// What configuring a learner depends on besides its own hyperparameters.
    public struct Request: Sendable {
        /// Hidden units (features) to learn.
        public var features: Int
        /// The shared training hyperparameters.
        public var training: LearnerSettings
        /// Values per (whitened) input row.
        public var inputDimension: Int
        /// Frames stacked in a row, for models that see a block as frames (1 for images).
        public var frames: Int

        /// A request for `features` units on rows of `inputDimension` values made of `frames` frames.
        public init(features: Int, training: LearnerSettings, inputDimension: Int, frames: Int = 1) {
            self.features = features
            self.training = training
            self.inputDimension = inputDimension
            self.frames = frames
        }
    }

    /// The kind's command-line name.
    public let kind: ModelKind
    /// The trained model's type (its bundles load through it).
    public let modelType: any LearnedModel.Type
    /// The array holding the first-layer filters as `D x K` (one column per filter), if there is one:
    /// W of the autoencoders, U (factors) of the covariance AE, Wx (input factors) of the gated RBM,
    /// D (centroids) of K-means.
    public let filterArray: String
    /// Whether the model has a hidden bias (so `reluWithBias` differs from the zero-bias ReLU).
    public let hasHiddenBias: Bool
    /// The keys of the `training` section this kind uses: the only ones checked for it
    /// (`validate(_:_:)`) and read by its configuration.
    public let settings: [LearnerSettings.Key]
    /// Whether each frame of a block is whitened on its own (the model sees a block as frames).
    public let whitensFramesSeparately: Bool
    /// The pipelines that accept this learner.
    public let uses: Set<Use>
    /// The pipelines whose default list of learners compared includes this one (the paper's choice).
    public let defaultIn: Set<Use>
    /// The passes over the data it makes under the shared training settings.
    public let passes: @Sendable (LearnerSettings) -> Int
    /// A note every bundle of this kind carries (for approximate re-implementations).
    public let bundleNote: String?
    /// How the pictures rank and caption this kind's filters.
    public let rankFilters: RankedFilters.Ranking
    /// The paper's Hollywood2 mean AP (11-point, percent) for this kind at 600 features (Konda et
    /// al., Figure 5), if it reports one.
    public let paperMeanAP: Double?
    private let makeConfiguration: @Sendable (Request) -> any LearnerConfiguration

    /// A kind from its facts; `configuration` builds the learner a request describes.
    public init(kind: ModelKind, modelType: any LearnedModel.Type, filterArray: String, hasHiddenBias: Bool,
                settings: [LearnerSettings.Key], whitensFramesSeparately: Bool = false, uses: Set<Use> = Set(Use.allCases), defaultIn: Set<Use>? = nil,
                passes: @escaping @Sendable (LearnerSettings) -> Int = { $0.epochs }, bundleNote: String? = nil,
                rankFilters: @escaping RankedFilters.Ranking = RankedFilters.byLength("encoder filters"),
                paperMeanAP: Double? = nil, configuration: @escaping @Sendable (Request) -> any LearnerConfiguration) {
        self.kind = kind
        self.modelType = modelType
        self.filterArray = filterArray
        self.hasHiddenBias = hasHiddenBias
        self.settings = settings
        self.whitensFramesSeparately = whitensFramesSeparately
        self.uses = uses
        self.defaultIn = defaultIn ?? uses
        self.passes = passes
        self.bundleNote = bundleNote
        self.rankFilters = rankFilters
        self.paperMeanAP = paperMeanAP
        makeConfiguration = configuration
    }

    /// Checks the training settings this kind uses (`settings`, in that order), naming the first bad
    /// one under `checks`' prefix; the others are not its to check.
    public func validate(_ training: LearnerSettings, _ checks: SettingChecks) throws(SettingError) {
        for key in settings { try training.check(key, checks) }
    }

    /// The configuration of this learner for `request`.
    public func configuration(for request: Request) -> any LearnerConfiguration { makeConfiguration(request) }

    /// The first-layer filters of a trained model of this kind as a `D x K` matrix, one column per filter.
    public func filterWeights(of model: any LearnedModel) -> Matrix? {
        guard let array = model.arrays[filterArray], array.shape.count == 2 else { return nil }
        return try? array.matrix()
    }

    /// The kinds a pipeline accepts, in registry order.
    public static func kinds(for use: Use) -> [ModelKind] { ModelKind.allCases.filter { $0.learner.uses.contains(use) } }

    /// The kinds a pipeline compares by default, in registry order.
    public static func defaultKinds(for use: Use) -> [ModelKind] { ModelKind.allCases.filter { $0.learner.defaultIn.contains(use) } }
}
