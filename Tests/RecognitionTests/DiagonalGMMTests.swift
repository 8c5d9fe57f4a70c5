import Foundation
import Linalg
import Testing
@testable import Recognition

@Suite struct DiagonalGMMTests {
    /// 3,000 draws from 0.3 N((-4, 1), diag(1, 0.25)) + 0.7 N((3, -2), diag(0.5, 2)).
    static func twoGaussians(seed: UInt64) -> Matrix {
        var random = SeededRandom(seed: seed)
        var rows: [[Float]] = []
        let deviations: [[Float]] = [[1, 0.5], [Float(0.5).squareRoot(), Float(2).squareRoot()]]
        let means: [[Float]] = [[-4, 1], [3, -2]]
        for _ in 0..<3000 {
            let k = random.uniform() < 0.3 ? 0 : 1
            let a: Float = random.normal(), b: Float = random.normal()
            rows.append([means[k][0] + deviations[k][0] * a, means[k][1] + deviations[k][1] * b])
        }
        return Matrix(rowArrays: rows)
    }

    @Test func logLikelihoodNeverFalls() throws {
        var random = SeededRandom(seed: 3)
        let data = random.normalMatrix(rows: 800, cols: 5)
        let gmm = try DiagonalGMM.fit(data, settings: GMMSettings(components: 6, maxIterations: 25, tolerance: 0, seed: 4))
        let history = gmm.logLikelihoodHistory
        #expect(history.count == 25)
        for (a, b) in zip(history, history.dropFirst()) { #expect(b >= a - 1e-6 * abs(a)) }
        #expect(history.last! > history.first!)
        #expect(abs(gmm.weights.reduce(0, +) - 1) < 1e-5)
    }

    @Test func recoversKnownMixture() throws {
        let gmm = try DiagonalGMM.fit(Self.twoGaussians(seed: 8), settings: GMMSettings(components: 2, maxIterations: 100, tolerance: 1e-7, seed: 1))
        let small = gmm.weights[0] < gmm.weights[1] ? 0 : 1, large = 1 - small
        #expect(abs(gmm.weights[small] - 0.3) < 0.03)
        let expected: [(mean: [Float], variance: [Float])] = [([-4, 1], [1, 0.25]), ([3, -2], [0.5, 2])]
        for (component, truth) in zip([small, large], expected) {
            for c in 0..<2 {
                #expect(abs(gmm.means[component, c] - truth.mean[c]) < 0.1)
                #expect(abs(gmm.variances[component, c] / truth.variance[c] - 1) < 0.12)
            }
        }
    }

    @Test func posteriorsMatchDirectDensities() {
        let gmm = DiagonalGMM(weights: [0.25, 0.75], means: Matrix(rowArrays: [[0, 1], [2, -1]]),
                              variances: Matrix(rowArrays: [[1, 2], [0.5, 1]]))
        let x = Matrix(rowArrays: [[0.5, 0.2], [1.8, -0.4], [-1, 3]])
        let posteriors = gmm.posteriors(x)
        for r in 0..<3 {
            let densities = (0..<2).map { k in
                Double(gmm.weights[k]) * (0..<2).reduce(1.0) { product, c in
                    let v = Double(gmm.variances[k, c]), e = Double(x[r, c] - gmm.means[k, c])
                    return product * exp(-e * e / (2 * v)) / (2 * Double.pi * v).squareRoot()
                }
            }
            for k in 0..<2 { #expect(abs(Double(posteriors[r, k]) - densities[k] / densities.reduce(0, +)) < 1e-5) }
        }
    }

    @Test func varianceFloorHolds() throws {
        // Two coinciding points per component would have zero variance without the floor.
        let data = Matrix(rowArrays: [[0, 0], [0, 0], [10, 10], [10, 10]])
        let gmm = try DiagonalGMM.fit(data, settings: GMMSettings(components: 2, maxIterations: 5, varianceFloor: 0.01, seed: 1))
        for k in 0..<2 { for c in 0..<2 { #expect(abs(gmm.variances[k, c] - 0.25) < 1e-4) } }  // 0.01 x variance 25
        #expect(gmm.logLikelihoodHistory.allSatisfy { $0.isFinite })
    }

    @Test func refusesTooFewDescriptors() {
        #expect(throws: RecognitionError.self) { _ = try DiagonalGMM.fit(Matrix(rows: 3, cols: 2), settings: GMMSettings(components: 4)) }
    }
}
