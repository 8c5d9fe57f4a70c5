import ArgumentParser
import Foundation
import Learners
import Pipeline

/// The image-study flags of `zae-video evaluate --dataset cifar10|fashion-mnist`, and the run
/// they ask for. Everything else comes from the pipeline file or the built-in defaults.
struct ImageEvaluationOptions: ParsableArguments {
    @Option(help: "Image study: feature learners, comma-separated (trec, tlin, cae, covae, kmeans).")
    var models: String?

    @Option(help: "Image study: feature counts, comma-separated (the features study); for the patch-size and inference studies one count.")
    var features: String?

    @Option(help: "Image study: features (Figure 4 top), patch-size (Figure 4 bottom) or inference (Figure 1 right).")
    var study: String?

    @Flag(name: .customLong("no-whitening"), help: "Image study: PCA without whitening (the paper's NW variant).")
    var noWhitening = false

    @Option(help: "Image study: the learners train on at most this many training images (0: all).")
    var trainImages: Int?

    @Option(help: "Image study: training epochs of the gradient-trained learners.")
    var epochs: Int?

    @Option(help: "Image study: the seed of every random draw.")
    var seed: Int?

    /// The settings: `dataset`'s defaults, the pipeline file laid over them, then these flags.
    func settings(dataset name: String, root: String?, pipeline: String?) throws -> ImageStudy.Settings {
        guard let dataset = ImageDataset(rawValue: name) else {
            throw ValidationError("unknown image dataset \"\(name)\"; choose \(ImageDataset.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        var settings = ImageStudy.Settings(dataset: dataset)
        if let pipeline {
            settings = try SettingsFile.load(URL(fileURLWithPath: pipeline), over: settings)
            guard settings.dataset == dataset else {
                throw ValidationError("\(pipeline) is a \(settings.dataset.rawValue) pipeline, not \(name)")
            }
        }
        if let root { settings.root = root }
        if let study {
            guard let chosen = ImageStudy.Study(rawValue: study) else {
                throw ValidationError("unknown study \"\(study)\"; choose \(ImageStudy.Study.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            settings.study = chosen
        }
        if let models {
            settings.models = try list(models, "--models") { ModelKind(rawValue: $0) }
        }
        if let features {
            let counts = try list(features, "--features") { Int($0) }
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
    func run(dataset: String, root: String?, out: String?, pipeline: String?) throws {
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
        print("took \(String(format: "%.1f", report.seconds)) s; wrote report.json, report.md and \(report.plot.name) to \(folder.path)")
    }

    /// The comma-separated items of `text`, each parsed by `parse`; a bad item names `flag`.
    private func list<Item>(_ text: String, _ flag: String, _ parse: (String) -> Item?) throws -> [Item] {
        try text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.map { item in
            guard let parsed = parse(item) else { throw ValidationError("\(flag): cannot use \"\(item)\"") }
            return parsed
        }
    }
}
