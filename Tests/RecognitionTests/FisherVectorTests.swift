import Foundation
import Linalg
import Testing
@testable import Recognition

@Suite struct FisherVectorTests {
    @Test func oneGaussianByHand() {
        // One Gaussian (every posterior is 1), mu = (1, 1), s^2 = (1, 4), x = (1, 2) and (3, 0):
        // G_mu = 1/2 ((0 + 2) / 1, (1 - 1) / 2) = (1, 0);
        // G_s = 1/(2 sqrt 2) ((0 - 1) + (4 - 1), (1/4 - 1) + (1/4 - 1)) = (2, -1.5) / (2 sqrt 2).
        let gmm = DiagonalGMM(weights: [1], means: Matrix(rowArrays: [[1, 1]]), variances: Matrix(rowArrays: [[1, 4]]))
        let fisher = FisherVector.encode(Matrix(rowArrays: [[1, 2], [3, 0]]), gmm: gmm)
        let root2 = Float(2).squareRoot()
        let expected: [Float] = [1, 0, 1 / root2, -1.5 / (2 * root2)]
        #expect(fisher.count == 4)
        for (a, b) in zip(fisher, expected) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func twoGaussiansMatchTheFormulaInDoublePrecision() {
        let gmm = DiagonalGMM(weights: [0.4, 0.6], means: Matrix(rowArrays: [[0, 1, -1], [1, 0, 2]]),
                              variances: Matrix(rowArrays: [[1, 0.5, 2], [0.7, 1.5, 1]]))
        var random = SeededRandom(seed: 2)
        let x = random.normalMatrix(rows: 7, cols: 3)
        let fisher = FisherVector.encode(x, gmm: gmm)
        let n = 7.0
        for k in 0..<2 {
            let w = Double(gmm.weights[k])
            var mu = [Double](repeating: 0, count: 3), sigma = [Double](repeating: 0, count: 3)
            for r in 0..<7 {
                let p = (0..<2).map { j in
                    Double(gmm.weights[j]) * (0..<3).reduce(1.0) { product, c in
                        let v = Double(gmm.variances[j, c]), e = Double(x[r, c] - gmm.means[j, c])
                        return product * exp(-e * e / (2 * v)) / (2 * Double.pi * v).squareRoot()
                    }
                }
                let g = p[k] / (p[0] + p[1])
                for c in 0..<3 {
                    let z = Double(x[r, c] - gmm.means[k, c]) / Double(gmm.variances[k, c]).squareRoot()
                    mu[c] += g * z
                    sigma[c] += g * (z * z - 1)
                }
            }
            for c in 0..<3 {
                #expect(abs(Double(fisher[k * 3 + c]) - mu[c] / (n * w.squareRoot())) < 1e-5)
                #expect(abs(Double(fisher[6 + k * 3 + c]) - sigma[c] / (n * (2 * w).squareRoot())) < 1e-5)
            }
        }
    }

    @Test func noDescriptorsGiveZeros() {
        let gmm = DiagonalGMM(weights: [1], means: Matrix(rowArrays: [[0, 0]]), variances: Matrix(rowArrays: [[1, 1]]))
        #expect(FisherVector.encode(Matrix(rows: 0, cols: 2), gmm: gmm) == [0, 0, 0, 0])
    }
}

@Suite struct VLADTests {
    @Test func residualsByHand() {
        // Words (0, 0) and (10, 0); (1, 2) and (-1, 1) are nearest to the first, (12, -1) to the second.
        let vocabulary = Vocabulary(centroids: Matrix(rowArrays: [[0, 0], [10, 0]]))
        let vlad = VLAD.encode(Matrix(rowArrays: [[1, 2], [12, -1], [-1, 1]]), vocabulary: vocabulary)
        #expect(vlad == [0, 3, 2, -1])
    }

    @Test func normalisations() {
        var values: [Float] = [4, -9, 0]
        EncodingNormalization.signedSquareRoot(&values)
        #expect(values == [2, -3, 0])
        EncodingNormalization.l2Normalize(&values)
        let length = Float(13).squareRoot()
        #expect(abs(values[0] - 2 / length) < 1e-7 && abs(values[1] + 3 / length) < 1e-7 && values[2] == 0)
        var zeros: [Float] = [0, 0]
        EncodingNormalization.powerAndL2(&zeros)
        #expect(zeros == [0, 0])
    }
}
