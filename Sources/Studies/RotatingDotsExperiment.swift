import Classifiers
import Datasets
import Foundation
import Learners
import Linalg
import Plots
import Runs
import Support
import Video

/// The paper's Figure 5 made measurable: generate transforming random-dot videos, PCA-whiten them,
/// train a feature learner (and comparison models on the same data with the same budget), draw the
/// learned filters, and test what the features encode.
///
/// The videos are split three ways: the learner videos fit the whitening and train the models;
/// the other videos are encoded (zero-bias ReLU) and a linear classifier (logistic regression,
/// features standardised, cost chosen by 3-fold cross-validation) trained on the classifier videos
/// predicts each test video's binned angle and its direction (the angle's sign).
///
/// Output folder: `filters.png`, `filters.gif` and `filters.npy` for the model (`PixelFilters`, drawn
/// by `ModelFilters`) and its page `model.html` (`ModelPage`), `filters-<kind>.png/.gif/.npy` and
/// `model-<kind>.html` for each comparison model, and `report.json` with the accuracies and each
/// model's median filter-frame roughness (`FilterRoughness`).
public enum RotatingDotsExperiment {
    /// What the run is doing, for a progress display.
    public enum Progress: Sendable {
        /// A stage starts.
        case stage(String)
        /// A model finished an epoch out of `of`.
        case epoch(ModelKind, EpochReport, of: Int)
    }

    /// The linear probe of each task: features standardised, every one of four costs cross-validated (3 folds).
    static let probe: LinearProbe.Settings = {
        var probe = LinearProbe.Settings()
        probe.scaling = .standardize
        probe.costs = [0.01, 0.1, 1, 10]
        probe.patience = 0
        probe.folds = 3
        return probe
    }()

