import ArgumentParser
import Foundation
import Pipeline
import Support

/// `zae-video evaluate`: measure a learned model on a recognition benchmark.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Run a recognition protocol and report average precision per class.",
        discussion: """
        hollywood2: the paper's activity-recognition protocol on any dataset in the Hollywood2 layout \
        (AVIClips/, ClipSets/<Action>_{train,test}.txt), with a model bundle from learn (--model). \
        Stages are cached under --out/cache, so a killed run resumes and a rerun with other classifier \
        settings reuses the descriptors.

        cifar10, fashion-mnist: the paper's permutation-invariant image experiments: learners trained \
        per feature count on whole contrast-normalised, PCA-whitened images, zero-bias ReLU features, \
        cross-validated logistic regression (liblinear); studies of accuracy against the feature \
        count, the patch size, or the inference scheme. Fashion-MNIST's default root is Debian's \
        dataset-fashion-mnist folder.
        """)

    /// The protocols `evaluate` runs.
    enum Dataset: String, ExpressibleByArgument, CaseIterable {
        case hollywood2, cifar10
        case fashionMNIST = "fashion-mnist"
    }

    @Option(help: "Protocol: \(Dataset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: Dataset

    @Option(help: "The dataset root.")
    var root: String?

    @Option(help: "The model bundle folder (from zae-video learn).")
    var model: String?

    @Option(help: "Where reports (and the cache) go (default: runs/hollywood2, or runs/<dataset>-<study>).")
    var out: String?

    @Option(help: "Vocabulary size (visual words).")
    var words: Int?

    @Option(help: "The SVM's C.")
    var c: Double?

    @OptionGroup var pipeline: PipelineOption

    @OptionGroup(title: "Image datasets (cifar10, fashion-mnist)") var image: ImageEvaluationOptions

    /// What to say when there is no dataset to evaluate on.
    static let hollywood2Help = """
    evaluate --dataset hollywood2 needs --root: a folder in the Hollywood2 layout (AVIClips/ and ClipSets/).
    Hollywood2 itself is distributed by INRIA (search for "Hollywood2 Human Actions and Scenes dataset");
    unpack Hollywood2-actions.tar.gz and pass its Hollywood2 folder as --root.
    Without it, the embedded demo runs the same protocol on a generated motion dataset:
        zae-video make-dataset motions --out demo/motions
        zae-video learn --model trec --data demo/motions --out demo/trec --pipeline Pipelines/motions-demo.json
        zae-video evaluate --dataset hollywood2 --root demo/motions --model demo/trec --out demo/report --pipeline Pipelines/motions-demo.json
    (or simply: make demo)
    """

    func validate() throws {
        let imageFlags = [("--models", image.models != nil), ("--features", image.features != nil), ("--study", image.study != nil),
                          ("--no-whitening", image.noWhitening), ("--train-images", image.trainImages != nil),
                          ("--epochs", image.epochs != nil), ("--seed", image.seed != nil)]
        let videoFlags = [("--model", model != nil), ("--words", words != nil), ("--c", c != nil)]
        let misplaced = (dataset == .hollywood2 ? imageFlags : videoFlags).filter(\.1).map(\.0)
        guard misplaced.isEmpty else {
            throw ValidationError("\(misplaced.joined(separator: ", ")) do\(misplaced.count == 1 ? "es" : "") not apply to --dataset \(dataset.rawValue)")
        }
    }

    func run() throws {
        if dataset != .hollywood2 {
            try image.run(dataset: dataset.rawValue, root: root, out: out, pipeline: pipeline.file)
            return
        }
        guard let root else { throw ValidationError(Self.hollywood2Help) }
        guard let model else { throw ValidationError("evaluate --dataset hollywood2 needs --model DIR, a bundle written by zae-video learn") }
        var settings = try pipeline.settings()
        if let words { settings.vocabulary.words = words }
        if let c { settings.classifier.c = c }

        let progress = ProgressLine()
        let stageStart = StageClock()
        let run = RecognitionRun(settings: settings, root: URL(fileURLWithPath: root), model: URL(fileURLWithPath: model),
                                 output: URL(fileURLWithPath: out ?? "runs/hollywood2"))
        let report = try run.run { event in
            switch event {
            case let .dataset(summary):
                progress.line(summary)
            case let .stage(name, cached):
                stageStart.reset()
                progress.line(cached ? "\(name): cached" : "\(name) ...")
            case let .progress(done, total):
                let elapsed = stageStart.seconds
                let left = done > 0 ? elapsed / Double(done) * Double(total - done) : .nan
                progress.update("  \(done)/\(total)  \(formatDuration(elapsed)) elapsed, \(formatDuration(left)) left", permanent: done == total)
            case let .skipped(item):
                progress.line("  skipped \(item)")
            }
        }
        print("")
        print(report.markdown)
        print("wrote \(out ?? "runs/hollywood2")/report.json, report.md, ap.svg")
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
