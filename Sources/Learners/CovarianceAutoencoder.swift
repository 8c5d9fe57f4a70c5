import Linalg

/// A covariance autoencoder (Memisevic 2011; the single-input gated autoencoder).
///
/// Factors `f = U^T x` (`U`: `D x F`), mapping units `m = sigmoid(P^T (f * f) + b)` (`P`: `F x K`,
/// one column per mapping unit), reconstruction `r = U (f * (P m)) + c`, cost `1/2 |r - x|^2`
/// averaged over the batch. After every update each column of `U` is rescaled to the mean column
/// norm, as the authors' gated-autoencoder code normalises its filters.
///
/// Features are the mapping units. Their zero-bias ReLU is `max(0, P^T (f * f))` (the mapping
/// pre-activation without its bias, rectified); `.natural` is `sigmoid(P^T (f * f) + b)`.
public struct CovarianceAutoencoder: LearnedModel {
    /// covAE hyperparameters.
    public struct Configuration: LearnerConfiguration {
        /// Number of mapping units K (the features).
        public var features: Int
        /// Number of factors F.
        public var factors: Int
        /// Length of the initial factor columns (training examples scaled to this length).
        public var initialNorm: Double
        /// Standard deviation of the initial pooling weights `P`.
        public var poolingScale: Double
        /// The SGD schedule.
        public var sgd: MomentumSGD

        /// covAE hyperparameters.
        public init(features: Int = 600, factors: Int = 600, initialNorm: Double = 1, poolingScale: Double = 0.01,
                    sgd: MomentumSGD = MomentumSGD()) {
            self.features = features
            self.factors = factors
            self.initialNorm = initialNorm
            self.poolingScale = poolingScale
            self.sgd = sgd
        }

        /// `.covae`.
        public var kind: ModelKind { .covae }

        /// Trains a covAE on whitened rows.
        public func fit(_ data: Matrix, seed: UInt64, checkpoint: CheckpointPolicy? = nil,
                        progress: ProgressHandler? = nil) throws -> CovarianceAutoencoder {
            guard features >= 1, factors >= 1, initialNorm > 0, poolingScale >= 0 else {
                throw LearnerError.invalidConfiguration(model: kind, reason: "needs features, factors >= 1, initialNorm > 0, poolingScale >= 0")
            }
            try validate(data, dimension: data.cols, for: kind)
            let d = data.cols
            let objective = CovAEObjective(dimension: d, factors: factors, features: features,
                                           maxRows: Swift.min(sgd.batchSize, data.rows))
            let run = TrainingRun(kind: kind, configuration: canonicalJSON(self), seed: seed, checkpoint: checkpoint)
            let (flat, record) = try sgd.minimize(objective, data: data, run: run, initialParameters: {
                var random = SeededRandom(seed: derivedSeed(seed, stream: 0))
                let u = exampleColumns(of: data, count: factors, norm: Float(initialNorm), random: &random)
                let p = random.normalMatrix(rows: factors, cols: features, scale: Float(poolingScale))
                return u.storage + p.storage + [Float](repeating: 0, count: features + d)
            }, progress: progress)
            let parts = split(flat, sizes: [d * factors, factors * features, features, d])
            return CovarianceAutoencoder(configuration: self, factorWeights: Matrix(rows: d, cols: factors, storage: parts[0]),
                                         pooling: Matrix(rows: factors, cols: features, storage: parts[1]),
                                         mappingBias: parts[2], visibleBias: parts[3], record: record)
        }
    }

    /// The hyperparameters.
    public let configuration: Configuration
    /// The factor filters `U`, `D x F`.
    public let factorWeights: Matrix
    /// The pooling weights `P`, `F x K`.
    public let pooling: Matrix
    /// The mapping-unit bias, length K.
    public let mappingBias: [Float]
    /// The visible bias `c`, length D.
    public let visibleBias: [Float]
    /// The seed and history.
    public let record: TrainingRecord
    /// The inference `encode(_:)` uses (default: zero-bias ReLU on the mapping units).
    public var inference: Inference

    /// A model from its parts.
    public init(configuration: Configuration, factorWeights: Matrix, pooling: Matrix, mappingBias: [Float],
                visibleBias: [Float], record: TrainingRecord, inference: Inference = .zeroBiasReLU) {
        precondition(pooling.rows == factorWeights.cols && mappingBias.count == pooling.cols
                     && visibleBias.count == factorWeights.rows, "covAE parts disagree in size")
        self.configuration = configuration
        self.factorWeights = factorWeights
        self.pooling = pooling
        self.mappingBias = mappingBias
        self.visibleBias = visibleBias
        self.record = record
        self.inference = inference
    }

    /// D.
    public var inputDimension: Int { factorWeights.rows }
    /// K.
    public var featureCount: Int { pooling.cols }

