import Foundation
import Linalg
import Recognition
import Support

/// The timing behind `zae-video bench kmeans`: seconds per Lloyd iteration of the vocabulary's
/// K-means on seeded standard-normal data.
public enum KMeansBenchmark {
    /// The mean wall-clock seconds of `iterations` Lloyd iterations (assignment and update) on
    /// `samples x dimensions` random data with `clusters` centroids started at random rows.
    /// Generating the data and the first centroids is not timed.
    public static func secondsPerIteration(samples: Int = 300_000, dimensions: Int = 100, clusters: Int = 3000,
                                           iterations: Int = 3, seed: UInt64 = 0) -> Double {
        precondition(samples >= clusters && clusters >= 1 && iterations >= 1, "need samples >= clusters >= 1 and iterations >= 1")
        var random = SeededRandom(seed: seed)
        let data = random.normalMatrix(rows: samples, cols: dimensions)
        var lloyd = LloydIterations(data: data, initialCentroids: data.rows(at: random.sample(clusters, from: samples)),
                                    search: .exhaustive)
        return measureSeconds { for _ in 0..<iterations { _ = lloyd.step() } } / Double(iterations)
    }
}
