import ArgumentParser
import Evaluation
import Foundation
import Learners
import Runs
import Studies

/// The image-study flags of `zae-video evaluate --dataset cifar10|fashion-mnist`, and the run
/// they ask for. Everything else comes from the pipeline file or the built-in defaults.
struct ImageEvaluationOptions: ParsableArguments {
    @Option(name: [.customLong("learners"), .customLong("models")],
            help: "Image study: feature learners, comma-separated (\(LearnerKind.kinds(for: .images).map(\.rawValue).joined(separator: ", ")); --models is its earlier name).")
    var learners: CommaList<ModelKind>?

    @Option(parsing: .unconditional, help: "Image study: feature counts, comma-separated (the features study); for the patch-size and inference studies one count.")
    var features: CommaList<Int>?

    @Option(help: "Image study: features (Figure 4 top), patch-size (Figure 4 bottom) or inference (Figure 1 right).")
    var study: ImageStudy.Study?

    @Flag(name: .customLong("no-whitening"), help: "Image study: PCA without whitening (the paper's NW variant).")
    var noWhitening = false

    @Option(parsing: .unconditional, help: "Image study: the learners train on at most this many training images (0: all).")
    var trainImages: Int?

    @Option(parsing: .unconditional, help: "Image study: training epochs of the gradient-trained learners.")
    var epochs: Int?

    @Option(parsing: .unconditional, help: "Image study: the seed of every random draw.")
    var seed: Int?

    /// The settings: `dataset`'s defaults, the pipeline file laid over them, then these flags.
    func settings(dataset: ImageDataset, root: String?, pipeline: PipelineOption) throws -> ImageStudy.Settings {
        var settings = try pipeline.settings(over: ImageStudy.Settings(dataset: dataset))
        guard settings.dataset == dataset else {
            throw ValidationError("\(pipeline.file ?? "") is a \(settings.dataset.rawValue) pipeline, not \(dataset.rawValue)")
        }
        if let root { settings.root = root }
        if let study { settings.study = study }
        if let learners { settings.models = learners.items }
        if let counts = features?.items {
            if settings.study == .features {
                settings.features = counts
            } else {
                guard counts.count == 1 else { throw ValidationError("the \(settings.study.rawValue) study takes one --features count") }
                settings.fixedFeatures = counts[0]
            }
        }
        if noWhitening { settings.whitening = false }
        if let trainImages { settings.trainImages = trainImages }
        if let epochs { settings.training.epochs = epochs }
        if let seed { settings.seed = seed }
        return settings
    }

    /// Runs the image study with progress on standard output, prints the results table and writes
    /// the report into `out` (default `runs/<dataset>-<study>`).
    func run(dataset: ImageDataset, root: String?, out: String?, pipeline: PipelineOption) throws {
        let settings = try settings(dataset: dataset, root: root, pipeline: pipeline)
        let folder = URL(fileURLWithPath: out ?? "runs/\(settings.dataset.rawValue)-\(settings.study.rawValue)")
        let output = ProgressLine()
        let report = try ImageStudy.run(settings) { event in
            switch event {
            case let .stage(text):
                output.line(text)
            case let .epoch(model, epoch):
                let total = ModelKind(rawValue: model).map { settings.training.epochs(for: $0) } ?? settings.training.epochs
                output.update("  " + epochLine(epoch, of: total, model: model), permanent: epoch.epoch == total)
            case let .result(result):
                output.line("  \(result.model) \(result.features) features, patch \(result.patch), \(result.inference): "
                      + "accuracy \(String(format: "%.2f%%", 100 * result.accuracy)) (C = \(result.cost))")
            }
        }
        output.line("")
        print(report.table, terminator: "")
        try report.write(to: folder)
        print("took \(String(format: "%.1f", report.seconds)) s; wrote report.json, report.md, \(report.plot.name) and report.html to \(folder.path)")
    }
}
