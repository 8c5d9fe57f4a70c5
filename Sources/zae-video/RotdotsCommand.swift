import ArgumentParser
import Datasets
import Evaluation
import Foundation
import Learners
import Runs
import Studies

/// `zae-video rotdots`: random-dot videos, the learned filters as pictures, and what the features encode.
struct RotdotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotdots",
        abstract: "Train on random-dot videos, draw the filters and measure what the features encode (Figure 5).",
        discussion: """
            Writes filters.png, filters.gif, filters.npy and the model's page model.html (and \
            filters-<model>.png/.gif/.npy and model-<model>.html for each comparison model) and report.json \
            (accuracies, filter roughness) into --out. Settings come from the defaults, \
            then --pipeline, then the flags.
            """)

    @Option(name: [.customLong("learner"), .customLong("model")],
            help: "The learner whose filters are drawn: \(RotatingDotsExperiment.Settings.supportedModels.map(\.rawValue).joined(separator: ", ")) (--model is its earlier name).")
    var learner: ModelKind?

    @Option(parsing: .unconditional, help: "Videos generated in all (split into learner, classifier and test videos).")
    var videos: Int?

    @Option(parsing: .unconditional, help: "Hidden units of every model.")
    var features: Int?

    @Option(parsing: .unconditional, help: "Training epochs.")
    var epochs: Int?

    @Option(help: "How frames follow from the first: rotation or shift.")
    var transform: RandomDotVideos.Transform?

    @Option(help: "First-frame content: smooth (white noise blurred by a Gaussian, the default), noise or binary.")
    var dots: RotatingDotsExperiment.Settings.Dots?

    @Option(help: "Comparison models, comma-separated (cae, tlin, kmeans, ...), or none.")
    var compare: CommaList<ModelKind>?

    @Option(parsing: .unconditional, help: "Random seed.")
    var seed: Int?

    @OptionGroup var pipeline: PipelineOption

    @Option(help: "Output folder.")
    var out = "runs/rotdots"

    func run() throws {
        let settings = try resolvedSettings()
        let folder = URL(fileURLWithPath: out)
        let line = ProgressLine()
        let report = try RotatingDotsExperiment.run(settings, output: folder) { show($0, on: line) }
        print(report.summary, terminator: "")
        print("wrote \(folder.path)/report.json, filters.png, filters.gif, filters.npy, model.html")
    }

    /// The defaults, laid over by the pipeline file, then by the flags given.
    func resolvedSettings() throws -> RotatingDotsExperiment.Settings {
        var settings = try pipeline.settings(over: RotatingDotsExperiment.Settings())
        if let learner { settings.model = learner }
        if let videos { settings.videos = videos }
        if let features { settings.features = features }
        if let epochs { settings.training.epochs = epochs }
        if let transform { settings.transform = transform }
        if let dots { settings.dots = dots }
        if let seed { settings.seed = seed }
        if let compare { settings.compare = compare.items }
        return settings
    }

    /// A line per stage; epochs redrawn in place on a terminal, the last epoch of each model kept
    /// (in logs, only that last one).
    func show(_ progress: RotatingDotsExperiment.Progress, on output: ProgressLine) {
        switch progress {
        case let .stage(text):
            output.line(text)
        case let .epoch(kind, report, total):
            output.update(epochLine(report, of: total, model: kind.rawValue), permanent: report.epoch == total)
        }
    }
}

extension RandomDotVideos.Transform: ExpressibleByArgument {}
extension RotatingDotsExperiment.Settings.Dots: ExpressibleByArgument {}
