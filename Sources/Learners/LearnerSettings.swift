import Foundation
import Support

/// How a feature learner is trained: the SGD, ZAE, contractive-AE and factored-model
/// hyperparameters every pipeline shares. The video pipeline (`model.training`), the random-dots
/// run (`training`) and the image studies (`training`) each embed one, with their own defaults;
/// `LearnerKind.configuration(features:training:inputDimension:frames:)` turns it into a learner. `init()` gives the paper's video settings.
public struct LearnerSettings: Codable, Sendable, Equatable {
    /// Training epochs in all, warm-up included (gradient-trained models).
    public var epochs: Int
    /// Epochs at the warm-up learning rate.
    public var warmupEpochs: Int
    /// The learning rate after warm-up.
    public var learningRate: Double
    /// The warm-up learning rate.
    public var warmupLearningRate: Double
    /// Classical momentum.
    public var momentum: Double
    /// Minibatch size.
    public var batchSize: Int
    /// ZAE threshold theta (TRec and TLin).
    public var theta: Double
    /// Length of the initial weight columns (whitened training examples scaled to this length).
    public var initialNorm: Double
    /// Contraction strength of the contractive AE (negative: "uncontraction").
    public var contraction: Double
    /// Factors of the covariance AE and the gated RBM (0: as many as features).
    public var factors: Int
    /// Lloyd iterations of spherical K-means (0: `epochs`).
    public var kmeansIterations: Int

    /// The given settings; every one left out is the paper's.
    public init(epochs: Int = 50, warmupEpochs: Int = 3, learningRate: Double = 0.001, warmupLearningRate: Double = 0.0001,
                momentum: Double = 0.9, batchSize: Int = 100, theta: Double = 1, initialNorm: Double = 1, contraction: Double = 1,
                factors: Int = 256, kmeansIterations: Int = 0) {
        self.epochs = epochs
        self.warmupEpochs = warmupEpochs
        self.learningRate = learningRate
        self.warmupLearningRate = warmupLearningRate
        self.momentum = momentum
        self.batchSize = batchSize
        self.theta = theta
        self.initialNorm = initialNorm
        self.contraction = contraction
        self.factors = factors
        self.kmeansIterations = kmeansIterations
    }

    /// The passes over the data a `kind` learner makes (its registry entry says: K-means counts its
    /// iterations, the others epochs).
    public func epochs(for kind: ModelKind) -> Int { kind.learner.passes(self) }

    /// Factors of a factored model with `features` hidden units.
    public func factors(features: Int) -> Int {
        factors > 0 ? factors : features
    }

    /// The momentum SGD schedule.
    public var sgd: MomentumSGD {
        MomentumSGD(epochs: epochs, batchSize: batchSize, momentum: momentum, learningRate: learningRate,
                    warmupEpochs: warmupEpochs, warmupLearningRate: warmupLearningRate)
    }

    /// Checks every hyperparameter, naming the first that no learner can use under `checks`' prefix.
    public func validate(_ checks: SettingChecks) throws(SettingError) {
        try checks.require(epochs >= 1, "epochs", "must be at least 1, got \(epochs)")
        try checks.require(warmupEpochs >= 0, "warmupEpochs", "must not be negative, got \(warmupEpochs)")
        try checks.require(batchSize >= 1, "batchSize", "must be at least 1, got \(batchSize)")
        // Training runs in 32-bit floats: a rate that rounds to 0 there would silently train nothing.
        try checks.require(Float(learningRate) > 0 && learningRate.isFinite, "learningRate",
                           "must be positive (and at least \(Float.leastNonzeroMagnitude) in 32-bit floats), got \(learningRate)")
        try checks.require(Float(warmupLearningRate) > 0 && warmupLearningRate.isFinite, "warmupLearningRate",
                           "must be positive (and at least \(Float.leastNonzeroMagnitude) in 32-bit floats), got \(warmupLearningRate)")
        try checks.require(momentum >= 0 && momentum < 1, "momentum", "must lie in [0, 1), got \(momentum)")
        try checks.require(theta >= 0 && theta.isFinite, "theta", "must not be negative, got \(theta)")
        try checks.require(initialNorm > 0 && initialNorm.isFinite, "initialNorm", "must be positive, got \(initialNorm)")
        try checks.require(contraction.isFinite, "contraction", "must be finite, got \(contraction)")
        try checks.require(factors >= 0, "factors", "must not be negative (0: as many as features), got \(factors)")
        try checks.require(kmeansIterations >= 0, "kmeansIterations", "must not be negative (0: epochs), got \(kmeansIterations)")
    }
}
