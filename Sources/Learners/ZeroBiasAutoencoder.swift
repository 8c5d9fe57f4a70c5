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
/// once, then the reconstruction `r = c + sum_active h_j w_j` and, unit by unit over the rows
/// where the unit fires, the masked back-propagated error `dlt_j = e . w_j`, the weight gradient
/// `e h^T + x dlt^T`, the momentum step and (in `descend`) the weight update touch only the active
/// columns of `W` (`CSparseKernels`, vectorised for the CPU), each unit's velocity and weights
/// read and written once per batch. The step works on `[W^T (K x S, row-major), c (S)]`, each
/// column of `W` one contiguous row padded with zeros to `S`, the input dimension rounded up to a
/// multiple of 16 (the kernels' vector width); `stepLayout`/`storedLayout` convert from and to the
/// stored `[W (D x K), c]`. The work is split in two fixed parts run on two workers
/// (`PairedWorker`: the caller and a spinning helper thread; the caller alone on a one-CPU Slurm
/// task): the batch's halves for `A` and the reconstruction, then the units' halves for the
/// gradient and the updates (each part owns its rows of the velocity and weights). The updates are the dense formulation's exactly, summed in
/// another order (results differ by rounding only, and do not depend on the number of workers).
final class ZAEObjective: GradientObjective, @unchecked Sendable {
    let d: Int, k: Int, maxRows: Int
    /// The padded row length `S`: `d` rounded up to a multiple of 16.
    let stride: Int
    let activation: ZeroBiasAutoencoder.Activation
    let theta: Float
    /// The first unit of the second part.
    private let unitSplit: Int
    /// The batch with its rows padded to `stride`, `B x S`.
    private let examples: Scratch
    /// `A = X W`, `B x K`.
    private let preActivations: Scratch
    /// Row `n`'s active units at `n * K`, in increasing order.
    private let activeUnits: UnsafeMutablePointer<Int32>
    /// Their activations `h`, at the same places.
    private let activeValues: Scratch
    /// Per row: how many units are active (at `2n + 1`) and how many of them come before `unitSplit` (at `2n`).
    private let activeCounts: UnsafeMutablePointer<Int>
    /// Unit `j`'s active rows at `j * maxRows`, in increasing order.
    private let unitRows: UnsafeMutablePointer<Int32>
    /// Their activations, at the same places.
    private let unitValues: Scratch
    /// How many rows each unit fires in.
    private let unitCounts: UnsafeMutablePointer<Int>
    /// Each part's room for the unit kernel's coefficients, `2 x 2 maxRows`.
    private let coefficients: Scratch
    /// `E = (R - X) / B`, `B x S`.
    private let errors: Scratch
    /// `sum_n E` over each part's rows, `2 x S`.
    private let errorSums: Scratch
    /// Each part's cost (sum of squared errors).
    private let partCosts: UnsafeMutablePointer<Double>
    /// Each part's active units.
    private let partActive: UnsafeMutablePointer<Int>
    /// Runs the two parts of each round.
    private let parts = PairedWorker()

    /// The batch being stepped, for the rounds' two parts.
    private struct Batch {
        var wt: UnsafeMutablePointer<Float>, x: UnsafePointer<Float>, rows: Int
        var update: UnsafeMutablePointer<Float>, scale: Float, decay: Float, apply: Bool
    }

    /// Set by `run` before its rounds, read by their parts.
    private var batch: Batch?
    /// The two rounds of a step (made once: `PairedWorker` keeps them).
    private lazy var reconstructRound: @Sendable (Int) -> Void = { [unowned self] part in
        let b = self.batch!
        self.reconstruct(part: part, wt: b.wt, x: b.x, rows: b.rows)
    }
    private lazy var updateRound: @Sendable (Int) -> Void = { [unowned self] part in
        let b = self.batch!
        self.updateUnits(part: part, wt: b.wt, rows: b.rows, update: b.update, scale: b.scale, decay: b.decay, apply: b.apply)
    }

