import Datasets
import Foundation
import Learners
import Linalg
import Support

/// How much memory each stage of a run needs, estimated from its settings before any work: what a
/// cluster job should request (`--mem`) and what a run checks against the machine before it starts.
///
/// The estimates model the large buffers each stage holds (sampled blocks, whitened rows, covariance
/// and eigen-solver workspace, decoded clips per worker, model parameters, kernels) plus a fixed
/// base for the process; they are meant to be within about a third of the peak resident memory
/// measured (`StageRecord`) and on the high side.
public struct MemoryEstimate: Sendable, Equatable {
    /// One stage's need.
    public struct Stage: Codable, Sendable, Equatable {
        /// The stage's name, as in the stage records of reports and bundles.
        public var stage: String
        /// Bytes of resident memory the stage needs at its peak.
        public var bytes: Double
        /// What dominates it, for messages.
        public var detail: String

        /// A stage needing `bytes`, dominated by `detail`.
        package init(stage: String, bytes: Double, detail: String) {
            self.stage = stage
            self.bytes = bytes
            self.detail = detail
        }
    }

    /// The stages, in the order they run.
    public var stages: [Stage]

    /// An estimate of these stages.
    package init(stages: [Stage]) { self.stages = stages }

    /// The largest stage.
    public var peak: Stage { stages.max { $0.bytes < $1.bytes }! }

    /// Resident memory of the process before a stage allocates anything (code, libraries, FFmpeg, BLAS buffers).
    public static let processBase = 80e6

    /// The size of the clips a run decodes: what one decoded volume costs.
    public struct ClipSize: Sendable, Equatable {
        /// Frames.
        public var frames: Int
        /// Width of the video, in pixels.
        public var width: Int
        /// Height of the video, in pixels.
        public var height: Int

        /// A clip size.
        public init(frames: Int, width: Int, height: Int) {
            self.frames = frames
            self.width = width
            self.height = height
        }

        /// Hollywood2-sized clips: 640x360, 240 frames.
        public static let hollywood2 = ClipSize(frames: 240, width: 640, height: 360)

        /// Bytes of one decoded volume (floats, after halving, cropping and the frame limit).
        func volumeBytes(_ decoding: VideoPipelineSettings.Decoding) -> Double {
            let half = decoding.halfSize ? 2 : 1, crop = max(decoding.cropMultiple, 1)
            let frames = decoding.maxFrames > 0 ? min(decoding.maxFrames, self.frames) : self.frames
            return 4 * Double(frames) * Double(height / half / crop * crop) * Double(width / half / crop * crop)
        }
    }

    /// Bytes of a symmetric eigendecomposition of a `d x d` covariance built by `CovarianceAccumulator`:
    /// double sums and a float chunk product, the float covariance, LAPACK's double copy, its
    /// divide-and-conquer workspace (about 2 d^2 doubles) and the float eigenvectors.
    static func pcaFitBytes(dimension d: Int) -> Double {
        let square = Double(d) * Double(d)
        return square * (4 + 8 + 16 + 4) + Double(CovarianceAccumulator.chunkRows) * Double(d) * 4
    }

    /// The whitened dimension of the blocks a model of these settings learns from (its input
    /// dimension): `blocks.components`, frames x `blocks.frameComponents` for a model whitening frame
    /// by frame, or every value of a block when the components are chosen by variance (an upper bound).
    public static func whitenedDimension(_ settings: VideoPipelineSettings) -> Int {
        let b = settings.blocks
        let d = b.frames * b.height * b.width
        if settings.model.kind.learner.whitensFramesSeparately { return b.frames * min(b.frameComponents, b.height * b.width) }
        return b.components > 0 ? min(b.components, d) : d
    }

