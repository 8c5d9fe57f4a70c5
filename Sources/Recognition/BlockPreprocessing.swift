import Linalg

/// What happens to a raw sub-block before the encoder sees it; it must be exactly what the
/// learner's training blocks went through: optional per-block DC removal (subtract the block's
/// own mean from each of its voxels), then the patch PCA's `transform` (whitening).
public struct BlockPreprocessing: Sendable, Equatable {
    /// Whether each block's mean is subtracted from its voxels first.
    public let removeDC: Bool
    /// The patch PCA fit on the learner's training blocks.
    public let whitening: PCA
    /// `whitening.projection`, computed once.
    private let projection: Matrix

    /// Preprocessing with the given steps.
    public init(removeDC: Bool, whitening: PCA) {
        self.removeDC = removeDC
        self.whitening = whitening
        self.projection = whitening.projection
    }

    /// Voxels per block (the PCA's input size).
    public var inputDimension: Int { whitening.inputDimension }
    /// Values per preprocessed block (the PCA's output size).
    public var outputDimension: Int { whitening.outputDimension }

    /// The preprocessed rows of `blocks` (`N x inputDimension`), as `N x outputDimension`.
    public func apply(_ blocks: Matrix) -> Matrix {
        precondition(blocks.cols == inputDimension, "blocks have \(blocks.cols) voxels, preprocessing expects \(inputDimension)")
        var work = blocks
        var out = Matrix(rows: blocks.rows, cols: outputDimension)
        work.storage.withUnsafeMutableBufferPointer { raw in
            out.storage.withUnsafeMutableBufferPointer { dst in
                apply(rows: raw.baseAddress!, count: blocks.rows, into: dst.baseAddress!)
            }
        }
        return out
    }

    /// Preprocesses `count` rows stored contiguously at `rows` (overwritten: they are centred in
    /// place) into `output` (`count x outputDimension`) with one sgemm.
    func apply(rows: UnsafeMutablePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>) {
        let d = inputDimension
        whitening.mean.withUnsafeBufferPointer { mean in
            for r in 0..<count {
                let row = rows + r * d
                var dc: Float = 0
                if removeDC {
                    for i in 0..<d { dc += row[i] }
                    dc /= Float(d)
                }
                for i in 0..<d { row[i] = row[i] - dc - mean[i] }
            }
        }
        projection.storage.withUnsafeBufferPointer { p in
            sgemm(.none, .none, m: count, n: outputDimension, k: d, a: rows, lda: d, b: p.baseAddress!, ldb: outputDimension,
                  c: output, ldc: outputDimension)
        }
    }
}
