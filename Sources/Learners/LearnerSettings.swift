import Foundation
import Support

/// How a feature learner is trained: the `training` section of the video pipeline (`model.training`),
/// the random-dots run and the image studies, each with their own defaults; `init()` gives the
/// paper's video settings. The section's keys are flat (`{"epochs": 50, "theta": 1, ...}`) and each
/// learner kind owns the ones it uses (`LearnerKind.settings`, declared in its model file): only
/// those are checked for it (`validate(_:for:)`) and read by its configuration
/// (`LearnerKind.configuration(for:)`). Which key belongs to which learner: docs/settings.md.
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

    /// Checks the keys the `kinds` use (each kind's own, in its order), naming the first bad one under
    /// `checks`' prefix (`model.training.contraction`); a key none of them uses is not checked.
    public func validate(_ checks: SettingChecks, for kinds: [ModelKind]) throws(SettingError) {
        for kind in kinds { try kind.learner.validate(self, checks) }
    }

    /// Checks the value of `key` under `checks`' prefix.
    func check(_ key: Key, _ checks: SettingChecks) throws(SettingError) {
        switch key {
        case .epochs: try checks.require(epochs >= 1, "epochs", "must be at least 1, got \(epochs)")
        case .warmupEpochs: try checks.require(warmupEpochs >= 0, "warmupEpochs", "must not be negative, got \(warmupEpochs)")
        case .batchSize: try checks.require(batchSize >= 1, "batchSize", "must be at least 1, got \(batchSize)")
        // Training runs in 32-bit floats: a rate that rounds to 0 there would silently train nothing.
        case .learningRate:
            try checks.require(Float(learningRate) > 0 && learningRate.isFinite, "learningRate",
                               "must be positive (and at least \(Float.leastNonzeroMagnitude) in 32-bit floats), got \(learningRate)")
        case .warmupLearningRate:
            try checks.require(Float(warmupLearningRate) > 0 && warmupLearningRate.isFinite, "warmupLearningRate",
                               "must be positive (and at least \(Float.leastNonzeroMagnitude) in 32-bit floats), got \(warmupLearningRate)")
        case .momentum: try checks.require(momentum >= 0 && momentum < 1, "momentum", "must lie in [0, 1), got \(momentum)")
        case .theta: try checks.require(theta >= 0 && theta.isFinite, "theta", "must not be negative, got \(theta)")
        case .initialNorm: try checks.require(initialNorm > 0 && initialNorm.isFinite, "initialNorm", "must be positive, got \(initialNorm)")
        case .contraction: try checks.require(contraction.isFinite, "contraction", "must be finite, got \(contraction)")
        case .factors: try checks.require(factors >= 0, "factors", "must not be negative (0: as many as features), got \(factors)")
        case .kmeansIterations:
            try checks.require(kmeansIterations >= 0, "kmeansIterations", "must not be negative (0: epochs), got \(kmeansIterations)")
        }
    }
}

extension LearnerSettings {
    /// The keys of the `training` section (its JSON keys), which learner kinds claim as their own.
    public enum Key: String, CaseIterable, Sendable {
        case epochs, warmupEpochs, learningRate, warmupLearningRate, momentum, batchSize
        case theta, initialNorm, contraction, factors, kmeansIterations

        /// The momentum SGD schedule's keys (`LearnerSettings.sgd`), which every gradient-trained learner uses.
        public static let sgd: [Key] = [.epochs, .warmupEpochs, .learningRate, .warmupLearningRate, .momentum, .batchSize]
    }
}
