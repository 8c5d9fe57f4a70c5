import Linalg

/// A contractive autoencoder (Rifai et al. 2011): `h = sigmoid(W^T x + b)`, tied linear decoder
/// `r = W h + c`, cost `1/2 |r - x|^2 + lambda * sum_j (h_j (1 - h_j))^2 |w_j|^2`, averaged over the batch.
///
/// Penalty gradient: the exact derivative of that penalty, factor 2 included
/// (`d/dw_j = 2 lambda s_j^2 w_j + 2 lambda s_j^2 (1 - 2 h_j) |w_j|^2 x` with `s = h (1 - h)`).
/// Reference codes that drop the 2 train as this one does at half the strength.
public struct ContractiveAutoencoder: LearnedModel, TiedWeightModel {
    /// cAE hyperparameters.
    public struct Configuration: LearnerConfiguration {
        /// Number of hidden units K.
        public var features: Int
        /// The contraction strength lambda (negative: "uncontraction").
        public var strength: Double
        /// Length of the initial weight columns (training examples scaled to this length).
        public var initialNorm: Double
        /// The SGD schedule.
        public var sgd: MomentumSGD

        /// cAE hyperparameters (the paper tries strengths 1, 2, 3 and -3).
        public init(features: Int = 600, strength: Double = 1, initialNorm: Double = 1, sgd: MomentumSGD = MomentumSGD()) {
            self.features = features
            self.strength = strength
            self.initialNorm = initialNorm
            self.sgd = sgd
        }

        /// `.cae`.
        public var kind: ModelKind { .cae }

        /// Trains a cAE on whitened rows.
        public func fit(_ data: Matrix, seed: UInt64, checkpoint: CheckpointPolicy? = nil,
                        progress: ProgressHandler? = nil) throws -> ContractiveAutoencoder {
            guard features >= 1, initialNorm > 0, strength.isFinite else {
                throw LearnerError.invalidConfiguration(model: kind, reason: "needs features >= 1, initialNorm > 0, finite strength")
            }
            try validate(data, dimension: data.cols, for: kind)
            let d = data.cols
            let objective = CAEObjective(dimension: d, features: features, strength: Float(strength),
                                         maxRows: Swift.min(sgd.batchSize, data.rows))
            let run = TrainingRun(kind: kind, configuration: canonicalJSON(self), seed: seed, checkpoint: checkpoint)
            let (flat, record) = try sgd.minimize(objective, data: data, run: run, initialParameters: {
                var random = SeededRandom(seed: derivedSeed(seed, stream: 0))
                return exampleColumns(of: data, count: features, norm: Float(initialNorm), random: &random).storage
                    + [Float](repeating: 0, count: features + d)
            }, progress: progress)
            let parts = split(flat, sizes: [d * features, features, d])
            return ContractiveAutoencoder(configuration: self, weights: Matrix(rows: d, cols: features, storage: parts[0]),
                                          hiddenBias: parts[1], visibleBias: parts[2], record: record)
        }
    }

    /// The hyperparameters.
    public let configuration: Configuration
    /// The weights, `D x K`.
    public let weights: Matrix
    /// The hidden bias `b`, length K.
    public let hiddenBias: [Float]
    /// The visible bias `c`, length D.
    public let visibleBias: [Float]
    /// The seed and history.
    public let record: TrainingRecord
    /// The inference `encode(_:)` uses (default: zero-bias ReLU).
    public var inference: Inference

    /// A model from its parts.
    public init(configuration: Configuration, weights: Matrix, hiddenBias: [Float], visibleBias: [Float],
                record: TrainingRecord, inference: Inference = .zeroBiasReLU) {
        precondition(hiddenBias.count == weights.cols && visibleBias.count == weights.rows
                     && weights.cols == configuration.features, "cAE parts disagree in size")
        self.configuration = configuration
        self.weights = weights
        self.hiddenBias = hiddenBias
        self.visibleBias = visibleBias
        self.record = record
        self.inference = inference
    }

    /// `max(0, W^T x)`, `max(0, W^T x + b)` or the natural `sigmoid(W^T x + b)`.
    public func encode(_ inputs: Matrix, inference: Inference) -> Matrix {
        switch inference {
        case .zeroBiasReLU: return rectified(responses(inputs, weights))
        case .reluWithBias: return rectified(responses(inputs, weights, bias: hiddenBias))
        case .natural:
            var a = responses(inputs, weights, bias: hiddenBias)
            for i in 0..<a.storage.count { a.storage[i] = sigmoid(a.storage[i]) }
            return a
        }
    }

    /// `W` (`D x K`), `b` (`K`), `c` (`D`).
    public var arrays: [String: NPYArray] {
        ["W": NPYArray(weights), "b": NPYArray(hiddenBias), "c": NPYArray(visibleBias)]
    }

    /// `W`: `[D, K]`, `b`: `[K]`, `c`: `[D]`.
    public static func arrayShapes(configuration: Configuration, inputDimension d: Int) -> [String: [Int]] {
        ["W": [d, configuration.features], "b": [configuration.features], "c": [d]]
    }

