import Datasets
import Foundation
import Linalg
import Recognition
import Runs
import Support

/// Stage 2 of the recognition protocol (`evaluate --stage descriptors --shard I/N`): the reduced
/// descriptors of the plan's clips in one shard, one file per clip (the activation magnitude as the
/// last column) with its shape and checksum record.
///
/// Shards need no lock: every clip's file is written atomically and is the same whoever writes it,
/// so two tasks given the same shard, or a task resubmitted after a kill, never corrupt each other.
/// A valid file is kept; a damaged or unrecorded one (a task killed mid-clip) is computed again; a
/// clip that cannot be described is recorded as skipped with its reason (that is final for this
/// fingerprint, which covers every clip's size and modification time) and does not fail the shard.
/// Every clip's file is checked against the plan's stamp before and after: a dataset changed
/// under the run is refused naming the clips.
public struct DescriptorStage: Sendable {
    /// The output folder holding the plan.
    public var output: URL
    /// Which clips.
    public var shard: ClipShard
    /// Settings to check against the plan's (none: use the plan's).
    public var settings: VideoPipelineSettings?
    /// Describe clips whose descriptors were dropped after finish (`DroppedDescriptors`) again;
    /// otherwise they count as done.
    public var recomputeDropped: Bool

    /// A descriptor stage over one shard.
    public init(output: URL, shard: ClipShard = .whole, settings: VideoPipelineSettings? = nil, recomputeDropped: Bool = false) {
        self.output = output
        self.shard = shard
        self.settings = settings
        self.recomputeDropped = recomputeDropped
    }

    /// What happened to one clip.
    enum Outcome: Equatable {
        case cached, described, recomputed, skipped, dropped
        /// The descriptors were computed but could not be written (the shard fails).
        case unwritable(String)
    }

