import Foundation
import Linalg
import Support

/// Spherical K-means on whitened data (Coates and Ng): unit-norm centroids, each example assigned
/// to the centroid with the largest `|d^T x|` and coded by that projection `s`.
///
/// The cost is the mean squared distance to the scaled centroid, `|x|^2 - s^2` per example. An
/// iteration sets each centroid to the normalised `sum s x + d_old` over its examples (the old
/// centroid keeps empty clusters in place); that is a power-iteration step on the cluster's
/// scatter matrix plus the identity, so the cost never rises. Encoding: `max(0, D^T x)`.
public struct SphericalKMeans: LearnedModel {
    /// K-means hyperparameters.
    public struct Configuration: LearnerConfiguration {
        /// Number of centroids K.
        public var features: Int
        /// Number of iterations (each reported as an epoch).
        public var iterations: Int
        /// Rows per chunk of the assignment products (bounds memory at `chunk x K`).
        public var chunkRows: Int

        /// K-means hyperparameters.
        public init(features: Int = 600, iterations: Int = 10, chunkRows: Int = 4096) {
            self.features = features
            self.iterations = iterations
            self.chunkRows = chunkRows
        }

        /// `.kmeans`.
        public var kind: ModelKind { .kmeans }

        /// Runs spherical K-means from centroids drawn from the data.
        public func fit(_ data: Matrix, seed: UInt64, checkpoint: CheckpointPolicy? = nil,
                        progress: ProgressHandler? = nil) throws -> SphericalKMeans {
            guard features >= 1, iterations >= 1, chunkRows >= 1 else {
                throw LearnerError.invalidConfiguration(model: kind, reason: "needs features, iterations, chunkRows >= 1")
            }
            try validate(data, dimension: data.cols, for: kind)
            let run = TrainingRun(kind: kind, configuration: canonicalJSON(self), seed: seed, checkpoint: checkpoint)
            let fingerprint = DataFingerprint(data, needed: checkpoint != nil)
            var centroids: Matrix, record: TrainingRecord
            if let state = try run.resumableState(data: fingerprint) {
                centroids = Matrix(rows: data.cols, cols: features, storage: state.parameters)
                record = state.record
            } else {
                var random = SeededRandom(seed: derivedSeed(seed, stream: 0))
                centroids = exampleColumns(of: data, count: features, norm: 1, random: &random)
                record = TrainingRecord(seed: seed)
            }
            for iteration in (record.epochs.count + 1)..<(iterations + 1) {
                let stopwatch = Stopwatch()
                let (next, cost) = refine(centroids, on: data)
                centroids = next
                let report = EpochReport(epoch: iteration, cost: cost, seconds: stopwatch.seconds)
                record.epochs.append(report)
                try run.saveCheckpoint(record: record, parameters: centroids.storage, velocity: [], data: fingerprint)
                try progress?(report)
            }
            return SphericalKMeans(configuration: self, centroids: centroids, record: record)
        }

        /// One assignment-and-update pass: the updated centroids and the cost of the assignment
        /// under the centroids passed in.
        func refine(_ centroids: Matrix, on data: Matrix) -> (Matrix, Double) {
            let (d, k) = (data.cols, features)
            var sums = centroids.transposed   // K x D: row j accumulates d_j + sum s x over cluster j
            var cost = 0.0
            var start = 0
            while start < data.rows {
                let chunk = data.rows(start..<Swift.min(start + chunkRows, data.rows))
                let projections = Matrix.product(chunk, .none, centroids, .none)
                for n in 0..<chunk.rows {
                    var best = 0, bestValue: Float = 0
                    for j in 0..<k where abs(projections[n, j]) > abs(bestValue) { best = j; bestValue = projections[n, j] }
                    var squared: Float = 0
                    for i in 0..<d {
                        let v = chunk[n, i]
                        squared += v * v
                        sums[best, i] += bestValue * v
                    }
                    cost += Double(squared) - Double(bestValue) * Double(bestValue)
                }
                start += chunkRows
            }
            for j in 0..<k {
                var norm: Float = 0
                for i in 0..<d { norm += sums[j, i] * sums[j, i] }
                norm = norm.squareRoot()
                for i in 0..<d { sums[j, i] = norm > 0 ? sums[j, i] / norm : centroids[i, j] }
            }
            return (sums.transposed, cost / Double(data.rows))
        }
    }

    /// The hyperparameters.
    public let configuration: Configuration
    /// Unit-norm centroids as columns, `D x K`.
    public let centroids: Matrix
    /// The seed and per-iteration history.
    public let record: TrainingRecord
    /// The inference `encode(_:)` uses (default: zero-bias ReLU).
    public var inference: Inference

    /// A model from its parts.
    public init(configuration: Configuration, centroids: Matrix, record: TrainingRecord, inference: Inference = .zeroBiasReLU) {
        precondition(centroids.cols == configuration.features, "K-means parts disagree in size")
        self.configuration = configuration
        self.centroids = centroids
        self.record = record
        self.inference = inference
    }

    /// D.
    public var inputDimension: Int { centroids.rows }
    /// K.
    public var featureCount: Int { centroids.cols }

    /// `max(0, D^T x)` (also `.reluWithBias`: there is no bias), or for `.natural` the hard
    /// assignment: the winning centroid's projection in its column, zero elsewhere.
    public func encode(_ inputs: Matrix, inference: Inference) -> Matrix {
        let a = responses(inputs, centroids)
        guard inference == .natural else { return rectified(a) }
        var out = Matrix(rows: a.rows, cols: a.cols)
        for n in 0..<a.rows {
            var best = 0
            for j in 0..<a.cols where abs(a[n, j]) > abs(a[n, best]) { best = j }
            out[n, best] = a[n, best]
        }
        return out
    }

    /// `D` (`D x K`, the centroids).
    public var arrays: [String: NPYArray] { ["D": NPYArray(centroids)] }

    /// `D`: `[D, K]`.
    public static func arrayShapes(configuration: Configuration, inputDimension d: Int) -> [String: [Int]] {
        ["D": [d, configuration.features]]
    }

    /// A model from stored arrays.
    public init(configuration: Configuration, inputDimension: Int, arrays: [String: [Float]], record: TrainingRecord,
                inference: Inference) {
        self.init(configuration: configuration,
                  centroids: Matrix(rows: inputDimension, cols: configuration.features, storage: arrays["D"]!),
                  record: record, inference: inference)
    }
}

extension LearnerKind {
    /// Spherical K-means; its filters are the centroids D.
    public static let kmeans = LearnerKind(kind: .kmeans, modelType: SphericalKMeans.self, filterArray: "D", hasHiddenBias: false,
                                           settings: [.epochs, .kmeansIterations], passes: kmeansPasses,
                                           rankFilters: RankedFilters.byLength("centroids", note: "length (all 1: stored order)"),
                                           paperMeanAP: 41.0) { request in
        SphericalKMeans.Configuration(features: request.features, iterations: kmeansPasses(request.training))
    }

    /// K-means counts its passes in `kmeansIterations` (0: `epochs`).
    private static func kmeansPasses(_ training: LearnerSettings) -> Int {
        training.kmeansIterations > 0 ? training.kmeansIterations : training.epochs
    }
}
