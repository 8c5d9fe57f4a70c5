import COpenBLAS
import Foundation

/// How many principal components a PCA keeps.
public enum ComponentSelection: Sendable, Equatable, Codable {
    /// Exactly this many (fewer only if the eigenvalue floor removes some).
    case count(Int)
    /// The fewest components whose eigenvalues sum to at least this fraction of the total variance.
    case varianceFraction(Double)
}

/// Principal component analysis with optional whitening, fit on the rows of a matrix.
///
/// `transform` maps `N x D` rows to `N x K` codes: `(x - mean) P`, where `P = V diag(s)` holds the
/// kept eigenvectors `V` scaled by `s = 1 / sqrt(lambda + regularization)` when whitening, else 1.
/// `inverseTransform` maps codes back: `y P^+ + mean` with `P^+ = diag(1/s) V^T`.
public struct PCA: Sendable, Equatable {
    /// The mean that was subtracted, length D.
    public let mean: [Float]
    /// The kept eigenvectors as columns, `D x K`.
    public let components: Matrix
    /// The kept eigenvalues (variances along the components), descending, length K.
    public let variances: [Float]
    /// Whether codes are scaled to unit variance.
    public let whiten: Bool
    /// Added to each eigenvalue before whitening (0 = none).
    public let regularization: Float
    /// Every eigenvalue of the covariance the PCA was fit on, descending: the kept `variances` and
    /// the ones cut after them (what a whitening spectrum shows); nil where it was not recorded.
    public let spectrum: [Float]?

    /// Input dimensionality D.
    public var inputDimension: Int { components.rows }
    /// Output dimensionality K.
    public var outputDimension: Int { components.cols }

    /// A PCA from stored parts (as loaded from disk).
    public init(mean: [Float], components: Matrix, variances: [Float], whiten: Bool, regularization: Float, spectrum: [Float]? = nil) {
        precondition(mean.count == components.rows && variances.count == components.cols, "PCA parts disagree in size")
        precondition(spectrum.map { $0.count == components.rows } ?? true, "the spectrum has one eigenvalue per input dimension")
        self.mean = mean
        self.components = components
        self.variances = variances
        self.whiten = whiten
        self.regularization = regularization
        self.spectrum = spectrum
    }

    /// Fits on the rows of `data` (`N x D`, N >= 2): a matrix, or any stream of rows too large to
    /// hold (it is read twice, for the mean and then for the covariance; see `CovarianceAccumulator`).
    ///
    /// - Parameters:
    ///   - keep: a component count or a variance fraction.
    ///   - whiten: scale each component to unit variance.
    ///   - eigenvalueFloor: components whose eigenvalue is at or below this are never kept.
    ///   - regularization: added to the eigenvalues before whitening.
    public static func fit(_ data: some RowStream, keep: ComponentSelection, whiten: Bool,
                           eigenvalueFloor: Float = 1e-8, regularization: Float = 0) throws -> PCA {
        guard data.rowCount >= 2 else { throw LinalgError.shape("PCA needs at least 2 rows, got \(data.rowCount)") }
        var means = ColumnMeanAccumulator(dimension: data.dimension)
        try data.forEachBatch { means.add(rows: $0, count: $1) }
        let mean = means.means
        var accumulator = CovarianceAccumulator(mean: mean, expectedRows: data.rowCount)
        try data.forEachBatch { accumulator.add(rows: $0, count: $1) }
        let eigen = try SymmetricEigen(accumulator.covariance())
        let total = eigen.values.reduce(0.0) { $0 + Double(Swift.max($1, 0)) }
        var k: Int
        switch keep {
        case let .count(n):
            k = Swift.min(Swift.max(n, 1), data.dimension)
        case let .varianceFraction(f):
            k = 0
            var acc = 0.0
            while k < eigen.values.count && (acc < f * total || k == 0) {
                acc += Double(Swift.max(eigen.values[k], 0)); k += 1
            }
        }
        while k > 0 && eigen.values[k - 1] <= eigenvalueFloor { k -= 1 }
        guard k > 0 else { throw LinalgError.shape("PCA: no component has variance above the floor \(eigenvalueFloor)") }
        return PCA(mean: mean, components: eigen.vectors.columns(0..<k), variances: Array(eigen.values[0..<k]),
                   whiten: whiten, regularization: regularization, spectrum: eigen.values)
    }

    /// The per-component scale applied after projection.
    public var scales: [Float] {
        whiten ? variances.map { 1 / ($0 + regularization).squareRoot() } : variances.map { _ in 1 }
    }

    /// The `D x K` projection `V diag(scales)`.
    public var projection: Matrix {
        var p = components
        let s = scales
        for r in 0..<p.rows { for c in 0..<p.cols { p[r, c] *= s[c] } }
        return p
    }

    /// The `K x D` back-projection `diag(1/scales) V^T`.
    public var backProjection: Matrix {
        var b = components.transposed
        let s = scales
        for r in 0..<b.rows { for c in 0..<b.cols { b[r, c] /= s[r] } }
        return b
    }

    /// Maps the rows of `data` (`N x D`) to codes (`N x K`).
    public func transform(_ data: Matrix) -> Matrix {
        PCAProjector(self).apply(data)
    }

    /// Maps codes (`N x K`) back to the input space (`N x D`).
    public func inverseTransform(_ codes: Matrix) -> Matrix {
        precondition(codes.cols == outputDimension, "PCA expects \(outputDimension) code columns, got \(codes.cols)")
        var out = Matrix.product(codes, .none, backProjection, .none)
        out.addToRows(mean)
        return out
    }
}
