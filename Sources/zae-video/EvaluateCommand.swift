import ArgumentParser
import Datasets
import Evaluation
import Foundation
import Runs
import Studies
import Support

/// `zae-video evaluate`: measure a learned model on a recognition benchmark.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Run a recognition protocol and report average precision (and accuracy) per class.",
        discussion: """
        hollywood2: the paper's activity-recognition protocol on any dataset in the Hollywood2 layout \
        (AVIClips/, ClipSets/<Action>_{train,test}.txt), with a model bundle from learn (--model) or \
        descriptor files from any tool (--descriptors DIR: docs/features.md). \
        Stages are cached under --out/cache, so a killed run resumes and a rerun with other classifier \
        settings reuses the descriptors.

        ucf101, hmdb51, kth, csv: the same protocol on the single-label benchmarks as their authors \
        distribute them (UCF-101/ + ucfTrainTestlist/; <action>/ + testTrainMulti_7030_splits/; \
        <action>/personNN_<action>_dK_uncomp.avi; train.csv + test.csv with path,label), reporting \
        top-1 accuracy, mean class accuracy and a confusion matrix besides AP. --split all evaluates \
        every split and reports the mean and standard deviation of accuracy over them.

        cifar10, fashion-mnist: the paper's permutation-invariant image experiments: learners trained \
        per feature count on whole contrast-normalised, PCA-whitened images, zero-bias ReLU features, \
        cross-validated logistic regression (liblinear); studies of accuracy against the feature \
        count, the patch size, or the inference scheme. Fashion-MNIST's default root is Debian's \
        dataset-fashion-mnist folder.
        """)

    /// The protocols `evaluate` runs.
    enum Dataset: String, ExpressibleByArgument, CaseIterable {
        case hollywood2, ucf101, hmdb51, kth, csv, cifar10
        case fashionMNIST = "fashion-mnist"

        /// The video layout of a video protocol; nil for the image datasets.
        var videoLayout: DatasetLayout? { DatasetLayout(rawValue: rawValue) }
    }

    /// Whether `--descriptors` go through the super-block PCA.
    enum ReduceChoice: String, ExpressibleByArgument, CaseIterable {
        case pca, none
    }

    /// Which split(s) of a video dataset to evaluate.
    enum SplitChoice: ExpressibleByArgument, Equatable {
        case number(Int), all

        init?(argument: String) {
            if argument == "all" { self = .all } else if let n = Int(argument) { self = .number(n) } else { return nil }
        }
    }

    @Option(help: "Protocol: \(Dataset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: Dataset

    @Option(help: "The dataset root.")
    var root: String?

    @Option(help: "The model bundle folder (from zae-video learn).")
    var model: String?

    @Option(help: "Video datasets: evaluate descriptor files made by any tool instead of a model's: DIR/<clip path under --root, extension dropped>.npy, float [rows, values], with optional <...>.positions.npy [rows, 3] centres (frame, y, x) in source pixels (what extract --dataset writes).")
    var descriptors: String?

    @Option(help: "With --descriptors: pca (the whitened super-block PCA to descriptors.pcaDimensions values, as a model's descriptors get; the default) or none (the rows as they are).")
    var reduce: ReduceChoice?

    @Option(help: "Where reports (and the cache) go (default: runs/hollywood2, or runs/<dataset>-<study>).")
    var out: String?

    @Option(parsing: .unconditional, help: "Vocabulary size (visual words).")
    var words: Int?

    @Option(parsing: .unconditional, help: "The SVM's C.")
    var c: Double?

    @Option(help: "Video datasets: how clips are encoded: bow (the paper's bag of words, chi-squared SVMs), vlad or fisher (linear SVMs).")
    var encoding: EncodingSettings.Kind?

    @Option(help: "Video datasets: spatio-temporal pyramid grids as TxHxW cells, comma-separated (e.g. 1x1x1,1x2x2,2x1x1; default 1x1x1, the whole clip).")
    var pyramid: CommaList<PyramidGridArgument>?

    @Option(help: "Video datasets: the split to evaluate, 1|2|3 (UCF101, HMDB51; the others have one), or all (default 1).")
    var split: SplitChoice?

    @Option(help: "Run one stage of the protocol: prepare, descriptors or finish (default: all three).")
    var stage: EvaluationStage?

    @Option(help: "With --stage descriptors: shard I/N, the clips whose index is I modulo N (default 0/1, every clip).")
    var shard: String?

    @Flag(help: "Write into a non-empty --out folder that is not a zae-video evaluation.")
    var force = false

    @Flag(name: .customLong("drop-descriptors"),
          help: "After finish, delete the descriptor cache (the bulk of the run's disk); reports, encodings and the recogniser stay. A rerun with another vocabulary or encoding computes the descriptors again.")
    var dropDescriptors = false

    @OptionGroup var pipeline: PipelineOption

    @OptionGroup(title: "Image datasets (cifar10, fashion-mnist)") var image: ImageEvaluationOptions

    /// What to say when there is no dataset to evaluate on.
    static let hollywood2Help = """
    evaluate --dataset hollywood2 needs --root: a folder in the Hollywood2 layout (AVIClips/ and ClipSets/).
    Hollywood2 itself is distributed by INRIA (search for "Hollywood2 Human Actions and Scenes dataset");
    unpack Hollywood2-actions.tar.gz and pass its Hollywood2 folder as --root.
    Without it, the embedded demo runs the same protocol on a generated motion dataset:
        zae-video make-dataset motions --out demo/motions
        zae-video learn --learner trec --data demo/motions --out demo/trec --pipeline Pipelines/motions-demo.json
        zae-video evaluate --dataset hollywood2 --root demo/motions --model demo/trec --out demo/report --pipeline Pipelines/motions-demo.json
    (or simply: make demo)
    """

    func validate() throws {
        let imageFlags = [("--learners", image.learners != nil), ("--features", image.features != nil), ("--study", image.study != nil),
                          ("--no-whitening", image.noWhitening), ("--train-images", image.trainImages != nil),
                          ("--epochs", image.epochs != nil), ("--seed", image.seed != nil)]
        let videoFlags = [("--model", model != nil), ("--descriptors", descriptors != nil), ("--reduce", reduce != nil), ("--words", words != nil), ("--c", c != nil), ("--split", split != nil),
                          ("--stage", stage != nil), ("--shard", shard != nil), ("--force", force), ("--drop-descriptors", dropDescriptors),
                          ("--encoding", encoding != nil), ("--pyramid", pyramid != nil)]
        let misplaced = (dataset.videoLayout != nil ? imageFlags : videoFlags).filter(\.1).map(\.0)
        guard misplaced.isEmpty else {
            throw ValidationError("\(misplaced.joined(separator: ", ")) do\(misplaced.count == 1 ? "es" : "") not apply to --dataset \(dataset.rawValue)")
        }
        if shard != nil, stage != .descriptors { throw ValidationError("--shard needs --stage descriptors") }
        if stage != nil, case .all = split { throw ValidationError("--stage runs one split: give --split N") }
        if dataset.videoLayout != nil {
            guard root != nil else {
                throw ValidationError(dataset == .hollywood2 ? Self.hollywood2Help
                                      : "evaluate --dataset \(dataset.rawValue) needs --root: the dataset folder (README.md, evaluate --dataset ucf101|hmdb51|kth|csv)")
            }
            guard model != nil || descriptors != nil else {
                throw ValidationError("evaluate --dataset \(dataset.rawValue) needs --model DIR, a bundle written by zae-video learn (or --descriptors DIR, descriptor files)")
            }
            if model != nil, descriptors != nil { throw ValidationError("give --model or --descriptors, not both") }
            if reduce != nil, descriptors == nil { throw ValidationError("--reduce needs --descriptors") }
        }
    }

    /// The settings of a video protocol: the pipeline file with the flags applied.
    func videoSettings() throws -> VideoPipelineSettings {
        var settings = try pipeline.settings()
        if let words { settings.vocabulary.words = words }
        if let c { settings.classifier.c = c }
        if let encoding { settings.encoding.select(encoding) }
        if let pyramid { settings.encoding.pyramid = pyramid.items.map(\.grid) }
        return settings
    }

    /// The model bundle or the descriptor files given.
    var descriptorSource: DescriptorSource? {
        if let descriptors { return .files(folder: URL(fileURLWithPath: descriptors), reduce: reduce != ReduceChoice.none) }
        return model.map { .model(URL(fileURLWithPath: $0)) }
    }

    func run() throws {
        if let imageDataset = ImageDataset(rawValue: dataset.rawValue) {
            try image.run(dataset: imageDataset, root: root, out: out, pipeline: pipeline)
            return
        }
        guard let layout = dataset.videoLayout, let root, let source = descriptorSource else { return }   // validate() refused a video run without them
        let settings = try videoSettings()
        let output = out ?? "runs/\(dataset.rawValue)"
        var run = EvaluationRun(settings: settings, root: URL(fileURLWithPath: root), datasetLayout: layout,
                                 source: source, output: URL(fileURLWithPath: output), force: force)
        run.dropDescriptors = dropDescriptors
        let progress = RecognitionProgress()
        guard case let .number(n) = split ?? .number(1) else {
            let summary = try AllSplitsRun(run).run { split, event in
                if case .dataset = event { progress.line("split \(split):") }
                progress.show(event)
            }
            print("")
            print(summary.markdown)
            print("wrote \(output)/report.json, report.md, report.html and each split's reports in \(output)/split<N>/")
            return
        }
        run.split = n
        switch stage {
        case .prepare:
            try run.prepare(events: progress.show)
            print("prepared \(output)/plan.json")
        case .descriptors:
            let shard = try shard.map { try ClipShard(parsing: $0) } ?? .whole
            let record = try run.describe(shard: shard, events: progress.show)
            if let clips = record.clips {
                print("shard \(shard): \(clips.total) clips, \(clips.described) described, \(clips.cached) cached, "
                      + "\(clips.recomputed) recomputed, \(clips.skipped) skipped\(clips.dropped.map { ", \($0) dropped after finish" } ?? "") "
                      + "(\(formatDuration(record.seconds)))")
            }
        case .finish, nil:
            let report = try stage == nil ? run.run(events: progress.show) : run.finish(events: progress.show)
            print("")
            print(report.markdown)
            print("wrote \(output)/report.json, report.md, ap.svg\(report.confusion == nil ? "" : ", confusion.svg"), report.html")
        }
    }
}

