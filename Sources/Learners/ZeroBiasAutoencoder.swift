import CSparseKernels
import Linalg
import Support

/// A zero-bias autoencoder (ZAE, Konda, Memisevic and Krueger): tied weights `W` (`D x K`), no
/// hidden bias, a learned visible bias `c`.
///
/// Training uses the thresholded activation `h = a * mask(a)` with `a = W^T x` (TRec: `a > theta`;
/// TLin: `a^2 > theta`), reconstruction `r = W h + c` and loss `1/2 |r - x|^2` averaged over the
/// batch, with no regularisation. The mask is a constant in the gradient:
/// `dW = x (m * (W^T e))^T + e h^T`, `dc = e`, with `e = r - x`.
public struct ZeroBiasAutoencoder: LearnedModel, TiedWeightModel {
    /// The thresholded activation used in training.
    public enum Activation: String, SettingChoice, Sendable {
        /// Truncated rectified: active when `a > theta`.
        case trec
        /// Thresholded linear: active when `a^2 > theta` (Eq. 5 of the paper).
        case tlin

        /// Whether a unit with pre-activation `a` is active.
        @inline(__always)
        public func isActive(_ a: Float, theta: Float) -> Bool {
            self == .trec ? a > theta : a * a > theta
        }
    }

    /// ZAE hyperparameters.
    public struct Configuration: LearnerConfiguration {
        /// TRec or TLin.
        public var activation: Activation
        /// Number of hidden units K.
        public var features: Int
        /// The threshold theta (>= 0).
        public var theta: Double
        /// Length of the initial weight columns (training examples scaled to this length).
        public var initialNorm: Double
        /// The SGD schedule.
        public var sgd: MomentumSGD

        /// ZAE hyperparameters; the defaults are the paper's (600 features, theta 1).
        public init(activation: Activation, features: Int = 600, theta: Double = 1, initialNorm: Double = 1,
                    sgd: MomentumSGD = MomentumSGD()) {
            self.activation = activation
            self.features = features
            self.theta = theta
            self.initialNorm = initialNorm
            self.sgd = sgd
        }

        /// `.trec` or `.tlin`.
        public var kind: ModelKind { activation == .trec ? .trec : .tlin }

        /// Trains a ZAE on whitened rows.
        public func fit(_ data: Matrix, seed: UInt64, checkpoint: CheckpointPolicy? = nil,
                        progress: ProgressHandler? = nil) throws -> ZeroBiasAutoencoder {
            guard features >= 1, theta >= 0, initialNorm > 0 else {
                throw LearnerError.invalidConfiguration(model: kind, reason: "needs features >= 1, theta >= 0, initialNorm > 0")
            }
            try validate(data, dimension: data.cols, for: kind)
            let d = data.cols
            let objective = ZAEObjective(dimension: d, features: features, activation: activation, theta: Float(theta),
                                         maxRows: Swift.min(sgd.batchSize, data.rows))
            let run = TrainingRun(kind: kind, configuration: canonicalJSON(self), seed: seed, checkpoint: checkpoint)
            let (flat, record) = try sgd.minimize(objective, data: data, run: run, initialParameters: {
                var random = SeededRandom(seed: derivedSeed(seed, stream: 0))
                return exampleColumns(of: data, count: features, norm: Float(initialNorm), random: &random).storage
                    + [Float](repeating: 0, count: d)
            }, progress: progress)
            let parts = split(flat, sizes: [d * features, d])
            return ZeroBiasAutoencoder(configuration: self, weights: Matrix(rows: d, cols: features, storage: parts[0]),
                                       visibleBias: parts[1], record: record)
        }
    }

    /// The hyperparameters.
    public let configuration: Configuration
    /// The weights, `D x K`, one column per hidden unit.
    public let weights: Matrix
    /// The visible bias `c`, length D.
    public let visibleBias: [Float]
    /// The seed and history.
    public let record: TrainingRecord
    /// The inference `encode(_:)` uses (default: zero-bias ReLU).
    public var inference: Inference

