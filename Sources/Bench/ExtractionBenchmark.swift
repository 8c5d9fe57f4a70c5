import Datasets
import Foundation
import Learners
import Linalg
import Recognition
import Support
import Video

/// The timing behind `zae-video bench extract`: dense descriptors of Hollywood2-sized clips with
/// the paper's sizes (10x16x16 sub-blocks whitened to 300 dimensions, 600 features, 8 sub-blocks
/// per super-block, reduced to 100), clips processed on all cores as `evaluate` does.
public enum ExtractionBenchmark {
    /// The measured speed.
    public struct Result: Sendable {
        /// Super-blocks per clip.
        public var superBlocksPerClip: Int
        /// Super-blocks described per second, all workers together.
        public var superBlocksPerSecond: Double
        /// Clips per second, all workers together.
        public var clipsPerSecond: Double
    }

    /// Describes `clips` random clips of `frames x height x width` (after halving and cropping)
    /// with a random model of the paper's sizes and times it (clip generation not included).
    public static func run(clips: Int = 4, frames: Int = 250, height: Int = 144, width: Int = 352) throws -> Result {
        var rng = SeededRandom(seed: 1)
        let shape = BlockShape.paper
        let whitened = 300, features = 600
        let patchPCA = PCA(mean: [Float](repeating: 0, count: shape.dimension),
                           components: rng.normalMatrix(rows: shape.dimension, cols: whitened, scale: 1 / Float(shape.dimension).squareRoot()),
                           variances: [Float](repeating: 1, count: whitened), whiten: true, regularization: 0)
        let whitening = try PatchWhitening(shape: shape, preprocessing: BlockPreprocessing(), pca: patchPCA, perFrame: false)
        let model = ZeroBiasAutoencoder(configuration: .init(activation: .trec, features: features),
                                        weights: rng.normalMatrix(rows: whitened, cols: features, scale: 0.05),
                                        visibleBias: [Float](repeating: 0, count: whitened), record: TrainingRecord(seed: 1))
        let extractor = try DescriptorExtractor(preprocessing: whitening, encoder: model)
        let reduction = PCA(mean: [Float](repeating: 0, count: extractor.descriptorDimension),
                            components: rng.normalMatrix(rows: extractor.descriptorDimension, cols: 100, scale: 0.01),
                            variances: [Float](repeating: 1, count: 100), whiten: false, regularization: 0)
        let volumes = (0..<clips).map { _ in
            FrameVolume(frameCount: frames, height: height, width: width,
                        voxels: (0..<(frames * height * width)).map { _ in 255 * rng.uniform() })
        }
        let counts = ResultSlots<Int>(count: clips)
        let seconds = measureSeconds {
            ParallelWork.forEach(clips, work: { i, _ in
                let origins = (try? extractor.origins(in: volumes[i])) ?? []
                counts[i] = extractor.extract(from: volumes[i], origins: origins, reducedBy: reduction).descriptors.rows
            })
        }
        let perClip = counts[0] ?? 0
        return Result(superBlocksPerClip: perClip, superBlocksPerSecond: Double(perClip * clips) / seconds,
                      clipsPerSecond: Double(clips) / seconds)
    }
}
