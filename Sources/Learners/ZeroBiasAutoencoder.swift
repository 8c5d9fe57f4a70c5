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
                throw TrainingError.invalidConfiguration(model: kind, reason: "needs features >= 1, theta >= 0, initialNorm > 0")
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

/// The ZAE training step over the flat parameters `[W (D x K, row-major), c (D)]`.
///
/// Five products per batch, fused around them: `A = X W`; mask and `H` in one pass; `R = H W^T`;
/// one pass forms `E = (R + c - X) / B`, the cost, `sum E` and a copy of `X` under `E`;
/// `G = E W` masked in place into `Dlt`; then one sgemm of `[E; X]^T [H; Dlt]` (inner size 2B)
/// lands `decay * v + scale * dW` in the update directly.
final class ZAEObjective: GradientObjective {
    let d: Int, k: Int, maxRows: Int
    let activation: ZeroBiasAutoencoder.Activation
    let theta: Float
    /// `[H; Dlt]`, `2B x K`.
    private let hidden: Scratch
    /// `[E; X]`, `2B x D`.
    private let visible: Scratch
    /// `sum_n E`, length D.
    private let errorSum: Scratch

    init(dimension: Int, features: Int, activation: ZeroBiasAutoencoder.Activation, theta: Float, maxRows: Int) {
        d = dimension
        k = features
        self.maxRows = maxRows
        self.activation = activation
        self.theta = theta
        hidden = Scratch(2 * maxRows * features)
        visible = Scratch(2 * maxRows * dimension)
        errorSum = Scratch(dimension)
    }

    var parameterCount: Int { d * k + d }

    func step(parameters: UnsafePointer<Float>, batch x: UnsafePointer<Float>, rows: Int,
              update: UnsafeMutablePointer<Float>, scale: Float, decay: Float, random: inout SeededRandom) -> BatchStats {
        precondition(rows <= maxRows, "batch of \(rows) exceeds the \(maxRows) rows the buffers hold")
        let (d, k, theta) = (self.d, self.k, self.theta)
        let w = parameters, c = parameters + d * k
        let h = hidden.pointer, delta = hidden.pointer + rows * k
        let e = visible.pointer, xCopy = visible.pointer + rows * d
        let eSum = errorSum.pointer
        // A = X W, then H = A * mask in place.
        sgemm(.none, .none, m: rows, n: k, k: d, a: x, lda: d, b: w, ldb: k, c: h, ldc: k)
        var active = 0
        if activation == .trec {
            for i in 0..<(rows * k) { let a = h[i]; let on = a > theta; h[i] = on ? a : 0; active &+= on ? 1 : 0 }
        } else {
            for i in 0..<(rows * k) { let a = h[i]; let on = a * a > theta; h[i] = on ? a : 0; active &+= on ? 1 : 0 }
        }
        // R = H W^T, then E = (R + c - X) / B, cost, sum E and the copy of X.
        sgemm(.none, .transposed, m: rows, n: d, k: k, a: h, lda: k, b: w, ldb: k, c: e, ldc: d)
        let cost = reconstructionErrors(e: e, x: x, c: c, xCopy: xCopy, errorSum: eSum, rows: rows, d: d)
        // Dlt = (E W) * mask; with theta >= 0 the mask is exactly h != 0.
        sgemm(.none, .none, m: rows, n: k, k: d, a: e, lda: d, b: w, ldb: k, c: delta, ldc: k)
        for i in 0..<(rows * k) { delta[i] = h[i] == 0 ? 0 : delta[i] }
        // update_W = decay * update_W + scale * [E; X]^T [H; Dlt];  update_c likewise with sum E.
        sgemm(.transposed, .none, m: d, n: k, k: 2 * rows, alpha: scale, a: e, lda: d, b: h, ldb: k,
              beta: decay, c: update, ldc: k)
        blend(update + d * k, eSum, count: d, scale: scale, decay: decay)
        return BatchStats(cost: cost, active: active, units: rows * k)
    }
}

extension LearnerKind {
    /// The zero-bias autoencoder with the truncated rectified activation.
    public static let trec = zeroBias(.trec)
    /// The zero-bias autoencoder with the thresholded linear activation.
    public static let tlin = zeroBias(.tlin)

    private static func zeroBias(_ activation: ZeroBiasAutoencoder.Activation) -> LearnerKind {
        LearnerKind(kind: activation == .trec ? .trec : .tlin, modelType: ZeroBiasAutoencoder.self, filterArray: "W",
                    hasHiddenBias: false, paperMeanAP: activation == .trec ? 50.4 : 49.8) { request in
            ZeroBiasAutoencoder.Configuration(activation: activation, features: request.features, theta: request.training.theta,
                                              initialNorm: request.training.initialNorm, sgd: request.training.sgd)
        }
    }
}