    /// A model from its parts.
    public init(configuration: Configuration, weights: Matrix, visibleBias: [Float], record: TrainingRecord,
                inference: Inference = .zeroBiasReLU) {
        precondition(visibleBias.count == weights.rows && weights.cols == configuration.features, "ZAE parts disagree in size")
        self.configuration = configuration
        self.weights = weights
        self.visibleBias = visibleBias
        self.record = record
        self.inference = inference
    }

    /// `max(0, W^T x)` (also for `.reluWithBias`: there is no hidden bias), or for `.natural` the
    /// thresholded training activation `a * mask(a)`.
    public func encode(_ inputs: Matrix, inference: Inference) -> Matrix {
        var a = responses(inputs, weights)
        switch inference {
        case .zeroBiasReLU, .reluWithBias: return rectified(a)
        case .natural:
            let (activation, theta) = (configuration.activation, Float(configuration.theta))
            for i in 0..<a.storage.count where !activation.isActive(a.storage[i], theta: theta) { a.storage[i] = 0 }
            return a
        }
    }

    /// `W` (`D x K`) and `c` (`D`).
    public var arrays: [String: NPYArray] { ["W": NPYArray(weights), "c": NPYArray(visibleBias)] }

    /// `W`: `[D, K]`, `c`: `[D]`.
    public static func arrayShapes(configuration: Configuration, inputDimension d: Int) -> [String: [Int]] {
        ["W": [d, configuration.features], "c": [d]]
    }

    /// A model from stored arrays.
    public init(configuration: Configuration, inputDimension: Int, arrays: [String: [Float]], record: TrainingRecord,
                inference: Inference) {
        self.init(configuration: configuration,
                  weights: Matrix(rows: inputDimension, cols: configuration.features, storage: arrays["W"]!),
                  visibleBias: arrays["c"]!, record: record, inference: inference)
    }
}

/// The ZAE training step, sparse in the hidden units and shared between two cores.
///
/// The hidden units are thresholded, so most of `H` is zero (about 10 % of the units fire once
/// training settles): only `A = X W` needs a dense product. Each row's active units are listed
/// once, then the reconstruction `r = c + sum_active h_j w_j`, the masked back-propagated error
/// `dlt_j = e . w_j` and the weight gradient `e h^T + x dlt^T` touch only the active columns of
/// `W` (`CSparseKernels`, vectorised for the CPU). The step works on `[W^T (K x D, row-major),
/// c (D)]` so that each column of `W` is one contiguous row; `stepLayout`/`storedLayout` convert
/// from and to the stored `[W (D x K), c]`. The work is split in two fixed parts run on two
/// workers (`ParallelWork`: one on a one-CPU Slurm task): the units' halves for `A` and the
/// gradient (each part owns its rows of the update), the batch's halves for the reconstruction.
/// The updates are the dense formulation's exactly, summed in another order (results differ by
/// rounding only, and do not depend on the number of workers).
final class ZAEObjective: GradientObjective, @unchecked Sendable {
    let d: Int, k: Int, maxRows: Int
    let activation: ZeroBiasAutoencoder.Activation
    let theta: Float
    /// The first unit of the second part.
    private let unitSplit: Int
    /// `A = X W`, `B x K`.
    private let preActivations: Scratch
    /// Row `n`'s active units at `n * K`, in increasing order.
    private let activeUnits: UnsafeMutablePointer<Int32>
    /// Their activations `h`, at the same places.
    private let activeValues: Scratch
    /// Per row: how many units are active (at `2n + 1`) and how many of them come before `unitSplit` (at `2n`).
    private let activeCounts: UnsafeMutablePointer<Int>
    /// `E = (R - X) / B`, `B x D`.
    private let errors: Scratch
    /// `sum_n E` over each part's rows, `2 x D`.
    private let errorSums: Scratch
    /// Each part's cost (sum of squared errors).
    private let partCosts: UnsafeMutablePointer<Double>
    /// Each part's active units.
    private let partActive: UnsafeMutablePointer<Int>

