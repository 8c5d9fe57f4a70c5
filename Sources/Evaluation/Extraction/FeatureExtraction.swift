import Datasets
import Foundation
import Runs
import Learners
import Linalg
import Recognition
import Support

/// `zae-video extract`: a model bundle's descriptors of any videos, written per clip as plain
/// `.npy` files (`ClipFeatureFile`) under an output folder that mirrors the inputs: the
/// concatenated sub-block codes of every super-block (float32 `[super-blocks, values]`), or, with
/// a run's super-block PCA (`reduceWith`), the reduced descriptors evaluate caches for that run,
/// bit for bit (one function makes both, `DescriptorModel.describe`); beside each, the
/// super-blocks' centres (frame, y, x) in the source's pixels. Clips are described in parallel,
/// as evaluate's descriptor stage does.
///
/// Every file is written atomically; a rerun keeps the clips whose files are valid and redoes the
/// rest; a clip that cannot be described is skipped with its reason and the others finish;
/// `index.csv` lists every clip (`ExtractionIndex`); `extraction.json` records what the features
/// were made with (`ExtractionManifest`).
public struct FeatureExtraction: Sendable {
    /// The videos.
    public var inputs: [VideoInput]
    /// The output folder.
    public var output: URL
    /// The model bundle (optional with `reduceWith`: the run's).
    public var model: URL?
    /// Decoding and descriptor settings; nil: those recorded in the bundle (the pipeline file it was
    /// learned with). With `reduceWith` the run's are used and these are ignored.
    public var settings: VideoPipelineSettings?
    /// An evaluate output folder whose super-block PCA reduces the descriptors.
    public var reduceWith: URL?
    /// An evaluate output folder whose recogniser encodes each clip: one row per clip, the run's
    /// bag of words, VLAD or Fisher vector over its pyramid (no positions), instead of super-blocks.
    public var encodeWith: URL?
    /// Which inputs this run takes.
    public var shard: ClipShard

    /// An extraction of `inputs` into `output`.
    public init(inputs: [VideoInput], output: URL, model: URL?, settings: VideoPipelineSettings?, reduceWith: URL? = nil,
                encodeWith: URL? = nil, shard: ClipShard = .whole) {
        self.inputs = inputs
        self.output = output
        self.model = model
        self.settings = settings
        self.reduceWith = reduceWith
        self.encodeWith = encodeWith
        self.shard = shard
    }

    /// What an extraction reports while it works.
    public enum Event: Sendable {
        /// Work starts: the shard's clips, how many are already done, values per row.
        case started(clips: Int, kept: Int, width: Int)
        /// Clips finished (kept, extracted or skipped) of the shard's.
        case progress(done: Int, total: Int)
        /// A clip could not be described.
        case skipped(SkippedItem)
    }

    /// The result of a run.
    public struct Summary: Sendable {
        /// This run's index rows (the shard's clips).
        public var index: ExtractionIndex
        /// The index file written.
        public var indexFile: URL
        /// Values per row.
        public var width: Int
        /// Wall seconds.
        public var seconds: Double

        /// The shard's clips with this status.
        public func count(_ status: ExtractionIndex.Row.Status) -> Int { index.rows.count { $0.status == status } }
    }

    /// The features file of `input` in `output`.
    public static func featuresFile(_ input: VideoInput, in output: URL) -> URL {
        output.appendingPathComponent(input.name + ".npy")
    }

    /// Where the descriptors come from: the settings, the bundle, and the run's parts when one is given.
    struct Source {
        var settings: VideoPipelineSettings
        var bundle: URL
        var reduction: PCA?
        var recogniser: Recogniser?
        var runFingerprint: String?
    }

    /// The settings and bundle (the run's with `encodeWith` or `reduceWith`, else `model` with
    /// `settings` or those recorded in it), the reduction and recogniser.
    func source() throws -> Source {
        let given = model?.standardizedFileURL
        func checkBundle(_ runModel: String) throws {
            if let given, given.path != URL(fileURLWithPath: runModel).standardizedFileURL.path {
                throw EvaluationError.otherModel(given: given.path, run: runModel)
            }
        }
        if let encodeWith {
            let loaded = try Recogniser.load(from: encodeWith)
            try checkBundle(loaded.model)
            var fingerprint = Fingerprint()
            try fingerprint.combine(contentsOf: Recogniser.folder(in: encodeWith).appendingPathComponent(Recogniser.manifestName))
            return Source(settings: loaded.settings, bundle: URL(fileURLWithPath: loaded.model), reduction: loaded.reduction,
                          recogniser: loaded, runFingerprint: "\(fingerprint)")
        }
        if let reduceWith {
            let plan = try EvaluationPlan.load(from: reduceWith)
            if let own = plan.ownDescriptors {
                throw EvaluationError.otherFolder(path: reduceWith.path, reason: "evaluated the descriptor files in \(own.folder) (--descriptors), not a model's descriptors; --reduce-with needs a run made with --model")
            }
            try checkBundle(plan.model)
            return Source(settings: plan.settings, bundle: URL(fileURLWithPath: plan.model), reduction: try plan.reduction(in: reduceWith),
                          runFingerprint: plan.fingerprint)
        }
        guard let given else { throw EvaluationError.noModel }
        let settings = try self.settings ?? ModelBundle.load(from: given).settings.flatMap { try? $0.decode(as: VideoPipelineSettings.self) }
            ?? VideoPipelineSettings()
        return Source(settings: settings, bundle: given)
    }

