import Foundation
import Linalg
import Recognition
import Support

/// The timing behind `zae-video bench vocabulary`: one whole vocabulary fit as the finish stage
/// runs it (k-means++ seeding, then Lloyd iterations), once with Yinyang's bounds (the default)
/// and once plain, on the same data from the same seed.
public enum VocabularyBenchmark {
    /// The two fits' times and whether they agree.
    public struct Result: Sendable {
        /// Seconds of the fit with Yinyang's bounds.
        public var seconds: Double
        /// Seconds of the plain Lloyd fit.
        public var lloydSeconds: Double
        /// Iterations each ran.
        public var iterations: Int
        /// Whether both fits returned identical centroids.
        public var identical: Bool
        /// The share of row-centroid distances the bounded fit's iterations computed.
        public var computedDistanceFraction: Double
    }

    /// Fits `clusters` words on `samples x dimensions` seeded data shaped like PCA-reduced
    /// descriptors (independent normal components with variances falling as `1 / i`, as a
    /// principal-component spectrum does), `iterations` iterations (tolerance 0), one initialisation.
    public static func run(samples: Int = 300_000, dimensions: Int = 100, clusters: Int = 3000, iterations: Int = 30,
                           seed: UInt64 = 0) throws -> Result {
        var random = SeededRandom(seed: seed)
        var data = random.normalMatrix(rows: samples, cols: dimensions)
        let scales = (0..<dimensions).map { 1 / Float($0 + 1).squareRoot() }
        for r in 0..<samples { for j in 0..<dimensions { data[r, j] *= scales[j] } }
        return try run(on: data, clusters: clusters, iterations: iterations, seed: seed)
    }

    /// The same two fits on given rows (for example a sample of a run's PCA-reduced descriptors,
    /// `bench vocabulary --descriptors`), with at most as many words as rows.
    public static func run(on data: Matrix, clusters: Int = 3000, iterations: Int = 30, seed: UInt64 = 0) throws -> Result {
        let settings = KMeansSettings(clusters: min(clusters, data.rows), initializations: 1, maxIterations: iterations,
                                      tolerance: 0, seed: seed)
        var bounded: Vocabulary?, plain: Vocabulary?
        let seconds = try measureSeconds { bounded = try Vocabulary.fit(data, settings: settings, search: .yinyang) }
        let lloydSeconds = try measureSeconds { plain = try Vocabulary.fit(data, settings: settings, search: .exhaustive) }
        return Result(seconds: seconds, lloydSeconds: lloydSeconds, iterations: bounded!.costHistory.count,
                      identical: bounded!.centroids == plain!.centroids,
                      computedDistanceFraction: bounded!.computedDistanceFraction ?? 1)
    }
}
