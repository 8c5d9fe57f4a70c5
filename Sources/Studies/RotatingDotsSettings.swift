import Datasets
import Foundation
import Learners
import Runs
import Support

extension RotatingDotsExperiment {
    /// Every setting of a random-dots run in one value: what `Pipelines/rotdots.json` holds. The
    /// defaults run in about a minute on two cores in a release build.
    public struct Settings: Codable, Sendable, Equatable {
        /// What the first frame of a video holds.
        public enum Dots: String, SettingChoice, Sendable {
            /// Independent standard normal pixels.
            case noise
            /// Sparse binary dots (1 with probability `dotDensity`).
            case binary
            /// Independent standard normal pixels blurred by a Gaussian of `dotSmoothing` pixels.
            case smooth
        }

        /// Videos generated in all; split into learner, classifier-training and test videos.
        public var videos = 16000
        /// Share of the videos that fit the whitening and train the feature learners.
        public var learnerFraction = 0.5
        /// Share of the videos the classifiers are tested on (the rest trains them).
        public var testFraction = 0.2
        /// Frames per video.
        public var frames = 10
        /// Frame side in pixels (the centre crop).
        public var size = 16
        /// Side of the periodic canvas the first frame is drawn on (0: the smallest corner-free one).
        public var canvasSize = 0
        /// Rotation or shift.
        public var transform = RandomDotVideos.Transform.rotation
        /// What the first frame holds: smooth noise (the default: white noise makes the learned filters,
        /// and even the principal components of the videos, rough), white noise or sparse binary dots.
        public var dots = Dots.smooth
        /// Probability of a dot per pixel, for binary dots.
        public var dotDensity = 0.1
        /// Standard deviation in pixels of the Gaussian that blurs smooth dots.
        public var dotSmoothing = 1.0
        /// Concentration of the von Mises distribution of the per-video angles.
        public var kappa = 1.0
        /// Distance moved per frame by the shift transform, in pixels.
        public var pixelsPerFrame = 1.0
        /// PCA components kept for whitening (0: choose by `pcaVarianceFraction`). Keeping 99% of the
        /// variance keeps about 2,200 of 2,560 dimensions, and whitening them drowns the filters in noise.
        public var pcaComponents = 300
        /// Variance fraction kept when `pcaComponents` is 0.
        public var pcaVarianceFraction = 0.99
        /// Added to the eigenvalues before whitening.
        public var whiteningRegularization = 0.0
        /// The model whose filters are drawn, one of `supportedModels`.
        public var model = ModelKind.trec
        /// Models trained on the same data with the same budget for comparison (may be empty).
        public var compare: [ModelKind] = [.cae]
        /// Hidden units of every model.
        public var features = 256
        /// How every model is trained (K-means iterates `epochs` times). The learning rate after
        /// warm-up is 0.003 here, not the video pipeline's 0.001.
        public var training = LearnerSettings(learningRate: 0.003)
        /// Equal-width bins of the angle over (-180, 180] degrees that the angle classifier predicts.
        public var angleBins = 8
        /// Filters drawn in the pictures (those with the largest weight norm).
        public var filtersShown = 64
        /// The random seed of the videos, the learners and the cross-validation.
        public var seed = 1

        /// The default settings.
        public init() {}

        /// The models that can be trained here.
        public static let supportedModels = LearnerKind.kinds(for: .rotdots)

        /// The video generator these settings describe, or the reason they cannot make videos.
        public func generator() throws(SettingError) -> RandomDotVideos {
            let content: RandomDotVideos.Dots
            switch dots {
            case .noise: content = .gaussianNoise
            case .binary: content = .sparseBinary(density: Float(dotDensity))
            case .smooth: content = .smoothNoise(sigma: dotSmoothing)
            }
            return try RandomDotVideos(frames: frames, size: size, canvasSize: canvasSize == 0 ? nil : canvasSize,
                                       transform: transform, dots: content, kappa: kappa, pixelsPerFrame: pixelsPerFrame)
        }

        /// Videos in the learner, classifier-training and test sets.
        public var splitSizes: (learner: Int, classifier: Int, test: Int) {
            let learner = Int((Double(videos) * learnerFraction).rounded())
            let test = Int((Double(videos) * testFraction).rounded())
            return (learner, videos - learner - test, test)
        }

        /// Throws `SettingError` naming the first setting that cannot make a run, before any work is done.
        public func validate() throws {
            let generator: RandomDotVideos
            generator = try self.generator()
            let dimension = generator.videoDimension
            let checks = SettingChecks()
            try checks.require(Self.supportedModels.contains(model), "model",
                               "\(model.rawValue) is not supported here (use \(Self.supportedModels.map(\.rawValue).joined(separator: ", ")))")
            for other in compare {
                try checks.require(Self.supportedModels.contains(other), "compare", "\(other.rawValue) is not supported here")
                try checks.require(other != model, "compare", "\(other.rawValue) is the model itself")
            }
            try checks.require(features >= 1 && features <= 4 * dimension, "features",
                               "must lie in 1...\(4 * dimension) (4 x the \(dimension) values of a video), got \(features)")
            try checks.require(learnerFraction > 0 && testFraction > 0 && learnerFraction + testFraction < 1, "learnerFraction",
                               "and testFraction must be positive and leave videos to train the classifiers")
            let (learner, classifier, test) = splitSizes
            // A minibatch of learner videos, for the models trained in minibatches.
            let batch = ([model] + compare).contains { $0.learner.settings.contains(.batchSize) } ? training.batchSize : 0
            try checks.require(learner >= Swift.max(batch, 2) && classifier >= 2 * angleBins && test >= angleBins, "videos",
                               "\(videos) split into \(learner) learner, \(classifier) classifier and \(test) test videos: "
                               + "need at least \(Swift.max(batch, 2)), \(2 * angleBins) and \(angleBins)")
            try checks.require(pcaComponents >= 0 && pcaComponents <= dimension, "pcaComponents", "must lie in 0...\(dimension), got \(pcaComponents)")
            try checks.require(pcaVarianceFraction > 0 && pcaVarianceFraction <= 1, "pcaVarianceFraction",
                               "must lie in (0, 1], got \(pcaVarianceFraction)")
            try checks.require(whiteningRegularization >= 0, "whiteningRegularization", "must not be negative, got \(whiteningRegularization)")
            try training.validate(checks.nested("training"), for: [model] + compare)
            try checks.require(angleBins >= 2, "angleBins", "must be at least 2, got \(angleBins)")
            try checks.require(filtersShown >= 1, "filtersShown", "must be at least 1, got \(filtersShown)")
            try checks.require(seed >= 0, "seed", "must not be negative, got \(seed)")
        }
    }
}