    init(dimension: Int, features: Int, activation: ZeroBiasAutoencoder.Activation, theta: Float, maxRows: Int) {
        d = dimension
        k = features
        self.maxRows = maxRows
        self.activation = activation
        self.theta = theta
        unitSplit = features / 2
        preActivations = Scratch(maxRows * features)
        activeUnits = .allocate(capacity: Swift.max(maxRows * features, 1))
        activeUnits.initialize(repeating: 0, count: Swift.max(maxRows * features, 1))
        activeValues = Scratch(maxRows * features)
        activeCounts = .allocate(capacity: 2 * Swift.max(maxRows, 1))
        activeCounts.initialize(repeating: 0, count: 2 * Swift.max(maxRows, 1))
        errors = Scratch(maxRows * dimension)
        errorSums = Scratch(2 * dimension)
        partCosts = .allocate(capacity: 2)
        partCosts.initialize(repeating: 0, count: 2)
        partActive = .allocate(capacity: 2)
        partActive.initialize(repeating: 0, count: 2)
    }

    deinit {
        activeUnits.deallocate()
        activeCounts.deallocate()
        partCosts.deallocate()
        partActive.deallocate()
    }

    var parameterCount: Int { d * k + d }

    func stepLayout(_ stored: [Float]) -> [Float] { transposedLeading(stored, rows: d, cols: k) }

    func storedLayout(_ step: [Float]) -> [Float] { transposedLeading(step, rows: k, cols: d) }

    func step(parameters: UnsafePointer<Float>, batch x: UnsafePointer<Float>, rows: Int,
              update: UnsafeMutablePointer<Float>, scale: Float, decay: Float, random: inout SeededRandom) -> BatchStats {
        precondition(rows <= maxRows, "batch of \(rows) exceeds the \(maxRows) rows the buffers hold")
        let (d, k) = (self.d, self.k)
        nonisolated(unsafe) let (wt, x, update, c) = (parameters, x, update, parameters + d * k)
        ParallelWork.forEach(2) { part, _ in self.preActivate(part: part, wt: wt, x: x, rows: rows, update: update, decay: decay) }
        ParallelWork.forEach(2) { part, _ in self.reconstruct(part: part, wt: wt, c: c, x: x, rows: rows) }
        ParallelWork.forEach(2) { part, _ in self.accumulateGradient(part: part, wt: wt, x: x, rows: rows, update: update, scale: scale) }
        let sums = errorSums.pointer
        for j in 0..<d { sums[j] += sums[d + j] }
        blend(update + d * k, sums, count: d, scale: scale, decay: decay)
        return BatchStats(cost: (partCosts[0] + partCosts[1]) * 0.5 / Double(rows), active: partActive[0] + partActive[1],
                          units: rows * k)
    }

    /// The units of `part`.
    private func units(of part: Int) -> Range<Int> { part == 0 ? 0..<unitSplit : unitSplit..<k }

    /// Part `part`'s units: their rows of the update times `decay` (zero when `decay` is 0, as
    /// sgemm's beta), and their columns of `A = X W`.
    private func preActivate(part: Int, wt: UnsafePointer<Float>, x: UnsafePointer<Float>, rows: Int,
                             update: UnsafeMutablePointer<Float>, decay: Float) {
        let (d, k) = (self.d, self.k), units = units(of: part)
        let rowsOfUpdate = update + units.lowerBound * d, count = units.count * d
        if decay == 0 { rowsOfUpdate.update(repeating: 0, count: count) } else { for i in 0..<count { rowsOfUpdate[i] *= decay } }
        guard !units.isEmpty else { return }
        sgemm(.none, .transposed, m: rows, n: units.count, k: d, a: x, lda: d, b: wt + units.lowerBound * d, ldb: d,
              c: preActivations.pointer + units.lowerBound, ldc: k)
    }

