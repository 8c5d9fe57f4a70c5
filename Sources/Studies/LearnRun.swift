import Datasets
import Foundation
import Learners
import Linalg
import Runs
import Support
import Video

/// `zae-video learn` as a library call: sample training blocks, fit the whitening, train the model,
/// write the model bundle (with its page, `model.html`) atomically. Training checkpoints after every epoch beside the output,
/// so a killed run resumes; nothing half-written is ever left where a bundle is expected.
public struct LearnRun: Sendable {
    /// The name of `data` that asks for generated rotating random-dot videos instead of clips.
    public static let randomDotsSource = "rotdots"

    /// Every setting.
    public var settings: VideoPipelineSettings
    /// A Hollywood2-layout root, a folder of videos, a video file, or `rotdots`.
    public var data: String
    /// The model bundle folder to write.
    public var output: URL
    /// Replace an output folder that holds something else.
    public var force: Bool
    /// Continue from the last finished epoch of an interrupted run with the same settings.
    public var resume: Bool

    /// A learn run.
    public init(settings: VideoPipelineSettings, data: String, output: URL, force: Bool = false, resume: Bool = false) {
        self.settings = settings
        self.data = data
        self.output = output
        self.force = force
        self.resume = resume
    }

    /// What happens, in order, for progress displays.
    public enum Event: Sendable {
        /// The training data was found.
        case source(String)
        /// Clips decoded so far.
        case sampling(done: Int, total: Int)
        /// Blocks are ready; `skipped` clips were left out.
        case blocks(count: Int, clipsUsed: Int, skipped: [SkippedItem])
        /// The whitening was fit.
        case whitened(inputs: Int, outputs: Int, seconds: Double)
        /// One training epoch finished.
        case epoch(EpochReport, totalEpochs: Int, blocks: Int)
        /// Training finished: each step's time and peak resident memory.
        case steps([MeasuredStep])
        /// The bundle was written, with its page (`model.html`, made in `pageSeconds`).
        case written(URL, page: URL, pageSeconds: Double)
        /// Temporary files and folders of killed runs were removed, `count` of them.
        case removedTemporaries(count: Int)
        /// `--resume` found no checkpoint in this folder, so training starts from scratch.
        case noCheckpoint(URL)
    }

