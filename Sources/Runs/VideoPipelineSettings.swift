import Datasets
import Foundation
import Learners
import Linalg
import Support

/// Every setting of the video pipeline (learning and recognition) in one value: what a
/// `Pipelines/*.json` file holds. Defaults follow the paper (docs/protocol.md, docs/settings.md).
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

        /// The block's shape (`frames`, `height`, `width`: flat keys in a pipeline file).
        public var shape: BlockShape { BlockShape(frames: frames, height: height, width: width) }
    }

    /// The feature learner and its training.
    public struct Model: Codable, Sendable, Equatable {
        /// `trec`, `tlin`, `cae`, `covae`, `grbm` or `kmeans`.
        public var kind = ModelKind.trec
        /// Hidden units (features per block).
        public var features = 600
        /// The random seed of sampling, initialisation and shuffling.
        public var seed = 1
        /// How the learner is trained (the paper's: 50 epochs, learning rate 1e-3 after 3 warm-up
        /// epochs at 1e-4, K-means iterating `epochs` times).
        public var training = LearnerSettings()
    }

    /// Dense super-block descriptors.
    public struct Descriptors: Codable, Sendable, Equatable {
        /// Super-block size: frames, height, width.
        public var superBlock = BlockShape(frames: 14, height: 20, width: 20)
        /// Super-block grid strides: frames, height, width.
        public var stride = BlockShape(frames: 7, height: 10, width: 10)
        /// Sub-block offsets step inside a super-block (sub-blocks have the training block size).
        public var subBlockStride = 4
        /// Dimensions kept by the whitened super-block PCA.
        public var pcaDimensions = 100
        /// Training super-blocks sampled to fit that PCA.
        public var pcaSample = 100_000
        /// How the descriptor cache stores the reduced descriptors: `float16` (half the disk; the
        /// vocabulary's sample is kept exact beside them) or `float32`.
        public var storage = FloatPrecision.float16
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
    /// Clip encoding settings (bag of words, VLAD or Fisher vectors over a spatio-temporal pyramid).
    public var encoding = EncodingSettings()

    /// The paper's settings.
    public init() {}

    /// Throws `SettingError` naming the first setting no run can use, before any work is done.
    public func validate() throws(SettingError) {
        let checks = SettingChecks()
        func require(_ condition: Bool, _ setting: String, _ reason: @autoclosure () -> String) throws(SettingError) {
            try checks.require(condition, setting, reason())
        }
        try require(decoding.cropMultiple >= 1, "decoding.cropMultiple", "must be at least 1, got \(decoding.cropMultiple)")
        try require(decoding.maxFrames >= 0, "decoding.maxFrames", "must not be negative (0: all frames), got \(decoding.maxFrames)")

        for (name, size) in [("frames", blocks.frames), ("height", blocks.height), ("width", blocks.width), ("count", blocks.count)] {
            try require(size >= 2, "blocks.\(name)", "must be at least 2, got \(size)")
        }
        try require(decoding.maxFrames == 0 || decoding.maxFrames >= blocks.frames, "decoding.maxFrames",
                    "is \(decoding.maxFrames), fewer frames than a block's \(blocks.frames) (blocks.frames): no block fits in a clip (0: all frames)")
        try require(blocks.components >= 0, "blocks.components",
                    "must not be negative (0: choose by varianceFraction), got \(blocks.components)")
        try require(blocks.varianceFraction > 0 && blocks.varianceFraction <= 1, "blocks.varianceFraction",
                    "must lie in (0, 1], got \(blocks.varianceFraction)")
        try require(blocks.whiteningRegularization >= 0, "blocks.whiteningRegularization",
                    "must not be negative, got \(blocks.whiteningRegularization)")
        try require(blocks.frameComponents >= 1, "blocks.frameComponents", "must be at least 1, got \(blocks.frameComponents)")

        try require(model.features >= 1, "model.features", "must be at least 1, got \(model.features)")
        try require(model.seed >= 0, "model.seed", "must not be negative, got \(model.seed)")
        try model.training.validate(checks.nested("model").nested("training"), for: [model.kind])

        try checks.requireShape(descriptors.superBlock, "descriptors.superBlock")
        try checks.requireShape(descriptors.stride, "descriptors.stride")
        try require(descriptors.subBlockStride >= 1, "descriptors.subBlockStride", "must be at least 1, got \(descriptors.subBlockStride)")
        try require(descriptors.pcaDimensions >= 1, "descriptors.pcaDimensions", "must be at least 1, got \(descriptors.pcaDimensions)")
        try require(descriptors.pcaSample >= 2, "descriptors.pcaSample", "must be at least 2, got \(descriptors.pcaSample)")
        try require(descriptors.pcaSample > descriptors.pcaDimensions, "descriptors.pcaSample",
                    "is \(descriptors.pcaSample), not more than the \(descriptors.pcaDimensions) dimensions the super-block PCA keeps (descriptors.pcaDimensions)")

        try require(vocabulary.words >= 2 || encoding.kind != .bow, "vocabulary.words",
                    "must be at least 2, got \(vocabulary.words): with one word every clip has the same histogram")
        for (name, value) in [("sample", vocabulary.sample),
                              ("initializations", vocabulary.initializations), ("iterations", vocabulary.iterations)] {
            try require(value >= 1, "vocabulary.\(name)", "must be at least 1, got \(value)")
        }
        try require(vocabulary.seed >= 0, "vocabulary.seed", "must not be negative, got \(vocabulary.seed)")

        try require(classifier.c > 0 && classifier.c.isFinite, "classifier.c", "must be positive, got \(classifier.c)")

        try encoding.validate(checks.nested("encoding"))
    }
}

extension VideoPipelineSettings.Descriptors {
    /// Reads the section; one without `storage` (a plan, report or recogniser written before the key
    /// existed) describes a cache that stored float32, so that is what it reads as.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        superBlock = try c.decode(BlockShape.self, forKey: .superBlock)
        stride = try c.decode(BlockShape.self, forKey: .stride)
        subBlockStride = try c.decode(Int.self, forKey: .subBlockStride)
        pcaDimensions = try c.decode(Int.self, forKey: .pcaDimensions)
        pcaSample = try c.decode(Int.self, forKey: .pcaSample)
        storage = try c.decodeIfPresent(FloatPrecision.self, forKey: .storage) ?? .float32
    }
}
