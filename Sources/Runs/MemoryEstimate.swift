import Datasets
import Foundation
import Learners
import Linalg
import Support

/// How much memory each step of a run needs, estimated from its settings before any work: what a
/// cluster job should request (`--mem`) and what a run checks against the machine before it starts.
///
/// The estimates model the large buffers each step holds (sampled blocks, whitened rows, covariance
/// and eigen-solver workspace, decoded clips per worker, model parameters, kernels) plus a fixed
/// base for the process; they are meant to be within about a third of the peak resident memory
/// measured (`StageRecord`) and on the high side.
public struct MemoryEstimate: Sendable, Equatable {
    /// One step's need: a stage of `evaluate` or a step of another run.
    public struct Step: Codable, Sendable, Equatable {
        /// The step's name, as in the stage records of reports and the step records of bundles.
        public var step: String
        /// Bytes of resident memory the step needs at its peak.
        public var bytes: Double
        /// What dominates it, for messages.
        public var detail: String

        /// A step needing `bytes`, dominated by `detail`.
        package init(step: String, bytes: Double, detail: String) { (self.step, self.bytes, self.detail) = (step, bytes, detail) }
    }

    /// The steps, in the order they run.
    public var steps: [Step]

    /// An estimate of these steps.
    package init(steps: [Step]) { self.steps = steps }

    /// The largest step.
    public var peak: Step { steps.max { $0.bytes < $1.bytes }! }

    /// Resident memory of the process before a step allocates anything (code, libraries, FFmpeg, BLAS buffers).
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
        package func volumeBytes(_ decoding: VideoPipelineSettings.Decoding) -> Double {
            let half = decoding.halfSize ? 2 : 1, crop = max(decoding.cropMultiple, 1)
            let frames = decoding.maxFrames > 0 ? min(decoding.maxFrames, self.frames) : self.frames
            return 4 * Double(frames) * Double(height / half / crop * crop) * Double(width / half / crop * crop)
        }
    }

    /// Bytes of a symmetric eigendecomposition of a `d x d` covariance built by `CovarianceAccumulator`:
    /// double sums and a float chunk product, the float covariance, LAPACK's double copy, its
    /// divide-and-conquer workspace (about 2 d^2 doubles) and the float eigenvectors.
    package static func pcaFitBytes(dimension d: Int) -> Double {
        let square = Double(d) * Double(d)
        return square * (4 + 8 + 16 + 4) + Double(CovarianceAccumulator.chunkRows) * Double(d) * 4
    }

    /// The whitened dimension of the blocks a model of these settings learns from (its input
    /// dimension): `blocks.components`, frames x `blocks.frameComponents` for a model whitening frame
    /// by frame, or every value of a block when the components are chosen by variance (an upper bound).
    public static func whitenedDimension(_ settings: VideoPipelineSettings) -> Int {
        let b = settings.blocks
        let d = b.shape.dimension
        if settings.model.kind.learner.whitensFramesSeparately { return b.frames * min(b.frameComponents, b.height * b.width) }
        return b.components > 0 ? min(b.components, d) : d
    }

    /// The steps of `learn`: sampling the blocks, whitening them, training the model.
    ///
    /// - Parameters:
    ///   - generated: blocks come from generated random-dot videos (held as floats), not decoded clips (8-bit pixels).
    ///   - clip: the size of the clips decoded (`workers` at a time).
    public static func learn(_ settings: VideoPipelineSettings, generated: Bool = false, clip: ClipSize = .hollywood2,
                             workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> MemoryEstimate {
        let b = settings.blocks
        let n = Double(b.count), d = b.shape.dimension
        let pcaInput = settings.model.kind.learner.whitensFramesSeparately ? b.height * b.width : d
        let whitened = Double(whitenedDimension(settings))
        let raw = n * Double(d) * (generated ? 4 : 1)
        let decoding = generated ? 0 : Double(max(workers, 1)) * clip.volumeBytes(settings.decoding)
        let rows = n * whitened * 4
        let batch = Double(min(PatchWhitening.batchBlocks, b.count)) * Double(d) * 4
        let fitBatch = Double(min(PixelBlocks.segmentRows, b.count)) * Double(d) * 4
        let parameters = whitened * Double(settings.model.features) * 4
        let trainingBatch = Double(max(0, min(settings.model.training.batchSize, b.count))) * whitened * 4
        return MemoryEstimate(steps: [
            Step(step: "sampling", bytes: processBase + raw + decoding,
                  detail: "\(b.count) raw blocks of \(d) \(generated ? "floats" : "pixels")"),
            // Fitting holds the raw blocks and the covariance work; whitening gives back raw blocks as rows are written.
            Step(step: "whitening", bytes: processBase + max(raw + pcaFitBytes(dimension: pcaInput) + fitBatch, max(raw, rows) + batch),
                  detail: "\(b.count) blocks whitened to \(Int(whitened)) dimensions"),
            // The whitened rows, the batch gathered from them, and weights with gradient, momentum and an update.
            Step(step: "training", bytes: processBase + rows + trainingBatch + 4 * parameters,
                  detail: "\(b.count) whitened blocks and \(settings.model.features) features of \(Int(whitened)) weights"),
        ])
    }

    /// The estimate of the named steps only (those of `names` it has).
    public func only(_ names: [String]) -> MemoryEstimate {
        MemoryEstimate(steps: steps.filter { names.contains($0.step) })
    }

    /// Throws `RunError.tooLarge` when the largest step needs more than `available` bytes
    /// (by default what this machine, or the control group the process runs in, has).
    public func check(_ run: String, available: Double = MachineMemory.bytes) throws {
        if let peak = steps.max(by: { $0.bytes < $1.bytes }), peak.bytes > available {
            throw RunError.tooLarge(run: run, step: peak, available: available)
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
