import Datasets
import Foundation
@testable import Learners
import Linalg
import Testing
import TestSupport
@testable import Runs
@testable import Studies

@Suite(.tags(.slow), .timeLimit(.minutes(10))) struct TRecFilterSmoothnessTests {
    /// On a tiny set of rotating smooth-dot videos (4,000 videos of 6 frames of 12 x 12, 200 whitened
    /// dimensions), training turns the TRec's initial filters (whitened training videos, its
    /// data-based initialisation) into smoother ones: the 16 strongest of 64 filters after 30 epochs
    /// against 16 initial ones. Over data/model seeds 5/9, 6/10 and 7/11 the median frame roughness
    /// fell from 0.43, 0.42, 0.41 to 0.38, 0.35, 0.38. (With white-noise dots, or 4-frame videos,
    /// training does not smooth them: the stimulus is what makes smooth filters possible.)
    @Test func trainingMakesTRecFiltersSmootherThanItsInitialOnes() throws {
        let generator = try RandomDotVideos(frames: 6, size: 12, dots: .smoothNoise(sigma: 1))
        var random = SeededRandom(seed: 6)
        let videos = generator.generate(count: 4000, using: &random).videos
        let pca = try PCA.fit(videos, keep: .count(200), whiten: true)
        let whitened = pca.transform(videos)
        let whitening = try PatchWhitening(shape: BlockShape(frames: 6, height: 12, width: 12),
                                           preprocessing: BlockPreprocessing(removeDC: false), pca: pca, perFrame: false)
        let configuration = ZeroBiasAutoencoder.Configuration(activation: .trec, features: 64,
                                                              sgd: MomentumSGD(epochs: 30, learningRate: 0.003))
        let seed: UInt64 = 10
        let trained = try configuration.fit(whitened, seed: seed)

        // The initial weights exactly as `fit` draws them.
        var initRandom = SeededRandom(seed: derivedSeed(seed, stream: 0))
        let initial = ZeroBiasAutoencoder(configuration: configuration,
                                          weights: exampleColumns(of: whitened, count: 64, norm: 1, random: &initRandom),
                                          visibleBias: [Float](repeating: 0, count: whitened.cols), record: TrainingRecord(seed: seed))
        let before = try ModelFilters.strongest(16, of: initial, whitening: whitening).medianRoughness
        let after = try ModelFilters.strongest(16, of: trained, whitening: whitening).medianRoughness
        #expect(after < before, "median frame roughness \(after) after training, \(before) before")
    }
}
