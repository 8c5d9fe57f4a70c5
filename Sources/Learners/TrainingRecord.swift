/// What happened in one training epoch (one K-means iteration).
public struct EpochReport: Codable, Sendable, Equatable {
    /// The epoch number, counting from 1.
    public var epoch: Int
    /// The mean training cost over the epoch's batches.
    public var cost: Double
    /// Wall-clock seconds the epoch took.
    public var seconds: Double
    /// The learning rate used, for gradient-trained models.
    public var learningRate: Double?
    /// The fraction of hidden pre-activations above the threshold, where the model has one (ZAE).
    public var activeFraction: Double?

    /// A report from its parts.
    public init(epoch: Int, cost: Double, seconds: Double, learningRate: Double? = nil, activeFraction: Double? = nil) {
        self.epoch = epoch
        self.cost = cost
        self.seconds = seconds
        self.learningRate = learningRate
        self.activeFraction = activeFraction
    }
}

/// How a model was trained: the seed and the per-epoch history.
public struct TrainingRecord: Codable, Sendable, Equatable {
    /// The seed that determined initialisation, shuffling and sampling.
    public var seed: UInt64
    /// One report per finished epoch, in order.
    public var epochs: [EpochReport]

    /// A record from its parts.
    public init(seed: UInt64, epochs: [EpochReport] = []) {
        self.seed = seed
        self.epochs = epochs
    }
}

/// Called after every finished epoch (after its checkpoint is saved) with its report; throwing
/// stops training and the error propagates out of `fit` (the checkpoint stays resumable).
public typealias ProgressHandler = (EpochReport) throws -> Void
