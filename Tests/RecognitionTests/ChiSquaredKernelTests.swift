import Foundation
import Linalg
import Testing
@testable import Recognition

@Suite struct ChiSquaredKernelTests {
    /// Random L1-normalised histograms with some empty bins shared by all rows and some per row.
    static func histograms(_ rows: Int, _ bins: Int, random: inout SeededRandom) -> Matrix {
        var m = Matrix(rows: rows, cols: bins)
        for r in 0..<rows {
            for c in 0..<bins where c % 5 != 0 && random.uniform() > 0.2 { m[r, c] = random.uniform() }
            let total = m.row(r).reduce(0, +)
            for c in 0..<bins { m[r, c] /= total }
        }
        return m
    }

    static func referenceChi2(_ x: [Float], _ y: [Float]) -> Double {
        zip(x, y).reduce(0.0) { s, p in
            let sum = Double(p.0) + Double(p.1), diff = Double(p.0) - Double(p.1)
            return sum == 0 ? s : s + diff * diff / sum
        }
    }

    @Test func matchesDirectDoubleComputation() throws {
        var random = SeededRandom(seed: 1)
        let train = Self.histograms(9, 37, random: &random), test = Self.histograms(4, 37, random: &random)
        var total = 0.0
        for i in 0..<9 { for j in 0..<9 where i != j { total += Self.referenceChi2(train.row(i), train.row(j)) } }
        let mu = total / 72
        let kernel = try ChiSquaredKernel(training: train)
        #expect(abs(kernel.meanDistance - mu) < 1e-5 * mu)
        for i in 0..<9 {
            for j in 0..<9 {
                let expected = exp(-Self.referenceChi2(train.row(i), train.row(j)) / (2 * mu))
                #expect(abs(Double(kernel.trainingKernel[i, j]) - expected) < 1e-5)
            }
        }
        // The test kernel reuses the training mu.
        let k = kernel.kernel(against: test)
        #expect(k.rows == 4 && k.cols == 9)
        for i in 0..<4 {
            for j in 0..<9 {
                let expected = exp(-Self.referenceChi2(test.row(i), train.row(j)) / (2 * mu))
                #expect(abs(Double(k[i, j]) - expected) < 1e-5)
            }
        }
        let d = ChiSquaredKernel.distances(test, train)
        #expect(abs(Double(d[2, 3]) - Self.referenceChi2(test.row(2), train.row(3))) < 1e-5)
    }

    @Test func refusesDegenerateTraining() {
        #expect(throws: RecognitionError.self) { try ChiSquaredKernel(training: Matrix(rows: 3, cols: 4, repeating: 0.25)) }
        #expect(throws: RecognitionError.self) { try ChiSquaredKernel(training: Matrix(rows: 1, cols: 4, repeating: 0.25)) }
    }
}
