import Testing
@testable import Linalg

/// A slow, obviously correct product to check BLAS against.
func naiveProduct(_ a: [[Float]], _ b: [[Float]]) -> [[Float]] {
    let n = a.count, k = b.count, m = b[0].count
    return (0..<n).map { i in (0..<m).map { j in (0..<k).reduce(Float(0)) { $0 + a[i][$1] * b[$1][j] } } }
}

@Suite("Matrix over BLAS")
struct MatrixTests {
    @Test("products with every transpose combination match a naive loop")
    func productsMatchNaive() {
        var rng = SeededRandom(seed: 1)
        let a = rng.normalMatrix(rows: 5, cols: 7)
        let b = rng.normalMatrix(rows: 7, cols: 3)
        let rowsOf = { (m: Matrix) in (0..<m.rows).map { m.row($0) } }
        let expected = naiveProduct(rowsOf(a), rowsOf(b))
        let cases = [
            Matrix.product(a, .none, b, .none),
            Matrix.product(a.transposed, .transposed, b, .none),
            Matrix.product(a, .none, b.transposed, .transposed),
            Matrix.product(a.transposed, .transposed, b.transposed, .transposed),
        ]
        for c in cases {
            #expect(c.rows == 5 && c.cols == 3)
            for i in 0..<5 { for j in 0..<3 { #expect(abs(c[i, j] - expected[i][j]) < 1e-4) } }
        }
    }

    @Test("multiply accumulates with alpha and beta")
    func multiplyAccumulates() {
        let a = Matrix(rowArrays: [[1, 2], [3, 4]])
        var c = Matrix(rowArrays: [[1, 1], [1, 1]])
        c.multiply(a, .none, Matrix.identity(2), .none, alpha: 2, beta: 3)
        #expect(c == Matrix(rowArrays: [[5, 7], [9, 11]]))
    }

    @Test("row gathering, column slicing, appending and means")
    func reshaping() {
        var m = Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]])
        #expect(m.rows(at: [1, 0]) == Matrix(rowArrays: [[4, 5, 6], [1, 2, 3]]))
        #expect(m.columns(1..<3) == Matrix(rowArrays: [[2, 3], [5, 6]]))
        #expect(m.transposed == Matrix(rowArrays: [[1, 4], [2, 5], [3, 6]]))
        #expect(m.columnMeans() == [2.5, 3.5, 4.5])
        m.appendRows(Matrix(rowArrays: [[7, 8, 9]]))
        #expect(m.rows == 3 && m.row(2) == [7, 8, 9])
        var empty = Matrix(rows: 0, cols: 0)
        empty.appendRows(m)
        #expect(empty == m)
    }
}
