import Datasets
import Foundation
import Learners
import Runs
import Support

/// The memory a job asks Slurm for (`--mem`) when the user gives none: what `MemoryEstimate` says
/// its stage needs, plus a quarter for what the estimate leaves out, rounded up to a multiple of
/// 256 MiB (at least 512 MiB) and written in Slurm's units (`768M`, `2G`).
public enum SlurmMemory {
    /// The factor on the estimate.
    public static let margin = 1.25
    /// Requests are multiples of this many MiB.
    public static let stepMiB = 256
    /// The smallest request, in MiB.
    public static let minimumMiB = 512

    /// The `--mem` value for a stage needing `bytes`: whole gibibytes as `NG`, else mebibytes as `NM`.
    public static func request(bytes: Double) -> String {
        let steps = min((bytes * margin / Double(stepMiB << 20)).rounded(.up), 1e12)
        let mib = max(Int(steps) * stepMiB, minimumMiB)
        return mib % 1024 == 0 ? "\(mib / 1024)G" : "\(mib)M"
    }

    /// The stages of `evaluate` on `dataset` with the bundle at `model`, or, when no bundle is there
    /// yet (a `learn` job before it will write it), with the model the settings describe; each task
    /// describing `cpus` clips at a time.
    public static func evaluate(_ settings: VideoPipelineSettings, model: URL, dataset: RecognitionDataset, cpus: Int) throws -> MemoryEstimate {
        let (trainClips, testClips) = (dataset.train.clips.count, dataset.test.clips.count)
        if FileManager.default.fileExists(atPath: model.appendingPathComponent("model.json").path) {
            return MemoryEstimate.evaluate(settings, bundle: try ModelBundle.load(from: model), trainClips: trainClips, testClips: testClips,
                                           workers: cpus)
        }
        return MemoryEstimate.evaluate(settings, features: settings.model.features, inputDimension: MemoryEstimate.whitenedDimension(settings),
                                       trainClips: trainClips, testClips: testClips, workers: cpus)
    }

    /// The stages of `evaluate` on `dataset` with descriptors from `source`: a model bundle (as
    /// `evaluate(_:model:dataset:cpus:)`) or descriptor files, whose headers give their width and
    /// row counts (a missing or malformed file is refused, naming the clip and the file).
    public static func evaluate(_ settings: VideoPipelineSettings, source: DescriptorSource, dataset: RecognitionDataset,
                                cpus: Int) throws -> MemoryEstimate {
        switch source {
        case let .model(model): return try evaluate(settings, model: model, dataset: dataset, cpus: cpus)
        case let .files(folder, reduce):
            let files = try OwnDescriptorShapes.read(PrepareStage.clips(of: dataset), folder: folder, root: dataset.root)
            return MemoryEstimate.evaluate(settings, files: files, reduce: reduce, workers: cpus)
        }
    }

    /// What a `learn` job needs: the largest of its stages, decoding `cpus` clips at a time.
    public static func learn(_ settings: VideoPipelineSettings, cpus: Int) -> MemoryEstimate.Step {
        MemoryEstimate.learn(settings, workers: cpus).peak
    }

    /// What a `table` job needs: the process alone (it reads a few reports).
    public static let table = MemoryEstimate.Step(step: "table", bytes: MemoryEstimate.processBase, detail: "reading the runs' reports")
}