    /// Mapping units: `max(0, P^T f^2)`, `max(0, P^T f^2 + b)` or the natural `sigmoid(P^T f^2 + b)`.
    public func encode(_ inputs: Matrix, inference: Inference) -> Matrix {
        var squares = responses(inputs, factorWeights)
        for i in 0..<squares.storage.count { squares.storage[i] *= squares.storage[i] }
        switch inference {
        case .zeroBiasReLU: return rectified(responses(squares, pooling))
        case .reluWithBias: return rectified(responses(squares, pooling, bias: mappingBias))
        case .natural:
            var a = responses(squares, pooling, bias: mappingBias)
            for i in 0..<a.storage.count { a.storage[i] = sigmoid(a.storage[i]) }
            return a
        }
    }

    /// `U` (`D x F`), `P` (`F x K`), `b` (`K`), `c` (`D`).
    public var arrays: [String: NPYArray] {
        ["U": NPYArray(factorWeights), "P": NPYArray(pooling), "b": NPYArray(mappingBias), "c": NPYArray(visibleBias)]
    }

    /// `U`: `[D, F]`, `P`: `[F, K]`, `b`: `[K]`, `c`: `[D]`.
    public static func arrayShapes(configuration: Configuration, inputDimension d: Int) -> [String: [Int]] {
        let (f, k) = (configuration.factors, configuration.features)
        return ["U": [d, f], "P": [f, k], "b": [k], "c": [d]]
    }

    /// A model from stored arrays.
    public init(configuration: Configuration, inputDimension: Int, arrays: [String: [Float]], record: TrainingRecord,
                inference: Inference) {
        let (f, k) = (configuration.factors, configuration.features)
        self.init(configuration: configuration, factorWeights: Matrix(rows: inputDimension, cols: f, storage: arrays["U"]!),
                  pooling: Matrix(rows: f, cols: k, storage: arrays["P"]!), mappingBias: arrays["b"]!,
                  visibleBias: arrays["c"]!, record: record, inference: inference)
    }
}

/// The covAE training step over the flat parameters `[U (D x F), P (F x K), b (K), c (D)]`.
///
/// Rows as examples: `Fb = X U`, `S = Fb^2`, `M = sigmoid(S P + b)`, `G = M P^T`, `Z = Fb * G`,
/// `R = Z U^T + c`, `E = (R - X) / B`. Backward: `dZ = E U`; `dF = dZ * G + 2 Fb * ((dZ * Fb) P * M (1 - M)) P^T`;
/// `dU = [E; X]^T [Z; dF]` (one sgemm), `dP = S^T dA + (dZ * Fb)^T M` (P both pools and gates),
/// `db = sum dA`, `dc = sum E`.
final class CovAEObjective: GradientObjective {
    let d: Int, f: Int, k: Int, maxRows: Int
    /// `[Z; dF]`, `2B x F`.
    private let factorPair: Scratch
    /// `[E; X]`, `2B x D`.
    private let visible: Scratch
    private let factors: Scratch, squares: Scratch, gates: Scratch, factorGrad: Scratch
    private let mapping: Scratch, mappingGrad: Scratch
    private let errorSum: Scratch, mappingSum: Scratch, norms: Scratch

    init(dimension: Int, factors f: Int, features: Int, maxRows: Int) {
        d = dimension
        self.f = f
        k = features
        self.maxRows = maxRows
        factorPair = Scratch(2 * maxRows * f)
        visible = Scratch(2 * maxRows * dimension)
        factors = Scratch(maxRows * f)
        squares = Scratch(maxRows * f)
        gates = Scratch(maxRows * f)
        factorGrad = Scratch(maxRows * f)
        mapping = Scratch(maxRows * features)
        mappingGrad = Scratch(maxRows * features)
        errorSum = Scratch(dimension)
        mappingSum = Scratch(features)
        norms = Scratch(f)
    }

    var parameterCount: Int { d * f + f * k + k + d }