    /// Part `part`'s rows of the batch: their active units, `E = (c + sum_active h_j w_j - X) / B`,
    /// their sum of `E`, cost and active count.
    private func reconstruct(part: Int, wt: UnsafePointer<Float>, c: UnsafePointer<Float>, x: UnsafePointer<Float>, rows: Int) {
        let d = self.d, inverse = 1 / Float(rows)
        let batchRows = part == 0 ? 0..<(rows / 2) : (rows / 2)..<rows
        let sum = errorSums.pointer + part * d
        sum.update(repeating: 0, count: d)
        var cost = 0.0, active = 0
        for n in batchRows {
            active += listActiveUnits(row: n)
            let er = errors.pointer + n * d
            let (units, values, count) = activeList(row: n, part: nil)
            zae_sparse_reconstruct(er, c, x + n * d, wt, d, units, values, count)
            cost += Double(squaredNorm(er, count: d))
            for j in 0..<d { er[j] *= inverse; sum[j] += er[j] }
        }
        partCosts[part] = cost
        partActive[part] = active
    }

    /// Part `part`'s units' rows of the update: `+= scale * sum_n (h_nj e_n + dlt_nj x_n)` over the
    /// rows where unit j is active, `dlt_nj = e_n . w_j` (the mask is the active list).
    private func accumulateGradient(part: Int, wt: UnsafePointer<Float>, x: UnsafePointer<Float>, rows: Int,
                                    update: UnsafeMutablePointer<Float>, scale: Float) {
        for n in 0..<rows {
            let (units, values, count) = activeList(row: n, part: part)
            zae_sparse_gradient(update, errors.pointer + n * d, x + n * d, wt, d, units, values, count, scale)
        }
    }

    /// Lists row `n`'s active units and their activations (branch-free compaction of `A`'s row)
    /// and returns how many there are.
    private func listActiveUnits(row n: Int) -> Int {
        let (k, theta) = (self.k, self.theta)
        let a = preActivations.pointer + n * k, units = activeUnits + n * k, values = activeValues.pointer + n * k
        var count = 0
        for part in 0..<2 {
            if activation == .trec {
                for j in self.units(of: part) { let v = a[j]; units[count] = Int32(j); values[count] = v; count &+= v > theta ? 1 : 0 }
            } else {
                for j in self.units(of: part) { let v = a[j]; units[count] = Int32(j); values[count] = v; count &+= v * v > theta ? 1 : 0 }
            }
            activeCounts[2 * n + part] = count
        }
        return count
    }

    /// Row `n`'s active units, their activations and their number, as `listActiveUnits` left them:
    /// all of them, or those of one part.
    @inline(__always)
    private func activeList(row n: Int, part: Int?) -> (units: UnsafePointer<Int32>, values: UnsafePointer<Float>, count: Int) {
        let first = part == 1 ? activeCounts[2 * n] : 0
        let end = part == 0 ? activeCounts[2 * n] : activeCounts[2 * n + 1]
        return (UnsafePointer(activeUnits + n * k + first), UnsafePointer(activeValues.pointer + n * k + first), end - first)
    }
}

extension LearnerKind {
    /// The zero-bias autoencoder with the truncated rectified activation.
    public static let trec = zeroBias(.trec)
    /// The zero-bias autoencoder with the thresholded linear activation.
    public static let tlin = zeroBias(.tlin)

    private static func zeroBias(_ activation: ZeroBiasAutoencoder.Activation) -> LearnerKind {
        LearnerKind(kind: activation == .trec ? .trec : .tlin, modelType: ZeroBiasAutoencoder.self, filterArray: "W",
                    hasHiddenBias: false, settings: LearnerSettings.Key.sgd + [.theta, .initialNorm], paperMeanAP: activation == .trec ? 50.4 : 49.8) { request in
            ZeroBiasAutoencoder.Configuration(activation: activation, features: request.features, theta: request.training.theta,
                                              initialNorm: request.training.initialNorm, sgd: request.training.sgd)
        }
    }
}
