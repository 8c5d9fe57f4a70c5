import Linalg

/// The whole path from a raw block to what a learner sees, fit once on training blocks and applied
/// identically at recognition time: `BlockPreprocessing`, then PCA whitening of the whole block, or
/// of each frame on its own (`perFrame`, for models such as the gated RBM that need frames apart).
public struct PatchWhitening: Sendable {
    /// The raw block size.
    public let shape: BlockShape
    /// DC removal and contrast normalisation.
    public let preprocessing: BlockPreprocessing
    /// The whitening PCA: over whole blocks, or over single frames when `perFrame`.
    public let pca: PCA
    /// Whether the PCA whitens each frame of a block separately.
    public let perFrame: Bool
    private let projector: PCAProjector

    /// A whitening from its parts (as fit, or as loaded from a model bundle).
    public init(shape: BlockShape, preprocessing: BlockPreprocessing, pca: PCA, perFrame: Bool) throws {
        let expected = perFrame ? shape.height * shape.width : shape.dimension
        guard pca.inputDimension == expected else {
            throw LinalgError.shape("the whitening PCA takes \(pca.inputDimension) values, a \(shape.frames)x\(shape.height)x\(shape.width) block\(perFrame ? " frame" : "") has \(expected)")
        }
        self.shape = shape
        self.preprocessing = preprocessing
        self.pca = pca
        self.perFrame = perFrame
        projector = PCAProjector(pca)
    }

    /// Blocks read, preprocessed and whitened at a time: three pixel segments, 12,288 blocks, which is
    /// also the row block of OpenBLAS's sgemm on Haswell-class kernels, so that with one BLAS thread
    /// the whitened rows are bit-identical to whitening all blocks in one call (OpenBLAS rounds a
    /// row differently depending on the block it falls in; with more threads, on the thread split too).
    public static let batchBlocks = 3 * PixelBlocks.segmentRows

    /// Fits on raw training blocks (one block per row, `shape.dimension` values) and returns them
    /// whitened too. The raw blocks are read batch by batch (twice for the PCA, once to whiten) and
    /// released as they are whitened, so the preprocessed floats never exist all at once: memory is
    /// the raw blocks plus the whitened rows.
    public static func fitAndWhiten(_ rawBlocks: consuming some RawBlocks, shape: BlockShape, preprocessing: BlockPreprocessing,
                                    perFrame: Bool, keep: ComponentSelection, regularization: Float) throws -> (PatchWhitening, Matrix) {
        var blocks = rawBlocks
        precondition(blocks.dimension == shape.dimension, "blocks have \(blocks.dimension) values, expected \(shape.dimension)")
        let stream = PreprocessedBlocks(blocks: blocks, preprocessing: preprocessing, rowsPerBlock: perFrame ? shape.frames : 1)
        let pca = try PCA.fit(stream, keep: keep, whiten: true, regularization: regularization)
        let whitening = try PatchWhitening(shape: shape, preprocessing: preprocessing, pca: pca, perFrame: perFrame)
        let n = blocks.blockCount, width = whitening.outputDimension
        var scratch = [Float](repeating: 0, count: min(batchBlocks, n) * shape.dimension)
        // The whitened rows are written as the raw blocks are given back: neither exists whole beside the other.
        let rows = [Float](unsafeUninitializedCapacity: n * width) { out, initialized in
            for start in stride(from: 0, to: n, by: batchBlocks) {
                let range = start..<min(start + batchBlocks, n)
                scratch.withUnsafeMutableBufferPointer { raw in
                    blocks.copy(range, into: raw.baseAddress!)
                    whitening.apply(rows: raw.baseAddress!, count: range.count, into: out.baseAddress! + start * width)
                }
                blocks.release(before: range.upperBound)
            }
            initialized = n * width
        }
        return (whitening, Matrix(rows: n, cols: width, storage: rows))
    }

    /// Values per whitened block.
    public var outputDimension: Int { perFrame ? shape.frames * pca.outputDimension : pca.outputDimension }

    /// Whitened rows of raw `blocks` (`N x shape.dimension` in, `N x outputDimension` out).
    public func apply(_ blocks: Matrix) -> Matrix {
        precondition(blocks.cols == shape.dimension, "blocks have \(blocks.cols) values, expected \(shape.dimension)")
        var work = blocks
        var out = Matrix(rows: blocks.rows, cols: outputDimension)
        work.storage.withUnsafeMutableBufferPointer { raw in
            out.storage.withUnsafeMutableBufferPointer { apply(rows: raw.baseAddress!, count: blocks.rows, into: $0.baseAddress!) }
        }
        return out
    }

    /// Whitens `count` raw blocks stored contiguously at `rows` into `output` (`count x outputDimension`)
    /// with one sgemm; `rows` is overwritten by the preprocessing. Allocation-free.
    public func apply(rows: UnsafeMutablePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>) {
        preprocessing.apply(rows: rows, count: count, dimension: shape.dimension)
        project(rows: rows, count: count, into: output)
    }

    /// Whitens `count` preprocessed blocks at `rows` into `output`: the PCA step alone.
    func project(rows: UnsafePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>) {
        projector.apply(rows: rows, count: perFrame ? count * shape.frames : count, into: output)
    }
}
