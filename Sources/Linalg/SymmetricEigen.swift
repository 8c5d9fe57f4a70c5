import COpenBLAS

/// The eigendecomposition of a symmetric matrix: `A = V diag(values) V^T`.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in descending order.
    public let values: [Float]
    /// Eigenvectors as the columns of an `n x n` matrix, in the order of `values`.
    public let vectors: Matrix

    /// Decomposes the symmetric `matrix` (only its values matter, not which triangle) with LAPACK's
    /// divide-and-conquer solver, in double precision for accuracy on ill-conditioned covariances.
    public init(_ matrix: Matrix) throws {
        guard matrix.rows == matrix.cols else {
            throw LinalgError.shape("eigendecomposition needs a square matrix, got \(matrix.rows) x \(matrix.cols)")
        }
        var n = Int32(matrix.rows)
        guard n > 0 else { values = []; vectors = Matrix(rows: 0, cols: 0); return }
        // Row-major symmetric = column-major symmetric: hand the storage to LAPACK as it is.
        var a = matrix.storage.map(Double.init)
        var w = [Double](repeating: 0, count: Int(n))
        var jobz = Int8(UInt8(ascii: "V")), uplo = Int8(UInt8(ascii: "U"))
        var lda = n, info: Int32 = 0
        var lwork: Int32 = -1, liwork: Int32 = -1
        var workQuery = 0.0
        var iworkQuery: Int32 = 0
        dsyevd_(&jobz, &uplo, &n, &a, &lda, &w, &workQuery, &lwork, &iworkQuery, &liwork, &info)
        guard info == 0 else { throw LinalgError.lapack(routine: "dsyevd (workspace query)", info: Int(info)) }
        lwork = Int32(workQuery)
        liwork = iworkQuery
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevd_(&jobz, &uplo, &n, &a, &lda, &w, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { throw LinalgError.lapack(routine: "dsyevd", info: Int(info)) }
        // LAPACK returns ascending values; column j of the column-major result is eigenvector j,
        // which in row-major storage is row j. Reverse to descending and lay vectors out as columns.
        let size = Int(n)
        var vectors = Matrix(rows: size, cols: size)
        var values = [Float](repeating: 0, count: size)
        for j in 0..<size {
            let src = size - 1 - j
            values[j] = Float(w[src])
            for i in 0..<size { vectors[i, j] = Float(a[src * size + i]) }
        }
        self.values = values
        self.vectors = vectors
    }
}