    init(dimension: Int, features: Int, activation: ZeroBiasAutoencoder.Activation, theta: Float, maxRows: Int) {
        d = dimension
        k = features
        stride = (dimension + 15) / 16 * 16
        self.maxRows = maxRows
        self.activation = activation
        self.theta = theta
        unitSplit = features / 2
        examples = Scratch(maxRows * stride)
        preActivations = Scratch(maxRows * features)
        activeUnits = .allocate(capacity: Swift.max(maxRows * features, 1))
        activeUnits.initialize(repeating: 0, count: Swift.max(maxRows * features, 1))
        activeValues = Scratch(maxRows * features)
        activeCounts = .allocate(capacity: 2 * Swift.max(maxRows, 1))
        activeCounts.initialize(repeating: 0, count: 2 * Swift.max(maxRows, 1))
        unitRows = .allocate(capacity: Swift.max(features * maxRows, 1))
        unitRows.initialize(repeating: 0, count: Swift.max(features * maxRows, 1))
        unitValues = Scratch(features * maxRows)
        unitCounts = .allocate(capacity: Swift.max(features, 1))
        unitCounts.initialize(repeating: 0, count: Swift.max(features, 1))
        coefficients = Scratch(4 * maxRows)
        errors = Scratch(maxRows * stride)
        errorSums = Scratch(2 * stride)
        partCosts = .allocate(capacity: 2)
        partCosts.initialize(repeating: 0, count: 2)
        partActive = .allocate(capacity: 2)
        partActive.initialize(repeating: 0, count: 2)
    }

    deinit {
        activeUnits.deallocate()
        activeCounts.deallocate()
        unitRows.deallocate()
        unitCounts.deallocate()
        partCosts.deallocate()
        partActive.deallocate()
    }

    var parameterCount: Int { d * k + d }

    /// `[W (D x K), c]` to `[W^T (K x S), c (S)]`, zero-padded.
    func stepLayout(_ stored: [Float]) -> [Float] {
        precondition(stored.count == parameterCount, "the vector is not [W, c]")
        var step = [Float](repeating: 0, count: (k + 1) * stride)
        for i in 0..<d {
            for j in 0..<k { step[j * stride + i] = stored[i * k + j] }
            step[k * stride + i] = stored[d * k + i]
        }
        return step
    }

    /// `[W^T (K x S), c (S)]` back to `[W (D x K), c]`.
    func storedLayout(_ step: [Float]) -> [Float] {
        precondition(step.count == (k + 1) * stride, "the vector is not in the step's layout")
        var stored = [Float](repeating: 0, count: parameterCount)
        for i in 0..<d {
            for j in 0..<k { stored[i * k + j] = step[j * stride + i] }
            stored[d * k + i] = step[k * stride + i]
        }
        return stored
    }

    func step(parameters: UnsafePointer<Float>, batch x: UnsafePointer<Float>, rows: Int,
              update: UnsafeMutablePointer<Float>, scale: Float, decay: Float, random: inout SeededRandom) -> BatchStats {
        // Never written: `apply` is false.
        run(parameters: UnsafeMutablePointer(mutating: parameters), batch: x, rows: rows, update: update, scale: scale,
            decay: decay, apply: false)
    }

    func descend(parameters: UnsafeMutableBufferPointer<Float>, velocity: UnsafeMutableBufferPointer<Float>,
                 batch x: UnsafePointer<Float>, rows: Int, rate: Float, momentum: Float, random: inout SeededRandom) -> BatchStats {
        run(parameters: parameters.baseAddress!, batch: x, rows: rows, update: velocity.baseAddress!, scale: -rate,
            decay: momentum, apply: true)
    }

    /// `update = decay * update + scale * g`, then with `apply` `parameters += update`.
    private func run(parameters: UnsafeMutablePointer<Float>, batch x: UnsafePointer<Float>, rows: Int,
                     update: UnsafeMutablePointer<Float>, scale: Float, decay: Float, apply: Bool) -> BatchStats {
        precondition(rows <= maxRows, "batch of \(rows) exceeds the \(maxRows) rows the buffers hold")
        let (k, stride) = (self.k, self.stride)
        batch = Batch(wt: parameters, x: x, rows: rows, update: update, scale: scale, decay: decay, apply: apply)
        parts.run(reconstructRound)
        parts.run(updateRound)
        batch = nil
        let sums = errorSums.pointer, c = parameters + k * stride, velocity = update + k * stride
        for j in 0..<stride { sums[j] += sums[stride + j] }
        blend(velocity, sums, count: stride, scale: scale, decay: decay)
        if apply { for j in 0..<stride { c[j] += velocity[j] } }
        return BatchStats(cost: (partCosts[0] + partCosts[1]) * 0.5 / Double(rows), active: partActive[0] + partActive[1],
                          units: rows * k)
    }

