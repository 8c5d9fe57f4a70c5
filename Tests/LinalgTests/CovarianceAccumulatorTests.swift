import Testing
@testable import Linalg

/// Rows of a matrix handed over in batches of uneven sizes, as a stream.
struct BatchedRows: RowStream {
    var matrix: Matrix
    var batchSizes: [Int]
    var rowCount: Int { matrix.rows }
    var dimension: Int { matrix.cols }

    func forEachBatch(_ body: (UnsafePointer<Float>, Int) throws -> Void) throws {
        var start = 0, i = 0
        while start < matrix.rows {
            let count = min(batchSizes[i % batchSizes.count], matrix.rows - start)
            let copy = Array(matrix.storage[(start * dimension)..<((start + count) * dimension)])
            try copy.withUnsafeBufferPointer { try body($0.baseAddress!, count) }
            start += count
            i += 1
        }
    }
}

@Suite("Streaming mean and covariance")
struct CovarianceAccumulatorTests {
    @Test("the covariance of rows streamed in uneven batches matches a double-precision reference")
    func matchesReference() throws {
        var rng = SeededRandom(seed: 11)
        var x = rng.normalMatrix(rows: 9_000, cols: 6)
        for r in 0..<x.rows { x[r, 1] = 3 * x[r, 0] + 0.5 * x[r, 1] + 7; x[r, 4] *= 20 }
        let mean = x.columnMeans()
        var accumulator = CovarianceAccumulator(mean: mean, expectedRows: x.rows)
        try BatchedRows(matrix: x, batchSizes: [1, 4095, 333, 5000]).forEachBatch { accumulator.add(rows: $0, count: $1) }
        #expect(accumulator.count == x.rows)
        let covariance = accumulator.covariance()
        // Reference: two-pass covariance in Double.
        let n = x.rows, d = x.cols
        var m = [Double](repeating: 0, count: d)
        for r in 0..<n { for c in 0..<d { m[c] += Double(x[r, c]) } }
        for c in 0..<d { m[c] /= Double(n) }
        for i in 0..<d {
            for j in 0..<d {
                var s = 0.0
                for r in 0..<n { s += (Double(x[r, i]) - m[i]) * (Double(x[r, j]) - m[j]) }
                let reference = s / Double(n)
                #expect(abs(Double(covariance[i, j]) - reference) <= 1e-5 * max(1, abs(reference)), "entry (\(i), \(j))")
            }
        }
    }

    @Test("a PCA fit on a stream is bit-identical to one on the matrix, however the rows are batched")
    func batchingDoesNotChangeThePCA() throws {
        var rng = SeededRandom(seed: 5)
        var x = rng.normalMatrix(rows: 10_000, cols: 12)
        for r in 0..<x.rows { x[r, 2] += 2 * x[r, 3]; x[r, 7] *= 0.1 }
        let whole = try PCA.fit(x, keep: .count(8), whiten: true, regularization: 0.1)
        let streamed = try PCA.fit(BatchedRows(matrix: x, batchSizes: [17, 4096, 1, 900]), keep: .count(8), whiten: true,
                                   regularization: 0.1)
        #expect(streamed == whole)
    }
}
