import Classifiers
import Datasets
import Foundation
import Learners
import Linalg
import Runs
import Support

/// The paper's permutation-invariant image experiments (section 4.1, Figure 4, Figure 1 right) on
/// CIFAR-10 or Fashion-MNIST.
///
/// Protocol: whole images (or centre crops) as vectors, per-image contrast normalisation, a PCA
/// fit on the training images keeping 99% of the variance (whitened, or not), one learner trained
/// per model and feature count, images encoded with the zero-bias ReLU (or each inference scheme
/// in the inference study), and a `LinearProbe`: logistic regression with its cost chosen by
/// cross-validation on 10,000 training images, fit on the training set, scored on the test set.
/// With `pixelBaseline`, the contrast-normalised pixels are classified the same way (`pixels`).
public enum ImageStudy {
    /// What the study is doing, for a progress display.
    public enum Event: Sendable {
        /// A stage starts (one line of text).
        case stage(String)
        /// A learner finished an epoch.
        case epoch(model: String, EpochReport)
        /// An accuracy was measured.
        case result(ImageStudyReport.Result)
    }

    /// Checks the settings, loads the dataset they name and runs the study.
    public static func run(_ settings: Settings, progress: (Event) -> Void = { _ in }) throws -> ImageStudyReport {
        try settings.validate()
        progress(.stage("loading \(settings.dataset.rawValue)"))
        let (data, loadSeconds) = try timed { try settings.dataset.load(root: settings.root) }
        var report = try runValidated(settings, on: data, progress: progress)
        report.loadSeconds = loadSeconds
        report.seconds += loadSeconds
        return report
    }

    /// Checks the settings and runs the study on images already in memory (the settings' `dataset`
    /// and `root` are not used to find them, only recorded).
    public static func run(_ settings: Settings, on data: TrainTestSplit, progress: (Event) -> Void = { _ in }) throws -> ImageStudyReport {
        try settings.validate()
        return try runValidated(settings, on: data, progress: progress)
    }

