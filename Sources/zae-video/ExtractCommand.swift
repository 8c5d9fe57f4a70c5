import ArgumentParser
import Datasets
import Foundation
import Evaluation
import Runs
import Support

/// `zae-video extract`: a model's descriptors of any videos, one `.npy` per clip.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Write a model's super-block descriptors of videos as one .npy per clip (with each row's position), for any other tool.",
        discussion: """
        INPUT: video files, or folders (every video under them). Or --dataset LAYOUT --root R: every clip \
        of a dataset. Per clip: OUT/<path relative to the input>.npy, float32 [super-blocks, values]: \
        the concatenated sub-block codes, or with --reduce-with RUN_DIR the run's super-block PCA of them, \
        equal bit for bit to what evaluate caches for that run; and <...>.positions.npy, [super-blocks, 3]: \
        each super-block's centre (frame, y, x) in the source video's pixels. OUT/index.csv lists every \
        clip (frames, size, rows, seconds, the reason for a skipped one). A rerun keeps what is done. \
        --level clip --run RUN_DIR writes instead each clip's encoding by that run ([1, values]: its bag of \
        words, VLAD or Fisher vector over its pyramid), what its classifiers score.
        """)

    @Argument(help: "Video files or folders of videos.")
    var inputs: [String] = []

    @Option(help: "Every clip of a dataset in this layout (\(DatasetLayout.allCases.map(\.rawValue).joined(separator: ", "))), with --root.")
    var dataset: DatasetLayout?

    @Option(help: "The dataset root, with --dataset.")
    var root: String?

    @Option(help: "The model bundle folder (from zae-video learn); optional with --reduce-with (the run's).")
    var model: String?

    @Option(help: "Where the features go.")
    var out: String

    @Option(name: .customLong("reduce-with"), help: "An evaluate output folder: write its super-block PCA of the descriptors (the rows its cache holds).")
    var reduceWith: String?

    /// What one row describes.
    enum Level: String, ExpressibleByArgument, CaseIterable {
        case superBlocks = "super-blocks", clip
    }

    @Option(help: "super-blocks (one row per super-block) or clip (one row per clip: the encoding of --run RUN_DIR).")
    var level: Level = .superBlocks

    @Option(name: .customLong("run"), help: "With --level clip: the evaluate output folder whose encoding (and model) to use.")
    var runFolder: String?

    @Option(help: "Shard I/N: the inputs whose index is I modulo N (default 0/1, every input).")
    var shard: String?

    @OptionGroup(title: "Settings (default: those recorded in the bundle, the pipeline file it was learned with)") var pipeline: PipelineOption

    func validate() throws {
        if dataset != nil, root == nil { throw ValidationError("--dataset needs --root: the dataset folder") }
        if root != nil, dataset == nil { throw ValidationError("--root needs --dataset LAYOUT") }
        if dataset != nil, !inputs.isEmpty { throw ValidationError("give input videos or --dataset, not both") }
        if dataset == nil, inputs.isEmpty { throw ValidationError("give input videos or folders, or --dataset LAYOUT --root R") }
        if level == .clip, runFolder == nil { throw ValidationError("--level clip needs --run RUN_DIR: the evaluate run whose encoding to apply") }
        if level != .clip, runFolder != nil { throw ValidationError("--run goes with --level clip (for super-blocks reduced by a run, use --reduce-with)") }
        if level == .clip, reduceWith != nil { throw ValidationError("--level clip uses the run's super-block PCA already; leave --reduce-with out") }
        if model == nil, reduceWith == nil, runFolder == nil {
            throw ValidationError("give --model DIR (a bundle from zae-video learn), --reduce-with RUN_DIR, or --level clip --run RUN_DIR")
        }
        if reduceWith != nil || runFolder != nil, pipeline.file != nil { throw ValidationError("a run's settings are used with --reduce-with and --run; leave --pipeline out") }
    }

    /// The extraction these arguments ask for.
    func extraction() throws -> FeatureExtraction {
        let videos = try dataset.map { try VideoInputs.clips(of: $0, root: URL(fileURLWithPath: root!)) }
            ?? VideoInputs.resolve(inputs.map { URL(fileURLWithPath: $0) })
        return FeatureExtraction(inputs: videos, output: URL(fileURLWithPath: out), model: model.map { URL(fileURLWithPath: $0) },
                                           settings: try pipeline.file.map { _ in try pipeline.settings() }, reduceWith: reduceWith.map { URL(fileURLWithPath: $0) },
                                           encodeWith: runFolder.map { URL(fileURLWithPath: $0) },
                                           shard: try shard.map { try ClipShard(parsing: $0) } ?? .whole)
    }

    func run() throws {
        let extraction = try extraction()
        let progress = ProgressLine(), clock = StageClock()
        let summary = try extraction.run { event in
            switch event {
            case let .started(clips, kept, width):
                clock.reset()
                progress.line("extracting \(clips) clips (\(kept) already done), \(width) values per \(level == .clip ? "clip" : "super-block"), into \(out)")
            case let .progress(done, total):
                progress.update(countLine(done: done, total: total, elapsed: clock.seconds), permanent: done == total)
            case let .skipped(item):
                progress.line("  skipped \(item)")
            }
        }
        let extracted = summary.index.rows.filter { $0.status == .extracted }
        let seconds = extracted.reduce(0) { $0 + ($1.seconds ?? 0) }, rows = extracted.reduce(0) { $0 + ($1.rows ?? 0) }
        print("\(summary.count(.extracted)) extracted, \(summary.count(.kept)) kept, \(summary.count(.skipped)) skipped in \(formatDuration(summary.seconds))"
              + (extracted.isEmpty ? "" : String(format: " (%.0f %@/s per worker)", Double(rows) / max(seconds, 1e-9),
                                                 level == .clip ? "clips" : "super-blocks")))
        print("wrote \(out)/\(summary.indexFile.lastPathComponent)")
    }
}

extension DatasetLayout: ExpressibleByArgument {}