    /// The stages of `learn`: sampling the blocks, whitening them, training the model.
    ///
    /// - Parameters:
    ///   - generated: blocks come from generated random-dot videos (held as floats), not decoded clips (8-bit pixels).
    ///   - clip: the size of the clips decoded (`workers` at a time).
    public static func learn(_ settings: VideoPipelineSettings, generated: Bool = false, clip: ClipSize = .hollywood2,
                             workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> MemoryEstimate {
        let b = settings.blocks
        let n = Double(b.count), d = b.frames * b.height * b.width
        let pcaInput = settings.model.kind.learner.whitensFramesSeparately ? b.height * b.width : d
        let whitened = Double(whitenedDimension(settings))
        let raw = n * Double(d) * (generated ? 4 : 1)
        let decoding = generated ? 0 : Double(max(workers, 1)) * clip.volumeBytes(settings.decoding)
        let rows = n * whitened * 4
        let batch = Double(min(PatchWhitening.batchBlocks, b.count)) * Double(d) * 4
        let fitBatch = Double(min(PixelBlocks.segmentRows, b.count)) * Double(d) * 4
        let parameters = whitened * Double(settings.model.features) * 4
        let trainingBatch = Double(min(settings.model.training.batchSize, b.count)) * whitened * 4
        return MemoryEstimate(stages: [
            Stage(stage: "sampling", bytes: processBase + raw + decoding,
                  detail: "\(b.count) raw blocks of \(d) \(generated ? "floats" : "pixels")"),
            // Fitting holds the raw blocks and the covariance work; whitening gives back raw blocks as rows are written.
            Stage(stage: "whitening", bytes: processBase + max(raw + pcaFitBytes(dimension: pcaInput) + fitBatch, max(raw, rows) + batch),
                  detail: "\(b.count) blocks whitened to \(Int(whitened)) dimensions"),
            // The whitened rows, the batch gathered from them, and weights with gradient, momentum and an update.
            Stage(stage: "training", bytes: processBase + rows + trainingBatch + 4 * parameters,
                  detail: "\(b.count) whitened blocks and \(settings.model.features) features of \(Int(whitened)) weights"),
        ])
    }

    /// The stages of `evaluate` (`prepare`, `descriptors`, `finish`, as `--stage` names them) for a
    /// model of `features` features: what each stage's job should request.
    ///
    /// - Parameters:
    ///   - features: the model's features per sub-block (its bundle says).
    ///   - inputDimension: the model's whitened input dimension.
    ///   - trainClips, testClips: the dataset's clips.
    public static func evaluate(_ settings: VideoPipelineSettings, features: Int, inputDimension: Int, trainClips: Int, testClips: Int,
                                clip: ClipSize = .hollywood2, workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> MemoryEstimate {
        let s = settings.descriptors
        let blockValues = settings.blocks.frames * settings.blocks.height * settings.blocks.width
        func along(_ i: Int, _ block: Int) -> Int { s.superBlock.count == 3 ? max(0, (s.superBlock[i] - block) / max(s.subBlockStride, 1) + 1) : 1 }
        let subBlocks = along(0, settings.blocks.frames) * along(1, settings.blocks.height) * along(2, settings.blocks.width)
        let descriptor = subBlocks * features
        let model = Double(blockValues) * Double(inputDimension) * 4 + Double(inputDimension) * Double(features) * 4
        // Per worker: the decoded clip and one batch of 256 super-blocks' raw, whitened and encoded sub-blocks.
        let extraction = clip.volumeBytes(settings.decoding)
            + 256 * Double(subBlocks) * Double(blockValues + inputDimension + features) * 4
        let parallel = Double(max(workers, 1))
        let pcaBatch = 1024 * Double(descriptor) * 4
        return MemoryEstimate(stages: [
            Stage(stage: "prepare", bytes: processBase + model + parallel * extraction + pcaBatch + pcaFitBytes(dimension: descriptor),
                  detail: "the covariance of \(descriptor)-value super-block descriptors"),
            Stage(stage: "descriptors", bytes: processBase + model + parallel * extraction,
                  detail: "\(workers) clip\(workers == 1 ? "" : "s") decoded at a time"),
            evaluateFinish(settings, trainClips: trainClips, testClips: testClips, workers: workers),
        ])
    }

    /// `evaluate(_:features:inputDimension:...)` for the model in `bundle`.
    public static func evaluate(_ settings: VideoPipelineSettings, bundle: ModelBundle, trainClips: Int, testClips: Int,
                                workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> MemoryEstimate {
        evaluate(settings, features: bundle.model.featureCount, inputDimension: bundle.model.inputDimension,
                 trainClips: trainClips, testClips: testClips, workers: workers)
    }

    /// The `finish` stage of `evaluate`: the larger of the vocabulary (or GMM) fit and the classifiers.
    public static func evaluateFinish(_ settings: VideoPipelineSettings, trainClips: Int, testClips: Int,
                                      workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> Stage {
        let s = settings.descriptors
        let v = settings.vocabulary
        let vocabularyRows = Double(v.sample) * Double(s.pcaDimensions + 1) * 4
        let words = Double(min(v.words, v.sample))
        let clips = Double(trainClips + testClips)
        // The vocabulary: its sample, the centroids and their distances per tile. The classifiers:
        // histograms, the double-precision kernels and libsvm's copy of the training kernel.
        let vocabulary = Stage(stage: "finish", bytes: processBase + 2 * vocabularyRows + 3 * words * Double(s.pcaDimensions) * 4 + words * 4096 * 4,
                               detail: "K-means of \(Int(words)) words on \(v.sample) descriptors")
        let e = settings.encoding
        let cells = Double(e.pyramid.reduce(0) { $0 + $1.reduce(1, *) })
        let classifiers: Stage
        switch e.kind {
        case .bow:
            classifiers = Stage(stage: "finish", bytes: processBase + cells * (clips * words * 4) + 3 * Double(trainClips) * clips * 8,
                                detail: "chi-squared kernels of \(trainClips) training clips")
        case .vlad, .fisher:
            // Every clip's encoding, and per worker liblinear's copy of what it trains on (16 bytes a value):
            // the training encodings, or with more values than clips their coordinates in the clips' span
            // (at most one per clip) beside the Gram matrix and its eigenvectors. Like the vocabulary's words,
            // VLAD's words and the GMM's Gaussians are at most the descriptors sampled.
            let values = cells * Double(s.pcaDimensions) * (e.kind == .vlad ? Double(min(e.vladWords, v.sample)) : 2 * Double(min(e.gmmComponents, v.sample)))
            let n = Double(trainClips)
            let trained = values + 1 > n ? n * n * 16 + 3 * n * n * 4 : n * values * 16
            classifiers = Stage(stage: "finish", bytes: processBase + clips * values * 4 + Double(max(workers, 1)) * trained,
                                detail: "linear SVMs on \(Int(values))-value \(e.kind.rawValue) encodings of \(trainClips) training clips")
        }
        return vocabulary.bytes >= classifiers.bytes ? vocabulary : classifiers
    }

    /// The estimate of the named stages only (those of `names` it has).
    public func only(_ names: [String]) -> MemoryEstimate {
        MemoryEstimate(stages: stages.filter { names.contains($0.stage) })
    }

    /// Throws `MemoryEstimate.TooLarge` when the largest stage needs more than `available` bytes
    /// (by default what this machine, or the control group the process runs in, has).
    public func check(_ run: String, available: Double = MachineMemory.bytes) throws {
        if let peak = stages.max(by: { $0.bytes < $1.bytes }), peak.bytes > available {
            throw TooLarge(run: run, stage: peak, available: available)
        }
    }

    /// A run that cannot fit in memory.
    public struct TooLarge: Error, CustomStringConvertible {
        /// What was to run.
        public var run: String
        /// Its largest stage.
        public var stage: Stage
        /// Bytes available.
        public var available: Double

        public var description: String {
            "\(run) would need about \(MemorySize.text(Int(min(stage.bytes, 9e18)))) of memory in its \(stage.stage) stage "
            + "(\(stage.detail)); this machine has \(MemorySize.text(Int(available))). Reduce the sizes in the settings."
        }
    }
}

/// The memory this process may use: the machine's physical memory, or less when a control group
/// (a Slurm job, a container) limits it.
public enum MachineMemory {
    /// Bytes.
    public static var bytes: Double {
        var limit = Double(ProcessInfo.processInfo.physicalMemory)
        for file in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: file, encoding: .utf8),
               let value = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), value > 0 {
                limit = min(limit, value)
            }
        }
        return limit
    }
}