    /// Checks `settings` and makes `folder` (creating it) writable, before any work.
    public static func prepare(_ settings: Settings, output folder: URL) throws {
        try settings.validate()
        try MemoryEstimate.rotatingDots(settings).check("rotdots")
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            var existing = folder.deletingLastPathComponent()
            while !fm.fileExists(atPath: existing.path) && existing.path != "/" { existing = existing.deletingLastPathComponent() }
            var isFolder: ObjCBool = false
            let reason = !fm.fileExists(atPath: existing.path, isDirectory: &isFolder) || isFolder.boolValue
                ? "cannot create the folder inside \(existing.path)" : "\(existing.path) is a file, not a folder"
            throw StudyError.unwritableOutput(path: folder.path, reason: fm.fileExists(atPath: folder.path) ? "it is not a folder" : reason)
        }
        guard fm.isWritableFile(atPath: folder.path) else {
            throw StudyError.unwritableOutput(path: folder.path, reason: "the folder is not writable")
        }
    }

    /// Runs the whole experiment and writes its pictures and `report.json` into `folder`.
    public static func run(_ settings: Settings, output folder: URL,
                           progress: @escaping (Progress) -> Void = { _ in }) throws -> RotatingDotsReport {
        try prepare(settings, output: folder)
        let stopwatch = Stopwatch()
        let generator = try settings.generator()
        let seed = UInt64(settings.seed)

        progress(.stage("generating \(settings.videos) videos of \(settings.frames) x \(settings.size) x \(settings.size)"))
        var random = SeededRandom(seed: seed)
        let (videos, motions) = generator.generate(count: settings.videos, using: &random)
        let (learnerCount, classifierCount, _) = settings.splitSizes
        let learnerRows = 0..<learnerCount
        let classifierRows = learnerCount..<(learnerCount + classifierCount)
        let testRows = (learnerCount + classifierCount)..<settings.videos

        progress(.stage("whitening (PCA fit on \(learnerCount) videos)"))
        let keep: ComponentSelection = settings.pcaComponents > 0
            ? .count(settings.pcaComponents) : .varianceFraction(settings.pcaVarianceFraction)
        let pca = try PCA.fit(videos.rows(learnerRows), keep: keep, whiten: true,
                              regularization: Float(settings.whiteningRegularization))
        let whitened = pca.transform(videos)
        progress(.stage("kept \(pca.outputDimension) of \(videos.cols) dimensions"))

        let heldOut = learnerCount..<settings.videos
        let labels = [motions.map { angleBin($0.angleDegrees, bins: settings.angleBins) }, motions.map(\.direction)]
        let trainLabels = labels.map { Array($0[classifierRows]) }, testLabels = labels.map { Array($0[testRows]) }
        var accuracy: [String: RotatingDotsReport.Accuracy] = [:], roughness: [String: Double] = [:]
        let whitening = try PatchWhitening(shape: BlockShape(frames: settings.frames, height: settings.size, width: settings.size),
                                           preprocessing: BlockPreprocessing(removeDC: false), pca: pca, perFrame: false)
        for kind in [settings.model] + settings.compare {
            let epochs = settings.training.epochs(for: kind)
            progress(.stage("training \(kind.rawValue) (\(settings.features) features, \(epochs) epochs)"))
            let model = try train(kind, settings: settings, data: whitened.rows(learnerRows)) {
                progress(.epoch(kind, $0, of: epochs))
            }
            progress(.stage("classifying angle and direction from \(kind.rawValue) features"))
            let features = model.encode(whitened.rows(heldOut))
            let train = features.rows(0..<classifierCount), test = features.rows(classifierCount..<features.rows)
            let scores = try (0..<2).map { task in
                try LinearProbe.evaluate(training: train, trainingLabels: trainLabels[task], test: test, testLabels: testLabels[task],
                                         settings: probe, seed: seed &+ UInt64(task)).accuracy
            }
            accuracy[kind.rawValue] = RotatingDotsReport.Accuracy(angle: scores[0], direction: scores[1])

            progress(.stage("drawing \(kind.rawValue) filters"))
            let filters = try ModelFilters.strongest(settings.filtersShown, of: model, whitening: whitening)
            let suffix = kind == settings.model ? "" : "-\(kind.rawValue)"
            try filters.write(to: folder, stem: "filters\(suffix)")
            roughness[kind.rawValue] = filters.medianRoughness
            let bundle = ModelBundle(model: model, pca: pca, preprocessing: whitening.bundleSection,
                                     trainingData: .init(source: "\(learnerCount) generated random-dot videos (\(settings.transform.rawValue), \(settings.dots.rawValue) dots)",
                                                         blocks: learnerCount),
                                     settings: try JSONValue(encoding: settings))
            try ModelPage.make(bundle, whitening: whitening, title: "rotdots: \(kind.rawValue) model, \(model.featureCount) features")
                .write(to: folder.appendingPathComponent("model\(suffix).html"))
        }

        let report = RotatingDotsReport(
            accuracy: accuracy,
            chance: .init(angle: majorityRate(testLabels[0]), direction: majorityRate(testLabels[1])), roughness: roughness,
            whitenedDimension: pca.outputDimension, settings: settings, seconds: stopwatch.seconds)
        try report.write(to: folder)
        return report
    }

    /// The bin of `degrees` in (-180, 180] among `bins` equal-width bins, from 0.
    static func angleBin(_ degrees: Double, bins: Int) -> Int {
        Swift.min(bins - 1, Swift.max(0, Int(((degrees + 180) / 360 * Double(bins)).rounded(.down))))
    }

    /// The share of the most frequent label (0 for none).
    static func majorityRate(_ labels: [Int]) -> Double {
        guard !labels.isEmpty else { return 0 }
        let counts = Dictionary(labels.map { ($0, 1) }, uniquingKeysWith: +)
        return Double(counts.values.max()!) / Double(labels.count)
    }

    /// Trains `kind` on the whitened learner videos.
    static func train(_ kind: ModelKind, settings s: Settings, data: Matrix,
                      progress: @escaping (EpochReport) -> Void) throws -> any LearnedModel {
        guard Settings.supportedModels.contains(kind) else {
            throw SettingError(setting: "model", reason: "names \(kind.rawValue), which the random-dots experiment does not support (\(Settings.supportedModels.map(\.rawValue).joined(separator: ", ")))")
        }
        let configuration = kind.learner.configuration(for: .init(features: s.features, training: s.training, inputDimension: data.cols))
        return try configuration.fit(data, seed: UInt64(s.seed + 100), checkpoint: nil) { progress($0) }
    }
}