    func step(parameters: UnsafePointer<Float>, batch x: UnsafePointer<Float>, rows: Int,
              update: UnsafeMutablePointer<Float>, scale: Float, decay: Float, random: inout SeededRandom) -> BatchStats {
        precondition(rows <= maxRows, "batch of \(rows) exceeds the \(maxRows) rows the buffers hold")
        let (d, f, k) = (self.d, self.f, self.k)
        let u = parameters, p = u + d * f, b = p + f * k, c = b + k
        let (fb, s, g, dz) = (factors.pointer, squares.pointer, gates.pointer, factorGrad.pointer)
        let z = factorPair.pointer, df = factorPair.pointer + rows * f
        let e = visible.pointer
        let (m, da) = (mapping.pointer, mappingGrad.pointer)
        let rf = rows * f
        sgemm(.none, .none, m: rows, n: f, k: d, a: x, lda: d, b: u, ldb: f, c: fb, ldc: f)
        for i in 0..<rf { s[i] = fb[i] * fb[i] }
        sgemm(.none, .none, m: rows, n: k, k: f, a: s, lda: f, b: p, ldb: k, c: m, ldc: k)
        for n in 0..<rows {
            let mr = m + n * k
            for j in 0..<k { mr[j] = sigmoid(mr[j] + b[j]) }
        }
        sgemm(.none, .transposed, m: rows, n: f, k: k, a: m, lda: k, b: p, ldb: k, c: g, ldc: f)
        for i in 0..<rf { z[i] = fb[i] * g[i] }
        sgemm(.none, .transposed, m: rows, n: d, k: f, a: z, lda: f, b: u, ldb: f, c: e, ldc: d)
        let cost = reconstructionErrors(e: e, x: x, c: c, xCopy: visible.pointer + rows * d, errorSum: errorSum.pointer,
                                        rows: rows, d: d)
        // dZ = E U; direct factor gradient dZ * G; gate gradient dZ * Fb (in place).
        sgemm(.none, .none, m: rows, n: f, k: d, a: e, lda: d, b: u, ldb: f, c: dz, ldc: f)
        for i in 0..<rf { let v = dz[i]; df[i] = v * g[i]; dz[i] = v * fb[i] }
        // dA = (dG P) * M (1 - M).
        sgemm(.none, .none, m: rows, n: k, k: f, a: dz, lda: f, b: p, ldb: k, c: da, ldc: k)
        let mSum = mappingSum.pointer
        for j in 0..<k { mSum[j] = 0 }
        for n in 0..<rows {
            let ar = da + n * k, mr = m + n * k
            for j in 0..<k { let v = ar[j] * mr[j] * (1 - mr[j]); ar[j] = v; mSum[j] += v }
        }
        // dS = dA P^T (into G, no longer needed); dF += 2 Fb dS.
        sgemm(.none, .transposed, m: rows, n: f, k: k, a: da, lda: k, b: p, ldb: k, c: g, ldc: f)
        for i in 0..<rf { df[i] += 2 * fb[i] * g[i] }
        sgemm(.transposed, .none, m: d, n: f, k: 2 * rows, alpha: scale, a: e, lda: d, b: z, ldb: f,
              beta: decay, c: update, ldc: f)
        sgemm(.transposed, .none, m: f, n: k, k: rows, alpha: scale, a: s, lda: f, b: da, ldb: k,
              beta: decay, c: update + d * f, ldc: k)
        sgemm(.transposed, .none, m: f, n: k, k: rows, alpha: scale, a: dz, lda: f, b: m, ldb: k,
              beta: 1, c: update + d * f, ldc: k)
        blend(update + d * f + f * k, mSum, count: k, scale: scale, decay: decay)
        blend(update + d * f + f * k + k, errorSum.pointer, count: d, scale: scale, decay: decay)
        return BatchStats(cost: cost)
    }

    /// Rescales every column of `U` to the mean column norm.
    func project(_ parameters: UnsafeMutablePointer<Float>) {
        let (d, f) = (self.d, self.f)
        let n = norms.pointer
        for j in 0..<f { n[j] = 0 }
        for i in 0..<d {
            let row = parameters + i * f
            for j in 0..<f { n[j] += row[j] * row[j] }
        }
        var mean: Float = 0
        for j in 0..<f { n[j] = n[j].squareRoot(); mean += n[j] }
        mean /= Float(f)
        for j in 0..<f { n[j] = n[j] > 0 ? mean / n[j] : 1 }
        for i in 0..<d {
            let row = parameters + i * f
            for j in 0..<f { row[j] *= n[j] }
        }
    }
}

extension LearnerKind {
    /// The covariance (single-input gated) autoencoder; its filters are the factors U.
    public static let covae = LearnerKind(kind: .covae, modelType: CovarianceAutoencoder.self, filterArray: "U", hasHiddenBias: true,
                                          settings: LearnerSettings.Key.sgd + [.factors, .initialNorm], uses: [.video, .images], defaultIn: [.video], rankFilters: rankFactors, paperMeanAP: 43.3) { request in
        CovarianceAutoencoder.Configuration(features: request.features, factors: request.training.factors(features: request.features),
                                            initialNorm: request.training.initialNorm, sgd: request.training.sgd)
    }

    /// The factor filters, columns `u_f` of `U` (as in Memisevic's covariance-AE figures): the mapping
    /// pre-activation is `P^T (U^T x)^2`, so factor f's gain is `|u_f|^2 |P_f,:|`.
    private static let rankFactors: RankedFilters.Ranking = { model in
        let (factors, pooling) = try (RankedFilters.array("U", of: model), RankedFilters.array("P", of: model))
        let gains = zip(RankedFilters.columnNorms(factors), RankedFilters.rowNorms(pooling)).map { $0 * $0 * $1 }
        return RankedFilters(whitened: factors, gains: gains, drawn: "factor filters (columns of U), ranked by |u|^2 |P row|")
    }
}