    /// Where the per-epoch checkpoint lives: a hidden sibling of the output folder.
    public var checkpointFolder: URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).checkpoint")
    }

    /// Runs the whole job and returns the bundle it wrote. The time and peak resident memory of each
    /// stage (sampling, whitening, training) go into the bundle's metadata (`stages`, JSON) and the
    /// `.steps` event.
    public func run(events: @escaping @Sendable (Event) -> Void = { _ in }) throws -> ModelBundle {
        try settings.validate()
        let kind = settings.model.kind
        try checkOutput(kind: kind)
        try MemoryEstimate.learn(settings, generated: data == Self.randomDotsSource).check("learn")
        let lock = try OutputLock(file: output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).lock"))
        defer { lock.release() }
        let removed = StaleTemporaries.remove(in: output.deletingLastPathComponent(), prefix: ".\(output.lastPathComponent).")
            + StaleTemporaries.remove(in: checkpointFolder, recursive: true)
        if !removed.isEmpty { events(.removedTemporaries(count: removed.count)) }
        if resume, !FileManager.default.fileExists(atPath: checkpointFolder.appendingPathComponent("checkpoint.json").path) {
            events(.noCheckpoint(checkpointFolder))
        }
        let shape = settings.blocks.shape
        let perFrame = kind.learner.whitensFramesSeparately
        let keep: ComponentSelection = perFrame ? .count(settings.blocks.frameComponents)
            : settings.blocks.components > 0 ? .count(settings.blocks.components) : .varianceFraction(settings.blocks.varianceFraction)
        if case let .count(components) = keep {
            try Self.checkEnoughBlocks(settings.blocks.count, whitened: min(components, perFrame ? shape.height * shape.width : shape.dimension)
                                       * (perFrame ? shape.frames : 1))
        }

        let meter = StepMeter()
        let raw = try meter.measure("sampling") { try sampleBlocks(shape: shape, events: events) }
        let preprocessing = BlockPreprocessing(removeDC: settings.blocks.removeDC, contrastNormalize: settings.blocks.contrastNormalize)
        let (whitening, data) = try meter.measure("whitening") {
            try PatchWhitening.fitAndWhiten(raw, shape: shape, preprocessing: preprocessing, perFrame: perFrame,
                                            keep: keep, regularization: Float(settings.blocks.whiteningRegularization))
        }
        events(.whitened(inputs: shape.dimension, outputs: data.cols, seconds: meter.steps.last!.seconds))
        try Self.checkEnoughBlocks(data.rows, whitened: data.cols)

        let checkpoint = CheckpointPolicy(folder: checkpointFolder, resume: resume)
        let learner = kind.learner.configuration(for: .init(features: settings.model.features, training: settings.model.training,
                                                             inputDimension: data.cols, frames: shape.frames))
        let model = try meter.measure("training") {
            try learner.fit(data, seed: UInt64(settings.model.seed), checkpoint: checkpoint) { report in
                events(.epoch(report, totalEpochs: settings.model.training.epochs(for: kind), blocks: data.rows))
            }
        }
        events(.steps(meter.steps))
        let bundle = ModelBundle(model: model, pca: whitening.pca, preprocessing: whitening.bundleSection,
                                 decoding: settings.decoding.bundleSection,
                                 trainingData: .init(source: self.data, blocks: data.rows, steps: meter.steps),
                                 settings: try JSONValue(encoding: settings))
        let pageTime = Stopwatch()
        let page = ModelPage.make(bundle, whitening: whitening)
        let pageSeconds = pageTime.seconds
        try bundle.write(to: output, companions: [ModelBundle.pageName: Data(page.html.utf8)])
        try? FileManager.default.removeItem(at: checkpointFolder)
        events(.written(output, page: output.appendingPathComponent(ModelBundle.pageName), pageSeconds: pageSeconds))
        return bundle
    }

    /// Refuses fewer than twice as many blocks as whitened dimensions: the whitening's small
    /// variances would be noise (with fewer blocks than dimensions they collapse to zero).
    static func checkEnoughBlocks(_ blocks: Int, whitened: Int) throws {
        guard blocks >= 2 * whitened else {
            throw SettingError(setting: "blocks.count", reason: "asks for \(blocks) training blocks, which cannot be whitened to \(whitened) dimensions: "
                               + "at least \(2 * whitened) (twice the dimensions) are needed; sample more blocks (--blocks) or keep fewer components (blocks.components)")
        }
    }

    /// Refuses an output that is a file, or a folder holding anything but a bundle of the same kind, unless forced.
    func checkOutput(kind: ModelKind) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard !force, fm.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw StudyError.outputIsFile(path: output.path) }
        guard let contents = try? fm.contentsOfDirectory(atPath: output.path), !contents.isEmpty else { return }
        if let existing = ModelBundle.peekKind(at: output) {
            if existing != kind { throw StudyError.outputOccupied(path: output.path, holds: "a \(existing.rawValue) model") }
        } else {
            throw StudyError.outputOccupied(path: output.path, holds: "files that are not a model bundle")
        }
    }

    /// Raw training blocks from clips (8-bit pixels) or generated random dots (floats). Blocks that
    /// skipped clips owed are taken from the clips that decode; a sample that still falls short of
    /// `blocks.count`, or asks for more blocks than the clips hold distinct positions, is refused.
    func sampleBlocks(shape: BlockShape, events: @Sendable (Event) -> Void) throws -> any RawBlocks {
        if data == Self.randomDotsSource {
            guard shape.height == shape.width else {
                throw SettingError(setting: "blocks.width", reason: "must equal blocks.height for random-dot blocks (square frames), got \(shape.height)x\(shape.width)")
            }
            let generator = try RandomDotVideos(frames: shape.frames, size: shape.height)
            var rng = SeededRandom(seed: UInt64(settings.model.seed))
            events(.source("\(settings.blocks.count) generated rotating random-dot videos"))
            let videos = generator.generate(count: settings.blocks.count, using: &rng).videos
            events(.blocks(count: videos.rows, clipsUsed: videos.rows, skipped: []))
            return videos
        }
        let (clips, source) = try TrainingClips.resolve(URL(fileURLWithPath: data))
        events(.source(source))
        let decoding = settings.decoding
        let requested = settings.blocks.count
        let sampler = BlockSampler(shape: shape, count: requested, seed: UInt64(settings.model.seed))
        let sample = sampler.sample(clips: clips, load: { try decoding.volume(of: $0) },
                                    progress: { done, total in events(.sampling(done: done, total: total)) })
        events(.blocks(count: sample.blocks.blockCount, clipsUsed: sample.clipsUsed, skipped: sample.skipped))
        guard sample.clipsUsed > 0, sample.blocks.blockCount >= 2 else { throw StudyError.noBlocks(skipped: sample.skipped) }
        let block = "\(shape.frames)x\(shape.height)x\(shape.width)"
        let clipsText = "the \(sample.clipsUsed) of \(clips.count) clips that decode"
        guard sample.positions >= requested else {
            throw SettingError(setting: "blocks.count", reason: "asks for \(requested) blocks, but \(clipsText) hold \(sample.positions) distinct \(block) blocks")
        }
        guard sample.blocks.blockCount == requested else {
            throw SettingError(setting: "blocks.count", reason: "asks for \(requested) blocks, but \(clipsText) gave \(sample.blocks.blockCount)")
        }
        return sample.blocks
    }
}
