import Datasets
import Learners
import Linalg
import Video

/// The descriptors of one clip's super-blocks, one row each, with each one's activation magnitude.
public struct ClipDescriptors: Sendable, Equatable {
    /// One row per super-block, in the grid's (t, y, x) order.
    public var descriptors: Matrix
    /// The L2 norm of each super-block's concatenated code (before any reduction): how strongly
    /// the learned features responded there. It weights the super-block's vote in the histogram.
    public var magnitudes: [Float]

    /// Descriptors with their magnitudes (one per row).
    public init(descriptors: Matrix, magnitudes: [Float]) {
        precondition(descriptors.rows == magnitudes.count, "\(descriptors.rows) descriptors but \(magnitudes.count) magnitudes")
        self.descriptors = descriptors
        self.magnitudes = magnitudes
    }
}

/// Turns a clip into super-block descriptors: every sub-block of every super-block is
/// preprocessed (DC removal, patch-PCA whitening) and encoded, and a super-block's descriptor is
/// the concatenation of its sub-blocks' codes in the grid's sub-block order (`subBlocks x K` values).
///
/// Work is batched: the sub-blocks of `batchSize` super-blocks are gathered into one matrix,
/// whitened with one sgemm and encoded with one `encode` call, so memory stays bounded
/// (`batchSize * subBlocks * voxels` floats) and the cost is in BLAS, not in per-block loops.
public struct DescriptorExtractor: Sendable {
    /// Where super-blocks and sub-blocks are cut.
    public let grid: SuperBlockGrid
    /// The sub-block preprocessing and whitening the encoder was trained behind.
    public let preprocessing: PatchWhitening
    /// The trained feature encoder.
    public let encoder: any FeatureEncoder
    /// Super-blocks per batch.
    public let batchSize: Int
    /// The batch size unless one is given (the rows a super-block PCA projects at once, too).
    public static let defaultBatchSize = 256

    /// An extractor; throws when the sub-block size, the PCA and the encoder disagree in size.
    public init(grid: SuperBlockGrid = .standard, preprocessing: PatchWhitening,
                encoder: any FeatureEncoder, batchSize: Int = defaultBatchSize) throws(RecognitionError) {
        guard grid.subBlock == preprocessing.shape else {
            throw .dimensionMismatch("sub-blocks are \(grid.subBlock.frames)x\(grid.subBlock.height)x\(grid.subBlock.width) but the model was trained on \(preprocessing.shape.frames)x\(preprocessing.shape.height)x\(preprocessing.shape.width) blocks")
        }
        guard preprocessing.outputDimension == encoder.inputDimension else {
            throw .dimensionMismatch("the patch PCA gives \(preprocessing.outputDimension) values but the encoder expects \(encoder.inputDimension)")
        }
        guard batchSize >= 1 else { throw .invalidSetting("batch size must be positive, got \(batchSize)") }
        self.grid = grid
        self.preprocessing = preprocessing
        self.encoder = encoder
        self.batchSize = batchSize
    }

    /// Values per descriptor: sub-blocks per super-block times the encoder's features.
    public var descriptorDimension: Int { grid.subBlocksPerSuperBlock * encoder.featureCount }

    /// The descriptors of every super-block of `volume`; throws `clipTooSmall` when it has none.
    public func extract(from volume: FrameVolume) throws(RecognitionError) -> ClipDescriptors {
        try extract(from: volume, origins: origins(in: volume))
    }

    /// The super-block origins of `volume`; throws `clipTooSmall` when it has none.
    public func origins(in volume: FrameVolume) throws(RecognitionError) -> [BlockPosition] {
        let origins = grid.superBlockOrigins(frameCount: volume.frameCount, height: volume.height, width: volume.width)
        guard !origins.isEmpty else {
            throw .clipTooSmall(frameCount: volume.frameCount, height: volume.height, width: volume.width, needs: grid.superBlock)
        }
        return origins
    }

    /// The descriptors of the super-blocks of `volume` at `origins` (from `origins(in:)`), in that order,
    /// mapped through `reduction` (the super-block PCA) batch by batch when given, so the full-width
    /// descriptors of a whole clip never exist at once. Magnitudes are those of the full-width codes.
    public func extract(from volume: FrameVolume, origins: [BlockPosition], reducedBy reduction: PCA? = nil) -> ClipDescriptors {
        let offsets = grid.subBlockOffsets
        let sub = grid.subBlock
        let voxels = sub.dimension, width = descriptorDimension
        if let reduction { precondition(reduction.inputDimension == width, "the reduction takes \(reduction.inputDimension) values, descriptors have \(width)") }
        let projector = reduction.map(PCAProjector.init)
        let outWidth = reduction?.outputDimension ?? width
        var descriptors = Matrix(rows: origins.count, cols: outWidth)
        var magnitudes = [Float](repeating: 0, count: origins.count)
        let capacity = min(batchSize, origins.count)
        var raw = [Float](repeating: 0, count: capacity * offsets.count * voxels)
        var whitened = Matrix(rows: capacity * offsets.count, cols: preprocessing.outputDimension)
        for start in stride(from: 0, to: origins.count, by: batchSize) {
            let batch = origins[start..<min(start + batchSize, origins.count)]
            let rows = batch.count * offsets.count
            if rows != whitened.rows { whitened = Matrix(rows: rows, cols: preprocessing.outputDimension) }
            raw.withUnsafeMutableBufferPointer { buffer in
                var row = buffer.baseAddress!
                for origin in batch {
                    for offset in offsets {
                        volume.copyBlock(t: origin.t + offset.t, y: origin.y + offset.y, x: origin.x + offset.x,
                                         depth: sub.frames, blockHeight: sub.height, blockWidth: sub.width, into: row)
                        row += voxels
                    }
                }
                whitened.storage.withUnsafeMutableBufferPointer { out in
                    preprocessing.apply(rows: buffer.baseAddress!, count: rows, into: out.baseAddress!)
                }
            }
            let codes = encoder.encode(whitened)
            precondition(codes.rows == rows && codes.cols == encoder.featureCount,
                         "encoder returned \(codes.rows) x \(codes.cols), expected \(rows) x \(encoder.featureCount)")
            // Rows are (super-block, sub-block) pairs in order, so the codes' storage already is
            // the batch's full-width descriptors laid out row after row.
            codes.storage.withUnsafeBufferPointer { c in
                for i in 0..<batch.count { magnitudes[start + i] = squaredNorm(c.baseAddress! + i * width, count: width).squareRoot() }
                descriptors.storage.withUnsafeMutableBufferPointer { d in
                    let target = d.baseAddress! + start * outWidth
                    guard let projector else {
                        target.update(from: c.baseAddress!, count: batch.count * width)
                        return
                    }
                    projector.apply(rows: c.baseAddress!, count: batch.count, into: target)
                }
            }
        }
        return ClipDescriptors(descriptors: descriptors, magnitudes: magnitudes)
    }
}