    /// Describes the shard's clips that are not done and returns the stage's record (also written to `output/stages/`).
    @discardableResult
    public func run(events: @escaping @Sendable (EvaluationEvent) -> Void = { _ in }) throws -> StageRecord {
        let stopwatch = Stopwatch()
        let plan = try EvaluationPlan.load(from: output)
        if let settings { try plan.check(settings, output: output) }
        let clips = plan.positions(in: shard).map { plan.clips[$0] }
        try EvaluationPlan.checkUnchanged(clips, output: output)
        let decoding = plan.settings.decoding
        let describe: @Sendable (EvaluationPlan.Clip) throws -> DescribedClip, width: Int
        if let own = plan.ownDescriptors {
            let reduction = try plan.reductionIfAny(in: output)
            width = reduction?.outputDimension ?? own.width
            describe = { try own.describe($0, reducedBy: reduction, decoding: decoding) }
        } else {
            let descriptorModel = try DescriptorModel(folder: URL(fileURLWithPath: plan.model), settings: plan.settings)
            try MemoryEstimate.evaluate(plan.settings, bundle: descriptorModel.bundle, trainClips: plan.trainingClipCount,
                                        testClips: plan.clips.count - plan.trainingClipCount, workers: ParallelWork.workers(for: clips.count))
                .only([EvaluationStage.descriptors]).check("evaluate")
            let reduction = try plan.reduction(in: output)
            width = reduction.outputDimension
            describe = { clip in
                let description = try descriptorModel.describe(URL(fileURLWithPath: clip.file), decoding: decoding, reducedBy: reduction)
                return DescribedClip(description.descriptors, origins: description.origins,
                                     superBlock: descriptorModel.extractor.grid.superBlock, volume: description.volume)
            }
        }
        try FileManager.default.createDirectory(at: plan.descriptorFolder(in: output), withIntermediateDirectories: true)
        events(.stage(.descriptors(clips: clips.count, shard: shard), cached: false))

        let outcomes = ResultSlots<Outcome>(count: clips.count)
        let output = self.output, recomputeDropped = self.recomputeDropped
        let storage = plan.settings.descriptors.storage
        // The rows the vocabulary is fit on, kept exact beside a 16-bit cache (training clips only).
        let planned = storage == .float16 ? VocabularySample.planned(plan) : [:]
        ParallelWork.forEach(clips.count, work: { i, _ in
            let clip = clips[i]
            let file = plan.descriptorFile(clip, in: output)
            var recomputing = false
            switch Self.cached(file, width: width, sampled: planned[clip.name]?.drawn) {
            case .valid:
                outcomes[i] = .cached
                return
            case let .invalid(reason):
                events(.recomputing(SkippedItem(item: clip.name, reason: reason)))
                DescribedClip.remove(file)
                recomputing = true
            case .absent:
                switch plan.state(of: clip, in: output) {
                case .skipped:
                    outcomes[i] = .skipped
                    return
                case .dropped where !recomputeDropped:
                    outcomes[i] = .dropped
                    return
                default:
                    break
                }
            }
            let reduced: DescribedClip
            do { reduced = try describe(clip) } catch {
                try? AtomicFile.write("\(error)", to: plan.skippedFile(clip, in: output))
                outcomes[i] = .skipped
                return
            }
            if let counted = planned[clip.name], counted.rows != reduced.clip.descriptors.rows {
                try? AtomicFile.write("gave \(reduced.clip.descriptors.rows) super-blocks where prepare counted \(counted.rows) (it decodes differently now)",
                                      to: plan.skippedFile(clip, in: output))
                outcomes[i] = .skipped
                return
            }
            do {
                try reduced.write(to: file, precision: storage, sampled: planned[clip.name]?.drawn)
                outcomes[i] = recomputing ? .recomputed : .described
            } catch {
                outcomes[i] = .unwritable("\(error)")
            }
        }, done: { events(.progress(done: $0, total: clips.count)) })

        let results = outcomes.values
        // A clip replaced while the shard ran may have been described from the new file: drop its
        // descriptors (a rerun refuses until prepare runs again) rather than mix two datasets.
        do { try EvaluationPlan.checkUnchanged(clips, output: output) } catch {
            for clip in clips where FileStamp(path: clip.file) != clip.stamp {
                DescribedClip.remove(plan.descriptorFile(clip, in: output))
                try? FileManager.default.removeItem(at: plan.skippedFile(clip, in: output))
            }
            throw error
        }
        for case let .unwritable(reason)? in results { throw EvaluationError.unwritable(reason) }
        if recomputeDropped, shard == .whole { DroppedDescriptors.clear(plan, in: output) }
        for (clip, outcome) in zip(clips, results) where outcome == .skipped {
            if case let .skipped(reason) = plan.state(of: clip, in: output) { events(.skipped(SkippedItem(item: clip.name, reason: reason))) }
        }
        let count = { (wanted: Outcome) in results.filter { $0 == wanted }.count }
        let record = StageRecord(stage: .descriptors, shard: shard, seconds: stopwatch.seconds,
                                 clips: .init(total: clips.count, described: count(.described), cached: count(.cached),
                                              recomputed: count(.recomputed), skipped: count(.skipped),
                                              dropped: count(.dropped) > 0 ? count(.dropped) : nil))
        try record.write(to: output)
        return record
    }

    /// The verdict on a clip's cached files: its descriptors of `width` values (and the extra
    /// columns), and, when `sampled` gives the rows the vocabulary draws from it, those rows kept
    /// exact beside them.
    static func cached(_ file: URL, width: Int, sampled: [Int]?) -> CacheVerdict<Void> {
        switch CheckedArrayFile.read(file, columns: width + DescribedClip.extraColumns) {
        case .absent: return .absent
        case let .invalid(reason): return .invalid(reason)
        case .valid:
            guard let rows = sampled,
                  case let .invalid(reason) = DescribedClip.readSample(of: file, rows: rows.count, columns: width) else { return .valid(()) }
            return .invalid(reason)
        }
    }
}