/// Prints a recognition run's events: stage lines, a progress line with time left, skipped clips.
final class RecognitionProgress: Sendable {
    private let progress = ProgressLine()
    private let stageStart = StageClock()

    /// Shows a line of the command's own.
    func line(_ text: String) { progress.line(text) }

    /// Shows one event.
    @Sendable func show(_ event: EvaluationEvent) {
        switch event {
        case let .dataset(summary):
            progress.line(summary)
        case let .stage(stage, cached):
            stageStart.reset()
            progress.line(stage.line(cached: cached))
        case let .progress(done, total):
            progress.update(countLine(done: done, total: total, elapsed: stageStart.seconds), permanent: done == total)
        case let .skipped(item):
            progress.line("  skipped \(item)")
        case let .notice(text):
            progress.line("  note: \(text)")
        case let .recomputing(item):
            progress.line("  recomputing \(item.item): \(item.reason)")
        case let .removedTemporaries(count):
            progress.line(removedTemporariesLine(count))
        case let .droppedDescriptors(clips, bytes):
            progress.line(String(format: "dropped the descriptors of %d clips (%.1f MB freed)", clips, Double(bytes) / 1e6))
        }
    }
}

/// Seconds since the current stage began.
final class StageClock: @unchecked Sendable {
    private let lock = NSLock()
    private var stopwatch = Stopwatch()

    /// Restarts the clock.
    func reset() { lock.withLock { stopwatch = Stopwatch() } }

    /// Seconds since the last reset.
    var seconds: Double { lock.withLock { stopwatch.seconds } }
}

extension EvaluationStage: ExpressibleByArgument {}
