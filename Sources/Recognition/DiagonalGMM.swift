import Foundation
import Linalg

/// Every hyperparameter of a diagonal-covariance Gaussian mixture fit.
public struct GMMSettings: Sendable, Equatable, Codable {
    /// Number of Gaussians K.
    public var components: Int
    /// EM iterations at most.
    public var maxIterations: Int
    /// EM stops when an iteration raises the mean log-likelihood per descriptor by less than this.
    public var tolerance: Double
    /// Each variance is at least this fraction of the data's variance along its dimension.
    public var varianceFloor: Double
    /// Lloyd iterations of the K-means that initialises the means.
    public var kMeansIterations: Int
    /// Seed of the K-means initialisation.
    public var seed: UInt64

    /// Settings; the defaults suit PCA-reduced descriptors.
    public init(components: Int = 256, maxIterations: Int = 30, tolerance: Double = 1e-4, varianceFloor: Double = 1e-3,
                kMeansIterations: Int = 10, seed: UInt64 = 0) {
        self.components = components
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.varianceFloor = varianceFloor
        self.kMeansIterations = kMeansIterations
        self.seed = seed
    }
}

/// A Gaussian mixture with diagonal covariances, fit by expectation-maximisation.
///
/// The log-density of every descriptor under every Gaussian is one sgemm of the stacked rows
/// `[x^2, x]` (`N x 2D`) against `[-1/(2 s^2), mu/s^2]` (`K x 2D`); the M-step's sufficient
/// statistics are one sgemm of the posteriors' transpose against the same stacked rows.
public struct DiagonalGMM: Sendable, Equatable {
    /// Mixture weights w_k (summing to 1).
    public let weights: [Float]
    /// Means mu_k, one row each (`K x D`).
    public let means: Matrix
    /// Variances s_k^2, one row each (`K x D`).
    public let variances: Matrix
    /// Mean log-likelihood per descriptor before each M-step of the fit (never falling); empty for a stored mixture.
    public let logLikelihoodHistory: [Double]

    /// A mixture from stored parameters.
    public init(weights: [Float], means: Matrix, variances: Matrix) {
        self.init(weights: weights, means: means, variances: variances, history: [])
    }

    init(weights: [Float], means: Matrix, variances: Matrix, history: [Double]) {
        precondition(weights.count == means.rows && means.rows == variances.rows && means.cols == variances.cols,
                     "\(weights.count) weights, means \(means.rows) x \(means.cols), variances \(variances.rows) x \(variances.cols)")
        self.weights = weights
        self.means = means
        self.variances = variances
        self.logLikelihoodHistory = history
    }

    /// Number of Gaussians K.
    public var componentCount: Int { means.rows }
    /// Descriptor dimensionality D.
    public var dimension: Int { means.cols }

    /// Fits a mixture to the rows of `data` (`N x D`, N >= K): K-means places the means, its hard
    /// assignment gives the first weights and variances, then EM runs to convergence.
    public static func fit(_ data: Matrix, settings: GMMSettings = GMMSettings()) throws(RecognitionError) -> DiagonalGMM {
        guard settings.components >= 1, settings.maxIterations >= 1, settings.kMeansIterations >= 1 else {
            throw .invalidSetting("a Gaussian mixture needs positive components and iterations")
        }
        guard settings.varianceFloor > 0 else { throw .invalidSetting("the GMM variance floor must be positive") }
        guard data.rows >= settings.components else {
            throw .invalidSetting("a Gaussian mixture of \(settings.components) components needs at least as many descriptors, got \(data.rows)")
        }
        let vocabulary = try Vocabulary.fit(data, settings: KMeansSettings(clusters: settings.components, initializations: 1,
                                                                           maxIterations: settings.kMeansIterations, seed: settings.seed))
        let stacked = stackedSquares(data)
        let floor = varianceFloor(data, fraction: settings.varianceFloor)
        var hard = Matrix(rows: data.rows, cols: settings.components)
        for (r, word) in vocabulary.nearestWords(data).enumerated() { hard[r, word] = 1 }
        var gmm = maximisation(posteriors: hard, stacked: stacked, floor: floor)
        var history: [Double] = []
        var posteriors = Matrix(rows: data.rows, cols: settings.components)
        for _ in 0..<settings.maxIterations {
            let logLikelihood = gmm.posteriors(stacked: stacked, into: &posteriors) / Double(data.rows)
            history.append(logLikelihood)
            gmm = maximisation(posteriors: posteriors, stacked: stacked, floor: floor)
            if history.count >= 2 && history[history.count - 1] - history[history.count - 2] < settings.tolerance { break }
        }
        return DiagonalGMM(weights: gmm.weights, means: gmm.means, variances: gmm.variances, history: history)
    }

    /// The posterior probability of each Gaussian for each row of `data` (`N x K`, rows summing to 1).
    public func posteriors(_ data: Matrix) -> Matrix {
        var out = Matrix(rows: data.rows, cols: componentCount)
        _ = posteriors(stacked: Self.stackedSquares(data), into: &out)
        return out
    }

