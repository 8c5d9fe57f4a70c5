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

    /// Fits on raw training blocks (`N x shape.dimension`, one block per row) and returns them whitened
    /// too, preprocessing them in place: large samples never exist twice in memory.
    public static func fitAndWhiten(_ rawBlocks: consuming Matrix, shape: BlockShape, preprocessing: BlockPreprocessing,
                                    perFrame: Bool, keep: ComponentSelection, regularization: Float) throws -> (PatchWhitening, Matrix) {
        var blocks = consume rawBlocks
        preprocessing.apply(to: &blocks)
        let rows = perFrame ? blocks.reshaped(rows: blocks.rows * shape.frames, cols: shape.height * shape.width) : blocks
        let pca = try PCA.fit(rows, keep: keep, whiten: true, regularization: regularization)
        let whitening = try PatchWhitening(shape: shape, preprocessing: preprocessing, pca: pca, perFrame: perFrame)
        var out = Matrix(rows: blocks.rows, cols: whitening.outputDimension)
        blocks.storage.withUnsafeMutableBufferPointer { raw in
            out.storage.withUnsafeMutableBufferPointer { whitening.project(rows: raw.baseAddress!, count: blocks.rows, into: $0.baseAddress!) }
        }
        return (whitening, out)
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
