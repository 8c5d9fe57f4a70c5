import Datasets
import Foundation
import Linalg
import Runs
import Support

/// `zae-video evaluate --dataset hollywood2|ucf101|hmdb51|kth|csv` as a library call: the recognition
/// protocol of docs/protocol.md on one split of a dataset in one of the `DatasetLayout`s with a trained
/// model bundle (or descriptor files made elsewhere: `DescriptorSource`), as three stages that
/// communicate only through the output folder, so a scheduler can run them as separate jobs:
/// 1. `PrepareStage`: check the dataset and model, fit the super-block PCA, write the plan;
/// 2. `DescriptorStage`: every clip's reduced descriptors, in shards that need no lock;
/// 3. `FinishStage`: vocabulary, histograms, SVMs, average precision, reports.
///
/// `run` does all three in one process with the same code and cache (every stage's result is kept
/// under `output/cache` by a fingerprint of its inputs, so a killed run resumes and a rerun with
/// other classifier settings reuses the descriptors). Prepare and finish hold the output folder's
/// lock; descriptor shards rely on per-clip atomic files instead.
public struct EvaluationRun: Sendable {
    /// Every setting.
    public var settings: VideoPipelineSettings
    /// The dataset root.
    public var root: URL
    /// The dataset's layout.
    public var datasetLayout: DatasetLayout
    /// Which of the layout's splits to evaluate.
    public var split: Int
    /// The model bundle, or descriptor files.
    public var source: DescriptorSource
    /// Where the plan, the cache and the reports go.
    public var output: URL
    /// Write into a non-empty folder that is not a zae-video output.
    public var force: Bool
    /// Drop the descriptor cache after finish (`DroppedDescriptors`).
    public var dropDescriptors = false

    /// A recognition run.
    public init(settings: VideoPipelineSettings, root: URL, datasetLayout: DatasetLayout = .hollywood2, split: Int = 1,
                source: DescriptorSource, output: URL, force: Bool = false) {
        self.settings = settings
        self.root = root
        self.datasetLayout = datasetLayout
        self.split = split
        self.source = source
        self.output = output
        self.force = force
    }

    /// A recognition run with the model bundle at `model`.
    public init(settings: VideoPipelineSettings, root: URL, datasetLayout: DatasetLayout = .hollywood2, split: Int = 1,
                model: URL, output: URL, force: Bool = false) {
        self.init(settings: settings, root: root, datasetLayout: datasetLayout, split: split, source: .model(model), output: output, force: force)
    }

    /// Runs the three stages, writes `report.json`, `report.md`, `ap.svg` (and `confusion.svg` for a
    /// single-label dataset) into `output`, and returns the report.
    public func run(events: @escaping @Sendable (EvaluationEvent) -> Void = { _ in }) throws -> EvaluationReport {
        var prepare = try prepareStage()
        prepare.memoryChecked = EvaluationStage.allCases
        let lock = try claimOutput(events: events)
        defer { lock.release() }
        try prepare.run(events: events)
        try DescriptorStage(output: output).run(events: events)
        return try FinishStage(settings: settings, output: output, dropDescriptors: dropDescriptors).run(events: events)
    }

    /// Stage 1 alone (under the output folder's lock).
    public func prepare(events: @escaping @Sendable (EvaluationEvent) -> Void = { _ in }) throws {
        let prepare = try prepareStage()
        let lock = try claimOutput(events: events)
        defer { lock.release() }
        try prepare.run(events: events)
    }

    /// Stage 2 alone, for one shard of the clips (no lock: clips are written atomically).
    public func describe(shard: ClipShard, events: @escaping @Sendable (EvaluationEvent) -> Void = { _ in }) throws -> StageRecord {
        try settings.validate()
        return try DescriptorStage(output: output, shard: shard, settings: settings).run(events: events)
    }

    /// Stage 3 alone (under the output folder's lock).
    public func finish(events: @escaping @Sendable (EvaluationEvent) -> Void = { _ in }) throws -> EvaluationReport {
        try settings.validate()
        let lock = try OutputLock(folder: output)
        defer { lock.release() }
        removeLeftovers(events: events)
        return try FinishStage(settings: settings, output: output, dropDescriptors: dropDescriptors).run(events: events)
    }

    /// The prepare stage over the dataset at `root`, read and checked now (before any heavy work).
    func prepareStage() throws -> PrepareStage {
        try settings.validate()
        return PrepareStage(settings: settings, dataset: try datasetLayout.load(root: root, split: split), source: source, output: output)
    }

    /// Checks that `output` is empty, missing or a zae-video evaluation (unless
    /// forced), takes its lock and removes what killed runs left there.
    func claimOutput(events: @Sendable (EvaluationEvent) -> Void) throws -> OutputLock {
        let fm = FileManager.default
        let known: Set<String> = ["plan.json", "plan.json.check", "cache", "stages", "report.json", "report.md", "ap.svg", "confusion.svg", ReportPage.fileName,
                                  "slurm", ".zae-video.lock", Recogniser.folderName]
        if !force, let names = try? fm.contentsOfDirectory(atPath: output.path),
           names.contains(where: { !known.contains($0) && StaleTemporaries.writer(of: $0) == nil }) {
            throw EvaluationError.foreignOutput(path: output.path)
        }
        let lock = try OutputLock(folder: output)
        removeLeftovers(events: events)
        return lock
    }

    /// Removes temporaries of killed runs in the output folder and its cache.
    func removeLeftovers(events: @Sendable (EvaluationEvent) -> Void) {
        let removed = StaleTemporaries.remove(in: output, recursive: true)
        if !removed.isEmpty { events(.removedTemporaries(count: removed.count)) }
    }
}
