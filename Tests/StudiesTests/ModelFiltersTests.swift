import Datasets
import Foundation
import Learners
import Linalg
import Testing
@testable import Runs
@testable import Studies

/// Small models with hand-picked weights, drawn through hand-picked whitenings.
@Suite struct ModelFiltersTests {
    /// Whitening of 1-frame 2 x 2 blocks keeping v1 = (1, 1, 1, 1) / 2 and v2 = (1, -1, 1, -1) / 2
    /// with variances 3.5 and 0.5 and regularization 0.5: the back-projection scales are
    /// sqrt(3.5 + 0.5) = 2 and sqrt(0.5 + 0.5) = 1.
    static func blockWhitening() throws -> PatchWhitening {
        let components = Matrix(rowArrays: [[0.5, 0.5], [0.5, -0.5], [0.5, 0.5], [0.5, -0.5]])
        let pca = PCA(mean: [9, 9, 9, 9], components: components, variances: [3.5, 0.5], whiten: true, regularization: 0.5)
        return try PatchWhitening(shape: BlockShape(frames: 1, height: 2, width: 2), preprocessing: BlockPreprocessing(),
                                  pca: pca, perFrame: false)
    }

    @Test func zaeFiltersAreTheGenerativePatternsStrongestFirst() throws {
        // w1 = (1, 0) (gain 1), w2 = (0, 3) (gain 3), w3 = (1, 1) (gain sqrt 2).
        let weights = Matrix(rowArrays: [[1, 0, 1], [0, 3, 1]])
        let model = ZeroBiasAutoencoder(configuration: .init(activation: .trec, features: 3), weights: weights,
                                        visibleBias: [0, 0], record: TrainingRecord(seed: 0))
        let filters = try ModelFilters.strongest(2, of: model, whitening: Self.blockWhitening())
        // By hand: V diag(2, 1) w. w2 -> 3 v2 = (1.5, -1.5, 1.5, -1.5); w3 -> 2 v1 + v2 = (1.5, 0.5, 1.5, 0.5).
        #expect(filters.values == Matrix(rowArrays: [[1.5, -1.5, 1.5, -1.5], [1.5, 0.5, 1.5, 0.5]]))
        #expect(filters.frames == 1 && filters.height == 2 && filters.width == 2 && filters.total == 3)
        #expect(filters.drawn.contains("columns of W"))
    }

    @Test func theCovarianceAEDrawsItsFactorsRankedByTheirGainOnTheMapping() throws {
        // U: u1 = (1, 0) (|u|^2 1), u2 = (0, 2) (|u|^2 4); P rows: (3, 4) (norm 5), (0.5, 0) (norm 0.5).
        // Gains 1 * 5 = 5 and 4 * 0.5 = 2: u1 first.
        let model = CovarianceAutoencoder(configuration: .init(features: 2, factors: 2), factorWeights: Matrix(rowArrays: [[1, 0], [0, 2]]),
                                          pooling: Matrix(rowArrays: [[3, 4], [0.5, 0]]), mappingBias: [0, 0], visibleBias: [0, 0],
                                          record: TrainingRecord(seed: 0), inference: .zeroBiasReLU)
        let filters = try ModelFilters.strongest(2, of: model, whitening: Self.blockWhitening())
        // u1 -> 2 v1 = (1, 1, 1, 1); u2 -> 2 v2 = (1, -1, 1, -1).
        #expect(filters.values == Matrix(rowArrays: [[1, 1, 1, 1], [1, -1, 1, -1]]))
        #expect(filters.drawn.contains("factor filters (columns of U)"))
    }

    @Test func theGatedRBMDrawsFactorPairsAsTwoFramesThroughThePerFrameWhitening() throws {
        // Frames of 1 x 2 whitened to one component v = (0.6, 0.8) of variance 4: back-projection 2 v.
        let pca = PCA(mean: [0, 0], components: Matrix(rowArrays: [[0.6], [0.8]]), variances: [4], whiten: true, regularization: 0)
        let whitening = try PatchWhitening(shape: BlockShape(frames: 3, height: 1, width: 2), preprocessing: BlockPreprocessing(),
                                           pca: pca, perFrame: true)
        // Factors: wx = (1, 2), wy = (3, 0.5), Wh rows (1), (1): gains 1 * 3 * 1 = 3 and 2 * 0.5 * 1 = 1.
        let model = GatedRBM(configuration: .init(features: 1, factors: 2, framesPerBlock: 3, frameDimension: 1),
                             inputFactors: Matrix(rowArrays: [[1, 2]]), outputFactors: Matrix(rowArrays: [[3, 0.5]]),
                             hiddenFactors: Matrix(rowArrays: [[1], [1]]), hiddenBias: [0], outputBias: [0],
                             record: TrainingRecord(seed: 0), inference: .natural)
        let filters = try ModelFilters.strongest(2, of: model, whitening: whitening)
        #expect(filters.frames == 2 && filters.height == 1 && filters.width == 2)
        // Factor 0: frames 1 * 2v and 3 * 2v; factor 1: 2 * 2v and 0.5 * 2v.
        let expected: [[Float]] = [[1.2, 1.6, 3.6, 4.8], [2.4, 3.2, 0.6, 0.8]]
        for (row, values) in expected.enumerated() {
            #expect(zip(filters.values.row(row), values).allSatisfy { abs($0 - $1) < 1e-6 }, "factor row \(row): \(filters.values.row(row))")
        }
        #expect(filters.drawn.contains("Wx") && filters.drawn.contains("Wy"))
    }

    @Test func filtersOfTheWrongSizeForTheWhiteningAreRefused() throws {
        let model = ZeroBiasAutoencoder(configuration: .init(activation: .trec, features: 1), weights: Matrix(rowArrays: [[1], [0], [0]]),
                                        visibleBias: [0, 0, 0], record: TrainingRecord(seed: 0))
        #expect(throws: StudyError.self) { try ModelFilters.strongest(1, of: model, whitening: Self.blockWhitening()) }
    }
}