    /// What a run over `workers` clips at a time needs in memory: evaluate's descriptor stage.
    public func memory(workers: Int) throws -> MemoryEstimate.Step {
        try memory(source(), workers: workers)
    }

    func memory(_ source: Source, workers: Int) throws -> MemoryEstimate.Step {
        let descriptors = MemoryEstimate.evaluate(source.settings, bundle: try ModelBundle.load(from: source.bundle), trainClips: 0,
                                                  testClips: inputs.count, workers: workers).step(.descriptors)!
        return MemoryEstimate.Step(step: "extract", bytes: descriptors.bytes, detail: descriptors.detail)
    }

    /// Extracts the shard's clips that are not done, writes the index, and returns the summary.
    @discardableResult
    public func run(events: @escaping @Sendable (Event) -> Void = { _ in }) throws -> Summary {
        let stopwatch = Stopwatch()
        let source = try source()
        let (settings, bundle, reduction, recogniser, runFingerprint) = (source.settings, source.bundle, source.reduction, source.recogniser,
                                                                         source.runFingerprint)
        let clips = inputs.indices.filter(shard.contains).map { inputs[$0] }
        try MemoryEstimate(steps: [memory(source, workers: ParallelWork.workers(for: clips.count))]).check("extract")
        let descriptorModel = try DescriptorModel(folder: bundle, settings: settings)
        let width = recogniser?.encoder.dimension ?? reduction?.outputDimension ?? descriptorModel.extractor.descriptorDimension
        var modelFingerprint = Fingerprint()
        try modelFingerprint.combine(filesIn: bundle)
        let manifest = ExtractionManifest(level: recogniser == nil ? "super-blocks" : "clip", model: bundle.standardizedFileURL.path, modelFingerprint: "\(modelFingerprint)",
                                          decoding: try JSONValue(encoding: settings.decoding),
                                          descriptors: try JSONValue(encoding: settings.descriptors),
                                          run: (encodeWith ?? reduceWith)?.standardizedFileURL.path, runFingerprint: runFingerprint, width: width)
        if let stored = try ExtractionManifest.read(in: output) { try manifest.check(against: stored, folder: output) }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try manifest.write(in: output)

        let recorded = ExtractionIndex.recorded(in: output)
        let kept = clips.map { (try? ClipFeatureFile.read(Self.featuresFile($0, in: output), width: width, requirePositions: recogniser == nil))?.features.rows }
        events(.started(clips: clips.count, kept: kept.count { $0 != nil }, width: width))
        let rows = ResultSlots<ExtractionIndex.Row>(count: clips.count)
        let failures = ResultSlots<String>(count: clips.count)
        let (decoding, grid, folder, reducedBy, encoding) = (settings.decoding, descriptorModel.extractor.grid, output, reduction, recogniser)
        ParallelWork.forEach(clips.count, work: { i, _ in
            let clip = clips[i], file = Self.featuresFile(clip, in: folder)
            var row = ExtractionIndex.Row(clip: clip.name, input: clip.file.path, features: clip.name + ".npy", status: .kept)
            if let keptRows = kept[i] {
                if let previous = recorded[clip.name], previous.status != .skipped, previous.rows == keptRows { row = previous }
                row.status = .kept
                row.rows = keptRows
                rows[i] = row
                return
            }
            let clock = Stopwatch()
            let description: DescriptorModel.Description
            do {
                description = try descriptorModel.describe(clip.file, decoding: decoding, reducedBy: reducedBy)
            } catch {
                ClipFeatureFile.remove(file)
                row.status = .skipped
                row.features = ""
                row.reason = "\(error)"
                rows[i] = row
                events(.skipped(SkippedItem(item: clip.file.path, reason: row.reason)))
                return
            }
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                if let encoding {
                    let row = encoding.encoding(of: description, superBlock: grid.superBlock)
                    try ClipFeatureFile.write(.init(features: Matrix(rows: 1, cols: row.count, storage: row), positions: nil), to: file)
                } else {
                    try ClipFeatureFile.write(.init(features: description.descriptors.descriptors, positions: description.sourceCentres(grid: grid)),
                                              to: file)
                }
            } catch {
                failures[i] = "\(file.path): \(error)"
            }
            row.status = .extracted
            row.frames = description.volume.frameCount
            row.width = description.source.width
            row.height = description.source.height
            row.rows = encoding == nil ? description.descriptors.descriptors.rows : 1
            row.seconds = clock.seconds
            rows[i] = row
        }, done: { events(.progress(done: $0, total: clips.count)) })

        if let failure = failures.values.compactMap({ $0 }).first { throw EvaluationError.unwritableFeatures(failure) }
        let index = ExtractionIndex(rows: rows.values.map { $0! })
        let indexFile = try index.write(to: output, shard: shard, inputs: inputs)
        return Summary(index: index, indexFile: indexFile, width: width, seconds: stopwatch.seconds)
    }
}