    /// The mean log-likelihood per row of `data`.
    public func meanLogLikelihood(_ data: Matrix) -> Double {
        var out = Matrix(rows: data.rows, cols: componentCount)
        return posteriors(stacked: Self.stackedSquares(data), into: &out) / Double(max(data.rows, 1))
    }

    /// Rows `[x^2, x]` (`N x 2D`) of `data`.
    static func stackedSquares(_ data: Matrix) -> Matrix {
        let d = data.cols
        var out = Matrix(rows: data.rows, cols: 2 * d)
        data.storage.withUnsafeBufferPointer { x in
            out.storage.withUnsafeMutableBufferPointer { o in
                for r in 0..<data.rows {
                    for c in 0..<d {
                        let v = x[r * d + c]
                        o[r * 2 * d + c] = v * v
                        o[r * 2 * d + d + c] = v
                    }
                }
            }
        }
        return out
    }

    /// `fraction` times the variance of each column of `data`.
    static func varianceFloor(_ data: Matrix, fraction: Double) -> [Double] {
        let means = data.columnMeans()
        var sums = [Double](repeating: 0, count: data.cols)
        for r in 0..<data.rows {
            for c in 0..<data.cols { let e = Double(data[r, c] - means[c]); sums[c] += e * e }
        }
        return sums.map { max(fraction * $0 / Double(max(data.rows, 1)), Double(Float.leastNormalMagnitude)) }
    }

    /// Writes each row's posteriors into `posteriors` (`N x K`) and returns the total log-likelihood.
    func posteriors(stacked: Matrix, into posteriors: inout Matrix) -> Double {
        let k = componentCount, d = dimension
        var coefficients = Matrix(rows: k, cols: 2 * d)
        var constants = [Double](repeating: 0, count: k)
        let logTwoPi = log(2 * Double.pi)
        for j in 0..<k {
            var constant = log(Double(weights[j]))
            for c in 0..<d {
                let variance = Double(variances[j, c]), mean = Double(means[j, c])
                coefficients[j, c] = Float(-0.5 / variance)
                coefficients[j, d + c] = Float(mean / variance)
                constant -= 0.5 * (logTwoPi + log(variance) + mean * mean / variance)
            }
            constants[j] = constant
        }
        posteriors.multiply(stacked, .none, coefficients, .transposed)
        var total = 0.0
        posteriors.storage.withUnsafeMutableBufferPointer { p in
            var logDensity = [Double](repeating: 0, count: k)
            for r in 0..<posteriors.rows {
                var largest = -Double.infinity
                for j in 0..<k {
                    logDensity[j] = Double(p[r * k + j]) + constants[j]
                    largest = max(largest, logDensity[j])
                }
                var sum = 0.0
                for j in 0..<k { logDensity[j] = exp(logDensity[j] - largest); sum += logDensity[j] }
                for j in 0..<k { p[r * k + j] = Float(logDensity[j] / sum) }
                total += largest + log(sum)
            }
        }
        return total
    }

    /// The M-step: weights, means and (floored) variances from the posteriors (`N x K`) of the stacked rows.
    static func maximisation(posteriors: Matrix, stacked: Matrix, floor: [Double]) -> DiagonalGMM {
        let k = posteriors.cols, d = stacked.cols / 2, n = posteriors.rows
        var statistics = Matrix(rows: k, cols: 2 * d)
        statistics.multiply(posteriors, .transposed, stacked, .none)
        var counts = [Double](repeating: 0, count: k)
        for r in 0..<n { for j in 0..<k { counts[j] += Double(posteriors[r, j]) } }
        var means = Matrix(rows: k, cols: d), variances = Matrix(rows: k, cols: d)
        var weights = [Float](repeating: 0, count: k)
        for j in 0..<k {
            weights[j] = Float(counts[j] / Double(n))
            for c in 0..<d {
                // A Gaussian that lost every descriptor keeps a finite shape (it has weight 0).
                let mean = counts[j] > 0 ? Double(statistics[j, d + c]) / counts[j] : 0
                let second = counts[j] > 0 ? Double(statistics[j, c]) / counts[j] : 0
                means[j, c] = Float(mean)
                variances[j, c] = Float(max(second - mean * mean, floor[c]))
            }
        }
        return DiagonalGMM(weights: weights, means: means, variances: variances)
    }
}

extension DiagonalGMM {
    /// The mixture as one matrix, as runs store it: per Gaussian a row of its weight, means and variances (`K x (1 + 2D)`).
    public var packed: Matrix {
        let d = dimension
        var stored = Matrix(rows: componentCount, cols: 1 + 2 * d)
        for k in 0..<componentCount {
            stored[k, 0] = weights[k]
            for c in 0..<d { stored[k, 1 + c] = means[k, c]; stored[k, 1 + d + c] = variances[k, c] }
        }
        return stored
    }

    /// The mixture `packed` stores; nil when its width is not `1 + 2D` for some D >= 1.
    public init?(packed: Matrix) {
        guard packed.cols >= 3, (packed.cols - 1) % 2 == 0, packed.rows >= 1 else { return nil }
        let d = (packed.cols - 1) / 2
        self.init(weights: packed.column(0), means: packed.columns(1..<(1 + d)), variances: packed.columns((1 + d)..<(1 + 2 * d)))
    }
}
