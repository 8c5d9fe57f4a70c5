import Foundation
import TestSupport
import Testing
@testable import Linalg

/// An explicit orthogonal matrix: a product of Householder reflections I - 2 v v^T / |v|^2.
func householderOrthogonal(_ n: Int, rng: inout SeededRandom) -> Matrix {
    var q = Matrix.identity(n)
    for _ in 0..<3 {
        let v = (0..<n).map { _ in rng.normal() }
        let norm2 = v.reduce(0) { $0 + $1 * $1 }
        var h = Matrix.identity(n)
        for i in 0..<n { for j in 0..<n { h[i, j] -= 2 * v[i] * v[j] / norm2 } }
        q = Matrix.product(q, .none, h, .none)
    }
    return q
}

@Suite("Eigendecomposition and PCA")
struct PCATests {
    @Test("symmetric eigendecomposition of a known matrix")
    func knownEigen() throws {
        // [[2,1],[1,2]] has eigenvalues 3 and 1 with eigenvectors (1,1)/sqrt2 and (1,-1)/sqrt2.
        let eigen = try SymmetricEigen(Matrix(rowArrays: [[2, 1], [1, 2]]))
        #expect(abs(eigen.values[0] - 3) < 1e-5 && abs(eigen.values[1] - 1) < 1e-5)
        #expect(abs(abs(eigen.vectors[0, 0]) - Float(0.5).squareRoot()) < 1e-5)
        #expect(abs(eigen.vectors[0, 0] - eigen.vectors[1, 0]) < 1e-5)
        #expect(abs(eigen.vectors[0, 1] + eigen.vectors[1, 1]) < 1e-5)
    }

    @Test("PCA recovers the eigenvectors of a known covariance; whitening gives identity covariance")
    func recoversKnownCovariance() throws {
        var rng = SeededRandom(seed: 7)
        let d = 6, n = 40_000
        let q = householderOrthogonal(d, rng: &rng)
        let lambdas: [Float] = [9, 4, 2, 1, 0.5, 0.25]
        // x = Q diag(sqrt(lambda)) z + mu, so cov(x) = Q diag(lambda) Q^T.
        var z = rng.normalMatrix(rows: n, cols: d)
        for r in 0..<n { for c in 0..<d { z[r, c] *= lambdas[c].squareRoot() } }
        var x = Matrix.product(z, .none, q, .transposed)
        let mu: [Float] = [1, -2, 3, 0, 5, -1]
        x.addToRows(mu)

        let pca = try PCA.fit(x, keep: .count(d), whiten: true)
        for c in 0..<d {
            #expect(abs(pca.variances[c] - lambdas[c]) / lambdas[c] < 0.05, "variance \(c)")
            let dot = (0..<d).reduce(Float(0)) { $0 + pca.components[$1, c] * q[$1, c] }
            #expect(abs(abs(dot) - 1) < 0.02, "component \(c) is not the known eigenvector (|dot| = \(abs(dot)))")
        }
        for c in 0..<d { #expect(abs(pca.mean[c] - mu[c]) < 0.05) }

        let codes = pca.transform(x)
        var accumulator = CovarianceAccumulator(mean: codes.columnMeans(), expectedRows: codes.rows)
        try codes.forEachBatch { accumulator.add(rows: $0, count: $1) }
        let cov = accumulator.covariance()
        for i in 0..<d { for j in 0..<d { #expect(abs(cov[i, j] - (i == j ? 1 : 0)) < 1e-3) } }

        let back = pca.inverseTransform(codes)
        var maxError: Float = 0
        for i in 0..<back.storage.count { maxError = max(maxError, abs(back.storage[i] - x.storage[i])) }
        #expect(maxError < 1e-3)
    }

    @Test("a variance fraction keeps the fewest components that reach it; the floor drops empty directions")
    func varianceFractionAndFloor() throws {
        var rng = SeededRandom(seed: 3)
        var x = rng.normalMatrix(rows: 5000, cols: 4)
        for r in 0..<x.rows { x[r, 0] *= 10; x[r, 3] = 0 }   // variances about 100, 1, 1, 0
        let kept = try PCA.fit(x, keep: .varianceFraction(0.9), whiten: false)
        #expect(kept.outputDimension == 1)
        let all = try PCA.fit(x, keep: .count(4), whiten: true, eigenvalueFloor: 1e-6)
        #expect(all.outputDimension == 3)
    }

    @Test("the spectrum holds every eigenvalue, the kept variances first; it is stored and read back")
    func spectrumIsStored() throws {
        var rng = SeededRandom(seed: 5)
        var x = rng.normalMatrix(rows: 4000, cols: 5)
        let scales: [Float] = [5, 3, 2, 1, 0.5]
        for r in 0..<x.rows { for c in 0..<5 { x[r, c] *= scales[c] } }
        let pca = try PCA.fit(x, keep: .count(2), whiten: true, regularization: 0.1)
        let spectrum = try #require(pca.spectrum)
        #expect(spectrum.count == 5 && Array(spectrum.prefix(2)) == pca.variances)
        // Independent covariance of the axis-aligned data: each column's variance, largest first.
        let expected = (0..<5).map { c -> Float in
            let column = (0..<x.rows).map { x[$0, c] }
            let mean = column.reduce(0, +) / Float(x.rows)
            return column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(x.rows - 1)
        }.sorted(by: >)
        for (ours, reference) in zip(spectrum, expected) { #expect(abs(ours - reference) / reference < 0.02, "\(ours) vs \(reference)") }
        let folder = try ScratchFolder("pca").url
        defer { try? FileManager.default.removeItem(at: folder) }
        try pca.write(into: folder)
        #expect(try PCA(contentsOf: folder) == pca)
        // A PCA stored before the spectrum was recorded reads back without one.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("pca_spectrum.npy"))
        #expect(try PCA(contentsOf: folder).spectrum == nil)
    }

    @Test("fitting on fewer than two rows is an error")
    func tooFewRows() {
        #expect(throws: LinalgError.self) { try PCA.fit(Matrix(rows: 1, cols: 3), keep: .count(2), whiten: true) }
    }
}