    /// The units of `part`.
    private func units(of part: Int) -> Range<Int> { part == 0 ? 0..<unitSplit : unitSplit..<k }

    /// Part `part`'s rows of the batch: padded, their `A = X W`, their active units,
    /// `E = (c + sum_active h_j w_j - X) / B`, their sum of `E`, cost and active count.
    private func reconstruct(part: Int, wt: UnsafePointer<Float>, x: UnsafePointer<Float>, rows: Int) {
        let (d, k, stride) = (self.d, self.k, self.stride), inverse = 1 / Float(rows)
        let batchRows = part == 0 ? 0..<(rows / 2) : (rows / 2)..<rows
        let sum = errorSums.pointer + part * stride, xp = examples.pointer, c = wt + k * stride
        sum.update(repeating: 0, count: stride)
        var cost = 0.0, active = 0
        if !batchRows.isEmpty {
            for n in batchRows { (xp + n * stride).update(from: x + n * d, count: d) }
            sgemm(.none, .transposed, m: batchRows.count, n: k, k: d, a: xp + batchRows.lowerBound * stride, lda: stride,
                  b: wt, ldb: stride, c: preActivations.pointer + batchRows.lowerBound * k, ldc: k)
        }
        for n in batchRows {
            active += listActiveUnits(row: n)
            let (units, values, count) = activeList(row: n, part: nil)
            cost += Double(zae_sparse_reconstruct(errors.pointer + n * stride, sum, c, xp + n * stride, wt, stride,
                                                  units, values, count, inverse))
        }
        partCosts[part] = cost
        partActive[part] = active
    }

    /// Part `part`'s units: each one's rows of the update `= decay * update + scale * sum_n (h_nj e_n
    /// + dlt_nj x_n)` over the rows where unit j is active (in the batch's order), `dlt_nj = e_n . w_j`,
    /// then with `apply` its weights `+=` its update.
    private func updateUnits(part: Int, wt: UnsafeMutablePointer<Float>, rows: Int, update: UnsafeMutablePointer<Float>,
                             scale: Float, decay: Float, apply: Bool) {
        let (stride, maxRows) = (self.stride, self.maxRows), units = units(of: part)
        for j in units { unitCounts[j] = 0 }
        for n in 0..<rows {
            let (list, values, count) = activeList(row: n, part: part)
            for t in 0..<count {
                let j = Int(list[t]), slot = j * maxRows + unitCounts[j]
                unitRows[slot] = Int32(n)
                unitValues.pointer[slot] = values[t]
                unitCounts[j] += 1
            }
        }
        let scratch = coefficients.pointer + part * 2 * maxRows
        for j in units {
            zae_unit_step(wt + j * stride, update + j * stride, errors.pointer, examples.pointer, stride, unitRows + j * maxRows,
                          unitValues.pointer + j * maxRows, unitCounts[j], scale, decay, apply ? 1 : 0, scratch)
        }
    }

    /// Lists row `n`'s active units and their activations, each part's in turn, and returns how many there are.
    private func listActiveUnits(row n: Int) -> Int {
        let (k, split) = (self.k, unitSplit), squared: Int32 = activation == .tlin ? 1 : 0
        let a = preActivations.pointer + n * k, units = activeUnits + n * k, values = activeValues.pointer + n * k
        let first = zae_list_active(units, values, a, 0, split, theta, squared)
        let count = first + zae_list_active(units + first, values + first, a, split, k, theta, squared)
        activeCounts[2 * n] = first
        activeCounts[2 * n + 1] = count
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