    /// Runs the study on images in memory under settings already validated.
    static func runValidated(_ settings: Settings, on data: TrainTestSplit, progress: (Event) -> Void) throws -> ImageStudyReport {
        try MemoryEstimate.imageStudy(settings, images: data.training.count + data.test.count, pixels: data.training.images.cols)
            .check("the \(settings.dataset.rawValue) study")
        let stopwatch = Stopwatch()
        var random = SeededRandom(seed: UInt64(settings.seed))
        let training = subset(data.training, count: settings.trainingSubset, random: &random)
        let test = subset(data.test, count: settings.testSubset, random: &random)
        let fullSize = min(training.height, training.width)
        let patches = settings.study == .patchSize ? settings.patchSizes : [fullSize]
        let featureCounts = settings.study == .features ? settings.features : [settings.fixedFeatures]
        var results: [ImageStudyReport.Result] = [], inputs: [ImageStudyReport.Input] = []
        func record(_ result: ImageStudyReport.Result) {
            results.append(result)
            progress(.result(result))
        }

        for patch in patches {
            guard patch <= fullSize else {
                throw SettingError(setting: "patchSizes", reason: "holds \(patch), larger than the \(training.height) x \(training.width) images")
            }
            progress(.stage("preparing \(patch) x \(patch) inputs: contrast normalisation, PCA (\(settings.whitening ? "whitened" : "not whitened"))"))
            let (images, preparationSeconds) = try timed { try PreparedImages(training: training, test: test, patch: patch, settings: settings) }
            let learnerRows = settings.trainImages > 0 && settings.trainImages < images.trainingCodes.rows
                ? images.trainingCodes.rows(at: random.sample(settings.trainImages, from: images.trainingCodes.rows))
                : images.trainingCodes
            inputs.append(ImageStudyReport.Input(patch: patch, pixels: images.trainingPixels.cols, components: images.pca.outputDimension,
                                                 trainingImages: training.count, learnerImages: learnerRows.rows,
                                                 testImages: test.count, preprocessingSeconds: preparationSeconds))
            progress(.stage("PCA keeps \(images.pca.outputDimension) of \(images.trainingPixels.cols) dimensions (\(String(format: "%.1f", preparationSeconds)) s)"))

            if settings.pixelBaseline {
                progress(.stage("classifying pixels"))
                let outcome = try probe(images.trainingPixels, images.testPixels, images, settings)
                record(result(model: "pixels", features: images.trainingPixels.cols, patch: patch, inference: "none",
                              outcome: outcome, training: nil, trainSeconds: 0, encodeSeconds: 0))
            }
            for kind in settings.models {
                for count in featureCounts {
                    progress(.stage("training \(kind.rawValue) with \(count) features on \(learnerRows.rows) images of \(learnerRows.cols) dimensions"))
                    let configuration = kind.learner.configuration(for: .init(features: count, training: settings.training,
                                                                              inputDimension: learnerRows.cols))
                    let (model, trainSeconds) = try timed {
                        try withoutActuallyEscaping(progress) { progress in
                            try configuration.fit(learnerRows, seed: UInt64(settings.seed), checkpoint: nil) { report in
                                progress(.epoch(model: kind.rawValue, report))
                            }
                        }
                    }
                    for inference in inferences(for: kind, study: settings.study) {
                        progress(.stage("encoding (\(inference.rawValue)) and classifying"))
                        let (encoded, encodeSeconds) = timed {
                            (model.encode(images.trainingCodes, inference: inference), model.encode(images.testCodes, inference: inference))
                        }
                        let outcome = try probe(encoded.0, encoded.1, images, settings)
                        record(result(model: kind.rawValue, features: count, patch: patch, inference: inference.rawValue,
                                      outcome: outcome, training: model.record, trainSeconds: trainSeconds, encodeSeconds: encodeSeconds))
                    }
                }
            }
        }
        return ImageStudyReport(settings: settings, results: results, inputs: inputs, loadSeconds: 0,
                                seconds: stopwatch.seconds)
    }

    /// The inference schemes a study measures for `kind`: the zero-bias ReLU, or in the inference
    /// study all three (ReLU with bias only for models that have a hidden bias; for the others it
    /// is the zero-bias ReLU again).
    static func inferences(for kind: ModelKind, study: Study) -> [Inference] {
        guard study == .inference else { return [.zeroBiasReLU] }
        return kind.learner.hasHiddenBias ? [.reluWithBias, .zeroBiasReLU, .natural] : [.zeroBiasReLU, .natural]
    }

    /// `count` images drawn at random from `images` (all of them, in order, when `count` is 0 or too large).
    static func subset(_ images: LabelledImages, count: Int, random: inout SeededRandom) -> LabelledImages {
        count > 0 && count < images.count ? images.subset(random.sample(count, from: images.count)) : images
    }

    /// The linear probe of training and test features under the study's classifier settings.
    static func probe(_ training: Matrix, _ test: Matrix, _ images: PreparedImages, _ settings: Settings) throws -> LinearProbe.Outcome {
        try LinearProbe.evaluate(training: training, trainingLabels: images.trainingLabels, test: test, testLabels: images.testLabels,
                                 settings: settings.classifier, seed: UInt64(settings.seed))
    }

    /// A result row from its parts.
    static func result(model: String, features: Int, patch: Int, inference: String, outcome: LinearProbe.Outcome,
                       training: TrainingRecord?, trainSeconds: Double, encodeSeconds: Double) -> ImageStudyReport.Result {
        ImageStudyReport.Result(model: model, features: features, patch: patch, inference: inference, accuracy: outcome.accuracy,
                                cost: outcome.cost, trainingCost: training?.epochs.last?.cost,
                                activeFraction: training?.epochs.last?.activeFraction,
                                seconds: .init(train: trainSeconds, encode: encodeSeconds, crossValidation: outcome.crossValidationSeconds,
                                               fit: outcome.fitSeconds, test: outcome.testSeconds))
    }
}
