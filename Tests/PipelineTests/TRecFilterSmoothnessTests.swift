import Datasets
import Foundation
@testable import Learners
import Linalg
import Testing
@testable import Pipeline

@Suite struct TRecFilterSmoothnessTests {
    /// On a tiny set of rotating smooth-dot videos (4 frames of 8 x 8), training turns the TRec's
    /// initial filters (whitened training videos, the data-based initialisation) into smoother ones.
    @Test func trainingMakesTRecFiltersSmootherThanItsInitialOnes() throws {
        let generator = try RandomDotVideos(frames: 4, size: 8, dots: .smoothNoise(sigma: 1))
        var random = SeededRandom(seed: 5)
        let videos = generator.generate(count: 2000, using: &random).videos
        let pca = try PCA.fit(videos, keep: .count(60), whiten: true)
        let whitened = pca.transform(videos)
        let whitening = try PatchWhitening(shape: BlockShape(frames: 4, height: 8, width: 8),
                                           preprocessing: BlockPreprocessing(removeDC: false), pca: pca, perFrame: false)
        let configuration = ZeroBiasAutoencoder.Configuration(activation: .trec, features: 32,
                                                              sgd: MomentumSGD(epochs: 20, learningRate: 0.003))
        let seed: UInt64 = 9
        let trained = try configuration.fit(whitened, seed: seed)

        // The initial weights exactly as `fit` draws them.
        var initRandom = SeededRandom(seed: derivedSeed(seed, stream: 0))
        let initial = ZeroBiasAutoencoder(configuration: configuration,
                                          weights: exampleColumns(of: whitened, count: 32, norm: 1, random: &initRandom),
                                          visibleBias: [Float](repeating: 0, count: whitened.cols), record: TrainingRecord(seed: seed))
        let before = try ModelFilters.strongest(32, of: initial, whitening: whitening).medianRoughness
        let after = try ModelFilters.strongest(32, of: trained, whitening: whitening).medianRoughness
        #expect(after < before, "median frame roughness \(after) after training, \(before) before")
    }
}
