import COpenBLAS

/// Whether a matrix operand enters a product as it is or transposed.
public enum Transpose: Sendable {
    /// As stored, or transposed.
    case none, transposed

    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

/// `C = alpha * op(A) * op(B) + beta * C` on raw row-major buffers (single-precision BLAS sgemm).
///
/// `a` is `m x k` after `op`, `b` is `k x n` after `op`, `c` is `m x n`; the leading dimensions are
/// the stored row lengths. This is the allocation-free form for hot loops.
@inlinable
public func sgemm(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, alpha: Float = 1,
                  a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                  beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
    sgemmCall(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

@usableFromInline
func sgemmCall(_ transA: Transpose, _ transB: Transpose, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
               _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
               _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
    guard m > 0, n > 0 else { return }
    cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha,
                a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

extension Matrix {
    /// `self = alpha * op(a) * op(b) + beta * self`, reusing `self`'s storage (it must already be `m x n`).
    public mutating func multiply(_ a: Matrix, _ transA: Transpose = .none, _ b: Matrix, _ transB: Transpose = .none,
                                  alpha: Float = 1, beta: Float = 0) {
        let m = transA == .none ? a.rows : a.cols
        let k = transA == .none ? a.cols : a.rows
        let kb = transB == .none ? b.rows : b.cols
        let n = transB == .none ? b.cols : b.rows
        precondition(k == kb, "inner dimensions differ: \(k) and \(kb)")
        precondition(rows == m && cols == n, "result is \(rows) x \(cols), product is \(m) x \(n)")
        let ldc = cols
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                storage.withUnsafeMutableBufferPointer { pc in
                    sgemmCall(transA, transB, m, n, k, alpha, pa.baseAddress!, a.cols, pb.baseAddress!, b.cols,
                              beta, pc.baseAddress!, ldc)
                }
            }
        }
    }

    /// The product `op(a) * op(b)` as a new matrix.
    public static func product(_ a: Matrix, _ transA: Transpose = .none, _ b: Matrix, _ transB: Transpose = .none) -> Matrix {
        var c = Matrix(rows: transA == .none ? a.rows : a.cols, cols: transB == .none ? b.cols : b.rows)
        if c.rows > 0 && c.cols > 0 && (transA == .none ? a.cols : a.rows) > 0 {
            c.multiply(a, transA, b, transB)
        }
        return c
    }

    /// `self += alpha * other`, elementwise (BLAS saxpy).
    public mutating func add(_ other: Matrix, scaledBy alpha: Float = 1) {
        precondition(other.rows == rows && other.cols == cols, "shapes differ")
        let n = Int32(storage.count)
        other.storage.withUnsafeBufferPointer { x in
            storage.withUnsafeMutableBufferPointer { y in cblas_saxpy(n, alpha, x.baseAddress, 1, y.baseAddress, 1) }
        }
    }

    /// `self *= alpha`, elementwise (BLAS sscal).
    public mutating func scale(by alpha: Float) {
        let n = Int32(storage.count)
        storage.withUnsafeMutableBufferPointer { y in cblas_sscal(n, alpha, y.baseAddress, 1) }
    }
}
