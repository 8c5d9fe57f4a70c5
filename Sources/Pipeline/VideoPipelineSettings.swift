import Foundation

/// Every setting of the video pipeline (learning and recognition) in one value: what a
/// `Pipelines/*.json` file holds. Defaults follow the paper and DESIGN.md.
public struct VideoPipelineSettings: Codable, Sendable, Equatable {
    /// How clips become frame volumes.
    public struct Decoding: Codable, Sendable, Equatable {
        /// Scale frames to half size before anything else (Le et al.'s preprocessing).
        public var halfSize = true
        /// Crop each frame to a multiple of this many pixels in both directions.
        public var cropMultiple = 16
        /// Use at most this many frames of a clip (0 = all).
        public var maxFrames = 0
    }

    /// The training blocks and their whitening.
    public struct Blocks: Codable, Sendable, Equatable {
        /// Frames per block.
        public var frames = 10
        /// Block height in pixels.
        public var height = 16
        /// Block width in pixels.
        public var width = 16
        /// Blocks sampled from the training clips.
        public var count = 500_000
        /// Subtract each block's mean.
        public var removeDC = true
        /// Divide each block by `sqrt(variance + 10)` after DC removal (see `BlockPreprocessing`).
        public var contrastNormalize = false
        /// PCA components kept for whitening (0 = choose by `varianceFraction`).
        public var components = 300
        /// Variance fraction kept when `components` is 0.
        public var varianceFraction = 0.99
        /// Added to the eigenvalues before whitening.
        public var whiteningRegularization = 0.1
        /// PCA components kept per frame for models that whiten frames separately (the gated RBM).
        public var frameComponents = 64
    }

    /// The feature learner and its training.
    public struct Model: Codable, Sendable, Equatable {
        /// `trec`, `tlin`, `cae`, `covae`, `grbm` or `kmeans`.
        public var kind = "trec"
        /// Hidden units (features per block).
        public var features = 600
        /// Training epochs in all, warm-up included.
        public var epochs = 50
        /// Epochs at the warm-up learning rate.
        public var warmupEpochs = 3
        /// The learning rate after warm-up.
        public var learningRate = 0.001
        /// The warm-up learning rate.
        public var warmupLearningRate = 0.0001
        /// Classical momentum.
        public var momentum = 0.9
        /// Minibatch size.
        public var batchSize = 100
        /// ZAE threshold theta (TRec and TLin).
        public var theta = 1.0
        /// Length of the initial weight columns (whitened training examples scaled to this length).
        public var initialNorm = 1.0
        /// Contraction strength of the contractive AE (negative: "uncontraction").
        public var contraction = 1.0
        /// Factors of the covariance AE and the gated RBM.
        public var factors = 256
        /// The random seed of sampling, initialisation and shuffling.
        public var seed = 1
    }

    /// Dense super-block descriptors.
    public struct Descriptors: Codable, Sendable, Equatable {
        /// Super-block size: frames, height, width.
        public var superBlock = [14, 20, 20]
        /// Super-block grid strides: frames, height, width.
        public var stride = [7, 10, 10]
        /// Sub-block offsets step inside a super-block (sub-blocks have the training block size).
        public var subBlockStride = 4
        /// Dimensions kept by the whitened super-block PCA.
        public var pcaDimensions = 100
        /// Training super-blocks sampled to fit that PCA.
        public var pcaSample = 100_000
    }

    /// The K-means vocabulary.
    public struct Vocabulary: Codable, Sendable, Equatable {
        /// Visual words.
        public var words = 3000
        /// Training descriptors sampled to fit the vocabulary.
        public var sample = 300_000
        /// K-means runs from different starts; the lowest cost wins.
        public var initializations = 3
        /// Lloyd iterations per run at most.
        public var iterations = 30
        /// The random seed.
        public var seed = 1
    }

    /// The SVM.
    public struct Classifier: Codable, Sendable, Equatable {
        /// libsvm's C.
        public var c = 100.0
    }

    /// Decoding settings.
    public var decoding = Decoding()
    /// Block settings.
    public var blocks = Blocks()
    /// Model settings.
    public var model = Model()
    /// Descriptor settings.
    public var descriptors = Descriptors()
    /// Vocabulary settings.
    public var vocabulary = Vocabulary()
    /// Classifier settings.
    public var classifier = Classifier()

    /// The paper's settings.
    public init() {}

    /// Settings from a pipeline file laid over the paper's defaults.
    public static func load(_ url: URL) throws -> VideoPipelineSettings {
        try SettingsFile.load(url, over: VideoPipelineSettings())
    }
}
