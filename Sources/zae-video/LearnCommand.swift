import ArgumentParser
import Evaluation
import Foundation
import Learners
import Runs
import Studies
import Support

/// `zae-video learn`: train a feature learner on video blocks and write a model bundle.
struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Train a feature learner on random video blocks and write a model bundle.",
        discussion: """
        --data is a Hollywood2-layout root (its training clips), a folder of videos, a video file, or \
        "rotdots" for generated rotating random-dot videos. Settings come from --pipeline (or the \
        paper's defaults); the flags below override them. A checkpoint is kept after every epoch: \
        --resume continues a killed run.
        """)

    @Option(name: [.customLong("learner"), .customLong("model")],
            help: "The feature learner: \(LearnerKind.kinds(for: .video).map(\.rawValue).joined(separator: ", ")) (--model is its earlier name).")
    var learner: ModelKind?

    @Option(help: "Training data (see above).")
    var data: String

    @Option(help: "The model bundle folder to write.")
    var out: String

    @Option(parsing: .unconditional, help: "Hidden units (features).")
    var features: Int?

    @Option(name: [.customLong("blocks"), .customLong("patches")], parsing: .unconditional,
            help: "Training blocks to sample (blocks.count; --patches is its earlier name).")
    var blocks: Int?

    @Option(parsing: .unconditional, help: "Training epochs.")
    var epochs: Int?

    @Option(parsing: .unconditional, help: "Learning rate after warm-up.")
    var learningRate: Double?

    @Option(parsing: .unconditional, help: "Random seed (0 or more).")
    var seed: Int?

    @OptionGroup var pipeline: PipelineOption

    @Flag(help: "Replace an --out folder that holds another model or other files.")
    var force = false

    @Flag(help: "Continue an interrupted run from its last finished epoch.")
    var resume = false

    func run() throws {
        var settings = try pipeline.settings()
        if let learner { settings.model.kind = learner }
        if let features { settings.model.features = features }
        if let blocks { settings.blocks.count = blocks }
        if let epochs { settings.model.training.epochs = epochs }
        if let learningRate { settings.model.training.learningRate = learningRate }
        if let seed { settings.model.seed = seed }

        let progress = ProgressLine()
        let stopwatch = Stopwatch()
        let run = LearnRun(settings: settings, data: data, output: URL(fileURLWithPath: out), force: force, resume: resume)
        let bundle = try run.run { event in
            switch event {
            case let .source(text):
                progress.line("training data: \(text)")
            case let .sampling(done, total):
                progress.update("decoding clips \(done)/\(total)", permanent: done == total)
            case let .blocks(count, used, skipped):
                progress.line("sampled \(count) blocks from \(used) clips" + (skipped.isEmpty ? "" : "; skipped \(skipped.count):"))
                for item in skipped { progress.line("  skipped \(item)") }
            case let .whitened(inputs, outputs, seconds):
                progress.line("whitening: \(inputs) -> \(outputs) dimensions (\(String(format: "%.1f", seconds)) s)")
            case let .epoch(report, total, blocks):
                progress.update(epochLine(report, of: total, examples: blocks), permanent: true)
            case let .steps(records):
                for record in records { progress.line(record.summary) }
            case let .written(url, page, seconds):
                progress.line("wrote \(url.path)")
                progress.line("model page: \(page.path) (\(String(format: "%.2f", seconds)) s)")
            case let .removedTemporaries(count):
                progress.line(removedTemporariesLine(count))
            case let .noCheckpoint(folder):
                progress.line("--resume: no checkpoint at \(folder.path); starting from scratch")
            }
        }
        print("\(bundle.model.kind.rawValue): \(bundle.model.featureCount) features on \(bundle.model.inputDimension) whitened dimensions, "
              + "\(formatDuration(stopwatch.seconds)) in all")
    }
}