    /// A model from stored arrays.
    public init(configuration: Configuration, inputDimension: Int, arrays: [String: [Float]], record: TrainingRecord,
                inference: Inference) {
        self.init(configuration: configuration,
                  weights: Matrix(rows: inputDimension, cols: configuration.features, storage: arrays["W"]!),
                  hiddenBias: arrays["b"]!, visibleBias: arrays["c"]!, record: record, inference: inference)
    }
}

/// The cAE training step over the flat parameters `[W (D x K), b (K), c (D)]`, fused like the ZAE
/// step: the weight gradient `[E; X]^T [H; Dlt]` is one sgemm into the update, plus the penalty's
/// direct term `2 lambda / B * sum_n s^2 * w_j` per column.
final class CAEObjective: GradientObjective {
    let d: Int, k: Int, maxRows: Int
    let strength: Float
    private let hidden: Scratch, visible: Scratch
    private let errorSum: Scratch, deltaSum: Scratch, squareNorms: Scratch, slopeSquares: Scratch

    init(dimension: Int, features: Int, strength: Float, maxRows: Int) {
        d = dimension
        k = features
        self.maxRows = maxRows
        self.strength = strength
        hidden = Scratch(2 * maxRows * features)
        visible = Scratch(2 * maxRows * dimension)
        errorSum = Scratch(dimension)
        deltaSum = Scratch(features)
        squareNorms = Scratch(features)
        slopeSquares = Scratch(features)
    }

    var parameterCount: Int { d * k + k + d }

    func step(parameters: UnsafePointer<Float>, batch x: UnsafePointer<Float>, rows: Int,
              update: UnsafeMutablePointer<Float>, scale: Float, decay: Float, random: inout SeededRandom) -> BatchStats {
        precondition(rows <= maxRows, "batch of \(rows) exceeds the \(maxRows) rows the buffers hold")
        let (d, k) = (self.d, self.k)
        let w = parameters, b = parameters + d * k, c = b + k
        let h = hidden.pointer, delta = hidden.pointer + rows * k
        let e = visible.pointer
        let (eSum, dSum, norms, s2Sum) = (errorSum.pointer, deltaSum.pointer, squareNorms.pointer, slopeSquares.pointer)
        sgemm(.none, .none, m: rows, n: k, k: d, a: x, lda: d, b: w, ldb: k, c: h, ldc: k)
        for n in 0..<rows {
            let hr = h + n * k
            for j in 0..<k { hr[j] = sigmoid(hr[j] + b[j]) }
        }
        sgemm(.none, .transposed, m: rows, n: d, k: k, a: h, lda: k, b: w, ldb: k, c: e, ldc: d)
        let reconstruction = reconstructionErrors(e: e, x: x, c: c, xCopy: visible.pointer + rows * d, errorSum: eSum, rows: rows, d: d)
        // |w_j|^2 per column.
        for j in 0..<k { norms[j] = 0 }
        for i in 0..<d {
            let wr = w + i * k
            for j in 0..<k { norms[j] += wr[j] * wr[j] }
        }
        // Dlt = (E W) * s + (2 lambda / B) s^2 (1 - 2h) |w|^2, with s = h (1 - h).
        sgemm(.none, .none, m: rows, n: k, k: d, a: e, lda: d, b: w, ldb: k, c: delta, ldc: k)
        let inverse = 1 / Float(rows)
        let twoLambda = 2 * strength * inverse
        var penalty: Double = 0
        for j in 0..<k { dSum[j] = 0; s2Sum[j] = 0 }
        for n in 0..<rows {
            let hr = h + n * k, dr = delta + n * k
            var rowPenalty: Float = 0
            for j in 0..<k {
                let hv = hr[j], s = hv * (1 - hv), s2 = s * s
                let value = dr[j] * s + twoLambda * s2 * (1 - 2 * hv) * norms[j]
                dr[j] = value
                dSum[j] += value
                s2Sum[j] += s2
                rowPenalty += s2 * norms[j]
            }
            penalty += Double(rowPenalty)
        }
        sgemm(.transposed, .none, m: d, n: k, k: 2 * rows, alpha: scale, a: e, lda: d, b: h, ldb: k,
              beta: decay, c: update, ldc: k)
        for j in 0..<k { s2Sum[j] *= scale * twoLambda }
        for i in 0..<d {
            let ur = update + i * k, wr = w + i * k
            for j in 0..<k { ur[j] += s2Sum[j] * wr[j] }
        }
        blend(update + d * k, dSum, count: k, scale: scale, decay: decay)
        blend(update + d * k + k, eSum, count: d, scale: scale, decay: decay)
        return BatchStats(cost: reconstruction + Double(strength) * penalty / Double(rows))
    }
}

extension LearnerKind {
    /// The contractive autoencoder.
    public static let cae = LearnerKind(kind: .cae, modelType: ContractiveAutoencoder.self, filterArray: "W", hasHiddenBias: true,
                                        settings: LearnerSettings.Key.sgd + [.contraction, .initialNorm], paperMeanAP: 45.2) { request in
        ContractiveAutoencoder.Configuration(features: request.features, strength: request.training.contraction,
                                             initialNorm: request.training.initialNorm, sgd: request.training.sgd)
    }
}
