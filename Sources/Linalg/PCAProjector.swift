/// A PCA's forward map prepared for speed: `(x - mean) P` computed as `x P - (mean P)`, one sgemm
/// and one subtraction per output row, straight from the input rows into the output.
public struct PCAProjector: Sendable {
    /// Values per input row.
    public let inputDimension: Int
    /// Values per output row.
    public let outputDimension: Int
    private let projection: Matrix
    private let projectedMean: [Float]

    /// The projector of `pca`.
    public init(_ pca: PCA) {
        inputDimension = pca.inputDimension
        outputDimension = pca.outputDimension
        projection = pca.projection
        projectedMean = Matrix.product(Matrix(rows: 1, cols: pca.inputDimension, storage: pca.mean), .none, projection, .none).storage
    }

    /// Projects `count` rows stored contiguously at `rows` into `output` (`count x outputDimension`).
    public func apply(rows: UnsafePointer<Float>, count: Int, into output: UnsafeMutablePointer<Float>) {
        let k = inputDimension, n = outputDimension
        projection.storage.withUnsafeBufferPointer { p in
            sgemm(.none, .none, m: count, n: n, k: k, a: rows, lda: k, b: p.baseAddress!, ldb: n, c: output, ldc: n)
        }
        projectedMean.withUnsafeBufferPointer { mean in
            for r in 0..<count {
                let row = output + r * n
                for j in 0..<n { row[j] -= mean[j] }
            }
        }
    }

    /// The projections of the rows of `data`, as a new matrix.
    public func apply(_ data: Matrix) -> Matrix {
        precondition(data.cols == inputDimension, "the PCA expects \(inputDimension) columns, got \(data.cols)")
        var out = Matrix(rows: data.rows, cols: outputDimension)
        guard data.rows > 0 else { return out }
        data.storage.withUnsafeBufferPointer { x in
            out.storage.withUnsafeMutableBufferPointer { apply(rows: x.baseAddress!, count: data.rows, into: $0.baseAddress!) }
        }
        return out
    }
}
