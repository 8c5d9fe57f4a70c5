import Classifiers
import Foundation
import Learners
import Runs
import Support

extension ImageStudy {
    /// Which of the paper's image experiments to run.
    public enum Study: String, SettingChoice, Sendable {
        /// Accuracy against the number of features, per model (Figure 4, top).
        case features
        /// Accuracy against the centre-crop size at a fixed feature count (Figure 4, bottom).
        case patchSize = "patch-size"
        /// One model encoded with each inference scheme (Figure 1, right).
        case inference
    }

    /// Every setting of an image study: what `Pipelines/cifar10.json` and
    /// `Pipelines/fashion-mnist.json` hold. A pipeline file may give only what it changes.
    public struct Settings: Codable, Sendable, Equatable {
        /// The dataset.
        public var dataset: ImageDataset
        /// The dataset's folder (empty: the dataset's default, which CIFAR-10 lacks).
        public var root = ""
        /// The experiment.
        public var study = Study.features
        /// The feature learners compared (the paper's: the registry's defaults for images).
        public var models: [ModelKind] = LearnerKind.defaultKinds(for: .images)
        /// Feature counts of the `features` study.
        public var features = [200, 500, 1000]
        /// The feature count of the `patch-size` and `inference` studies.
        public var fixedFeatures = 1000
        /// Centre-crop sizes of the `patch-size` study (the other studies use whole images).
        public var patchSizes: [Int]
        /// PCA whitening (true) or PCA without whitening (the paper's "NW").
        public var whitening = true
        /// Fraction of the variance the PCA keeps.
        public var varianceFraction = 0.99
        /// Added to the PCA eigenvalues before whitening.
        public var whiteningRegularization = 0.0
        /// Also classify the contrast-normalised pixels directly (model `pixels`).
        public var pixelBaseline = true
        /// Use only this many training images in the whole study, drawn at random (0: all).
        public var trainingSubset = 0
        /// Use only this many test images, drawn at random (0: all).
        public var testSubset = 0
        /// The learners train on at most this many of the training images (0: all).
        public var trainImages = 0
        /// How the learners are trained.
        ///
        /// The paper trains 1,000 epochs at learning rate 1e-4 for "a few" epochs, then 1e-3. On a
        /// 2-core machine that is hours per model, so the defaults keep the paper's rates and momentum
        /// but train 50 epochs (about 2.5 s each for 1,000 TRec features on all of Fashion-MNIST).
        /// A rate of 1e-2 after warm-up trained measurably worse (higher cost, lower accuracy).
        /// Spherical K-means iterates 10 times; the covariance AE gets as many factors as features.
        public var training = LearnerSettings(factors: 0, kmeansIterations: 10)
        /// The classifier.
        public var classifier = LinearProbe.Settings()
        /// The seed of every random draw (subsets, initialisation, shuffling, folds).
        public var seed = 1

        /// The defaults for `dataset`.
        public init(dataset: ImageDataset) {
            self.dataset = dataset
            patchSizes = dataset.defaultPatchSizes
        }

        /// Throws `SettingError` naming the first setting no run can use.
        public func validate() throws(SettingError) {
            let checks = SettingChecks()
            try checks.require(!models.isEmpty || pixelBaseline, "models", "is empty and pixelBaseline is off: nothing to evaluate")
            for kind in models {
                try checks.require(kind.learner.uses.contains(.images), "models",
                                   "\(kind.rawValue) does not learn from single images (use \(LearnerKind.kinds(for: .images).map(\.rawValue).joined(separator: ", ")))")
            }
            try checks.require(study != .features || !features.isEmpty, "features", "the features study needs at least one feature count")
            try checks.require(features.allSatisfy { $0 >= 1 }, "features", "must be positive, got \(features)")
            try checks.require(fixedFeatures >= 1, "fixedFeatures", "must be positive, got \(fixedFeatures)")
            try checks.require(study != .patchSize || !patchSizes.isEmpty, "patchSizes", "the patch-size study needs at least one patch size")
            try checks.require(patchSizes.allSatisfy { $0 >= 1 }, "patchSizes", "must be positive, got \(patchSizes)")
            try checks.require(varianceFraction > 0 && varianceFraction <= 1, "varianceFraction", "must lie in (0, 1], got \(varianceFraction)")
            try checks.require(whiteningRegularization >= 0, "whiteningRegularization", "must not be negative, got \(whiteningRegularization)")
            for (name, count) in [("trainingSubset", trainingSubset), ("testSubset", testSubset), ("trainImages", trainImages),
                                  ("classifier.fitImages", classifier.fitImages)] {
                try checks.require(count >= 0, name, "must not be negative, got \(count)")
            }
            try checks.require(!classifier.costs.isEmpty && classifier.costs.allSatisfy { $0 > 0 }, "classifier.costs",
                               "must be positive, got \(classifier.costs)")
            try checks.require(classifier.folds >= 2, "classifier.folds", "must be at least 2, got \(classifier.folds)")
            try checks.require(classifier.crossValidationImages >= classifier.folds, "classifier.crossValidationImages",
                               "must give every fold an image, got \(classifier.crossValidationImages)")
            try checks.require(classifier.patience >= 0, "classifier.patience", "must not be negative, got \(classifier.patience)")
            try training.validate(checks.nested("training"), for: models)
            try checks.require(seed >= 0, "seed", "must not be negative, got \(seed)")
        }
    }
}
