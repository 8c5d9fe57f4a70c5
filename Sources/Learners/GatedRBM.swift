import Linalg

/// A factored gated RBM (Memisevic and Hinton 2010; Taylor et al. 2010) over pairs of consecutive
/// frames inside a block, trained with CD-1: an approximate re-implementation of the paper's
/// literature baseline, not the original code.
///
/// Input: each row is one block laid out frame after frame, `framesPerBlock` frames of
/// `frameDimension` values each. The block's joint PCA codes cannot be split into frames, so the
/// caller whitens every 16x16 frame patch with one per-frame PCA and concatenates the codes.
/// A block of T frames gives T - 1 pairs `(x, y) = (frame t, frame t + 1)`.
///
/// Model of `y` given `x`, with factors `fx = Wx^T x`, `fy = Wy^T y` and `Wh` (`F x K`):
/// `p(h = 1 | x, y) = sigmoid(Wh^T (fx * fy) + bh)`; `y | x, h` is Gaussian with unit variance and
/// mean `by + Wy (fx * (Wh h))`. CD-1 uses sampled hiddens for the reconstruction (mean-field when
/// `sampleHidden` is off), the mean reconstruction as the negative `y`, and probabilities in the
/// statistics. The reported cost is `1/2 |y - y_neg|^2` per pair.
///
/// Features are the hidden units pooled (averaged) over a block's T - 1 pairs: `.natural` pools
/// the probabilities, `.zeroBiasReLU` pools `max(0, Wh^T (fx * fy))`, `.reluWithBias` adds `bh` first.
public struct GatedRBM: LearnedModel {
    /// GRBM hyperparameters.
    public struct Configuration: LearnerConfiguration {
        /// Number of hidden (mapping) units K.
        public var features: Int
        /// Number of factors F.
        public var factors: Int
        /// Frames per input row T (>= 2).
        public var framesPerBlock: Int
        /// Values per frame; inputs have `framesPerBlock * frameDimension` columns.
        public var frameDimension: Int
        /// Length of the initial factor columns (training frames scaled to this length).
        public var initialNorm: Double
        /// Standard deviation of the initial hidden-factor weights `Wh`.
        public var hiddenScale: Double
        /// Sample binary hiddens for the reconstruction (CD-1 proper); off: mean-field.
        public var sampleHidden: Bool
        /// The SGD schedule applied to the CD-1 updates.
        public var sgd: MomentumSGD

        /// GRBM hyperparameters for blocks of `framesPerBlock` frames of `frameDimension` values.
        public init(features: Int = 600, factors: Int = 256, framesPerBlock: Int = 10, frameDimension: Int,
                    initialNorm: Double = 1, hiddenScale: Double = 0.1, sampleHidden: Bool = true,
                    sgd: MomentumSGD = MomentumSGD()) {
            self.features = features
            self.factors = factors
            self.framesPerBlock = framesPerBlock
            self.frameDimension = frameDimension
            self.initialNorm = initialNorm
            self.hiddenScale = hiddenScale
            self.sampleHidden = sampleHidden
            self.sgd = sgd
        }

        /// `.grbm`.
        public var kind: ModelKind { .grbm }

        /// Trains a GRBM on rows of concatenated whitened frames.
        public func fit(_ data: Matrix, seed: UInt64, checkpoint: CheckpointPolicy? = nil,
                        progress: ProgressHandler? = nil) throws -> GatedRBM {
            guard features >= 1, factors >= 1, framesPerBlock >= 2, frameDimension >= 1, initialNorm > 0, hiddenScale >= 0 else {
                throw LearnerError.invalidConfiguration(model: kind, reason: "needs features, factors, frameDimension >= 1, framesPerBlock >= 2")
            }
            let d = frameDimension
            try validate(data, dimension: framesPerBlock * d, for: kind)
            let objective = GRBMObjective(configuration: self, maxRows: Swift.min(sgd.batchSize, data.rows))
            let run = TrainingRun(kind: kind, configuration: canonicalJSON(self), seed: seed, checkpoint: checkpoint)
            let (flat, record) = try sgd.minimize(objective, data: data, run: run, initialParameters: {
                var random = SeededRandom(seed: derivedSeed(seed, stream: 0))
                let frames = data.reshaped(rows: data.rows * framesPerBlock, cols: d)
                let wx = exampleColumns(of: frames, count: factors, norm: Float(initialNorm), random: &random)
                let wy = exampleColumns(of: frames, count: factors, norm: Float(initialNorm), random: &random)
                let wh = random.normalMatrix(rows: factors, cols: features, scale: Float(hiddenScale))
                return wx.storage + wy.storage + wh.storage + [Float](repeating: 0, count: features + d)
            }, progress: progress)
            let parts = split(flat, sizes: [d * factors, d * factors, factors * features, features, d])
            return GatedRBM(configuration: self, inputFactors: Matrix(rows: d, cols: factors, storage: parts[0]),
                            outputFactors: Matrix(rows: d, cols: factors, storage: parts[1]),
                            hiddenFactors: Matrix(rows: factors, cols: features, storage: parts[2]),
                            hiddenBias: parts[3], outputBias: parts[4], record: record)
        }
    }

    /// The hyperparameters.
    public let configuration: Configuration
    /// `Wx`, `d x F`: factor filters on the earlier frame.
    public let inputFactors: Matrix
    /// `Wy`, `d x F`: factor filters on the later frame.
    public let outputFactors: Matrix
    /// `Wh`, `F x K`: factor-to-hidden weights, one column per hidden unit.
    public let hiddenFactors: Matrix
    /// `bh`, length K.
    public let hiddenBias: [Float]
    /// `by`, length d: the later frame's visible bias.
    public let outputBias: [Float]
    /// The seed and history.
    public let record: TrainingRecord
    /// The inference `encode(_:)` uses (default: natural, the pooled hidden probabilities).
    public var inference: Inference

    /// A model from its parts.
    public init(configuration: Configuration, inputFactors: Matrix, outputFactors: Matrix, hiddenFactors: Matrix,
                hiddenBias: [Float], outputBias: [Float], record: TrainingRecord, inference: Inference = .natural) {
        precondition(inputFactors.rows == configuration.frameDimension && outputFactors.rows == configuration.frameDimension
                     && inputFactors.cols == configuration.factors && outputFactors.cols == configuration.factors
                     && hiddenFactors.rows == configuration.factors && hiddenFactors.cols == configuration.features
                     && hiddenBias.count == configuration.features && outputBias.count == configuration.frameDimension,
                     "GRBM parts disagree in size")
        self.configuration = configuration
        self.inputFactors = inputFactors
        self.outputFactors = outputFactors
        self.hiddenFactors = hiddenFactors
        self.hiddenBias = hiddenBias
        self.outputBias = outputBias
        self.record = record
        self.inference = inference
    }

    /// `framesPerBlock * frameDimension`.
    public var inputDimension: Int { configuration.framesPerBlock * configuration.frameDimension }
    /// K.
    public var featureCount: Int { configuration.features }

    /// Hidden units of every frame pair, pooled (averaged) over each block's pairs.
    public func encode(_ inputs: Matrix, inference: Inference) -> Matrix {
        precondition(inputs.cols == inputDimension, "GRBM expects \(inputDimension) columns, got \(inputs.cols)")
        let (t, d, k) = (configuration.framesPerBlock, configuration.frameDimension, configuration.features)
        let pairs = inputs.rows * (t - 1)
        var earlier = Matrix(rows: pairs, cols: d), later = Matrix(rows: pairs, cols: d)
        inputs.storage.withUnsafeBufferPointer { x in
            earlier.storage.withUnsafeMutableBufferPointer { xp in
                later.storage.withUnsafeMutableBufferPointer { yp in
                    gatherPairs(x.baseAddress!, rows: inputs.rows, frames: t, dimension: d, earlier: xp.baseAddress!, later: yp.baseAddress!)
                }
            }
        }
        var products = responses(earlier, inputFactors)
        let fy = responses(later, outputFactors)
        for i in 0..<products.storage.count { products.storage[i] *= fy.storage[i] }
        var a = responses(products, hiddenFactors, bias: inference == .zeroBiasReLU ? nil : hiddenBias)
        for i in 0..<a.storage.count { a.storage[i] = inference == .natural ? sigmoid(a.storage[i]) : Swift.max(0, a.storage[i]) }
        var pooled = Matrix(rows: inputs.rows, cols: k)
        let weight = 1 / Float(t - 1)
        for n in 0..<inputs.rows {
            for p in 0..<(t - 1) {
                for j in 0..<k { pooled[n, j] += weight * a[n * (t - 1) + p, j] }
            }
        }
        return pooled
    }

    /// `Wx`, `Wy` (`d x F`), `Wh` (`F x K`), `bh` (`K`), `by` (`d`).
    public var arrays: [String: NPYArray] {
        ["Wx": NPYArray(inputFactors), "Wy": NPYArray(outputFactors), "Wh": NPYArray(hiddenFactors),
         "bh": NPYArray(hiddenBias), "by": NPYArray(outputBias)]
    }

    /// `Wx`, `Wy`: `[d, F]`, `Wh`: `[F, K]`, `bh`: `[K]`, `by`: `[d]`.
    public static func arrayShapes(configuration: Configuration, inputDimension: Int) -> [String: [Int]] {
        let (d, f, k) = (configuration.frameDimension, configuration.factors, configuration.features)
        return ["Wx": [d, f], "Wy": [d, f], "Wh": [f, k], "bh": [k], "by": [d]]
    }

    /// A model from stored arrays.
    public init(configuration: Configuration, inputDimension: Int, arrays: [String: [Float]], record: TrainingRecord,
                inference: Inference) {
        let (d, f, k) = (configuration.frameDimension, configuration.factors, configuration.features)
        self.init(configuration: configuration, inputFactors: Matrix(rows: d, cols: f, storage: arrays["Wx"]!),
                  outputFactors: Matrix(rows: d, cols: f, storage: arrays["Wy"]!),
                  hiddenFactors: Matrix(rows: f, cols: k, storage: arrays["Wh"]!),
                  hiddenBias: arrays["bh"]!, outputBias: arrays["by"]!, record: record, inference: inference)
    }
}

/// Copies each block's consecutive frame pairs: pair `n * (T - 1) + t` is frame t (into `earlier`)
/// and frame t + 1 (into `later`) of row n.
func gatherPairs(_ x: UnsafePointer<Float>, rows: Int, frames t: Int, dimension d: Int,
                 earlier: UnsafeMutablePointer<Float>, later: UnsafeMutablePointer<Float>) {
    for n in 0..<rows {
        for p in 0..<(t - 1) {
            let source = x + (n * t + p) * d, target = (n * (t - 1) + p) * d
            (earlier + target).update(from: source, count: d)
            (later + target).update(from: source + d, count: d)
        }
    }
}

/// The CD-1 step over the flat parameters `[Wx (d x F), Wy (d x F), Wh (F x K), bh (K), by (d)]`.
/// The "gradient" is the negated CD-1 statistics `(negative - positive) / pairs`, so that the
/// shared momentum trainer's descent step is CD-1's ascent step.
final class GRBMObjective: GradientObjective {
    let d: Int, f: Int, k: Int, frames: Int, maxPairs: Int
    let sampleHidden: Bool
    private let earlier: Scratch, laterPair: Scratch
    private let fx: Scratch, fy: Scratch, fyNegative: Scratch, productPair: Scratch
    private let hiddenPair: Scratch, sample: Scratch, temp: Scratch, back: Scratch
    private let cx: Scratch, cyPair: Scratch, hiddenSum: Scratch, outputSum: Scratch

    init(configuration: GatedRBM.Configuration, maxRows: Int) {
        d = configuration.frameDimension
        f = configuration.factors
        k = configuration.features
        frames = configuration.framesPerBlock
        sampleHidden = configuration.sampleHidden
        maxPairs = maxRows * (frames - 1)
        earlier = Scratch(maxPairs * d)
        laterPair = Scratch(2 * maxPairs * d)
        fx = Scratch(maxPairs * f)
        fy = Scratch(maxPairs * f)
        fyNegative = Scratch(maxPairs * f)
        productPair = Scratch(2 * maxPairs * f)
        hiddenPair = Scratch(2 * maxPairs * k)
        sample = Scratch(maxPairs * k)
        temp = Scratch(maxPairs * f)
        back = Scratch(maxPairs * f)
        cx = Scratch(maxPairs * f)
        cyPair = Scratch(2 * maxPairs * f)
        hiddenSum = Scratch(k)
        outputSum = Scratch(d)
    }

    var parameterCount: Int { 2 * d * f + f * k + k + d }

    func step(parameters: UnsafePointer<Float>, batch x: UnsafePointer<Float>, rows: Int,
              update: UnsafeMutablePointer<Float>, scale: Float, decay: Float, random: inout SeededRandom) -> BatchStats {
        let (d, f, k) = (self.d, self.f, self.k)
        let pairs = rows * (frames - 1)
        precondition(pairs <= maxPairs, "batch of \(rows) exceeds the buffers")
        let wx = parameters, wy = wx + d * f, wh = wy + d * f, bh = wh + f * k, by = bh + k
        let xp = earlier.pointer, yp = laterPair.pointer, yn = laterPair.pointer + pairs * d
        let (fxp, fyp, fyn) = (fx.pointer, fy.pointer, fyNegative.pointer)
        let q = productPair.pointer, qn = productPair.pointer + pairs * f
        let hp = hiddenPair.pointer, hn = hiddenPair.pointer + pairs * k
        let (hs, tmp, fh) = (sample.pointer, temp.pointer, back.pointer)
        let cxp = cx.pointer, cyp = cyPair.pointer, cyn = cyPair.pointer + pairs * f
        let (pf, pk) = (pairs * f, pairs * k)
        gatherPairs(x, rows: rows, frames: frames, dimension: d, earlier: xp, later: yp)
        // Positive phase.
        sgemm(.none, .none, m: pairs, n: f, k: d, a: xp, lda: d, b: wx, ldb: f, c: fxp, ldc: f)
        sgemm(.none, .none, m: pairs, n: f, k: d, a: yp, lda: d, b: wy, ldb: f, c: fyp, ldc: f)
        for i in 0..<pf { q[i] = fxp[i] * fyp[i] }
        hiddenProbabilities(q, wh: wh, bh: bh, pairs: pairs, into: hp)
        if sampleHidden {
            for i in 0..<pk { hs[i] = random.uniform() < hp[i] ? 1 : 0 }
        } else {
            hs.update(from: hp, count: pk)
        }
        // Reconstruction: y_neg = by + Wy (fx * (Wh h)).
        sgemm(.none, .transposed, m: pairs, n: f, k: k, a: hs, lda: k, b: wh, ldb: k, c: fh, ldc: f)
        for i in 0..<pf { tmp[i] = fxp[i] * fh[i] }
        sgemm(.none, .transposed, m: pairs, n: d, k: f, a: tmp, lda: f, b: wy, ldb: f, c: yn, ldc: d)
        let ySum = outputSum.pointer
        for j in 0..<d { ySum[j] = 0 }
        var cost: Double = 0
        for n in 0..<pairs {
            let ypr = yp + n * d, ynr = yn + n * d
            var rowCost: Float = 0
            for j in 0..<d {
                let v = ynr[j] + by[j]
                ynr[j] = v
                let diff = v - ypr[j]
                rowCost += diff * diff
                ySum[j] += diff
            }
            cost += Double(rowCost)
        }
        // Negative phase.
        sgemm(.none, .none, m: pairs, n: f, k: d, a: yn, lda: d, b: wy, ldb: f, c: fyn, ldc: f)
        for i in 0..<pf { qn[i] = fxp[i] * fyn[i] }
        hiddenProbabilities(qn, wh: wh, bh: bh, pairs: pairs, into: hn)
        // Factor back-projections of both phases' hidden probabilities.
        sgemm(.none, .transposed, m: pairs, n: f, k: k, a: hp, lda: k, b: wh, ldb: k, c: tmp, ldc: f)
        sgemm(.none, .transposed, m: pairs, n: f, k: k, a: hn, lda: k, b: wh, ldb: k, c: fh, ldc: f)
        for i in 0..<pf {
            cxp[i] = fyn[i] * fh[i] - fyp[i] * tmp[i]
            cyp[i] = -fxp[i] * tmp[i]
            cyn[i] = fxp[i] * fh[i]
        }
        let hSum = hiddenSum.pointer
        for j in 0..<k { hSum[j] = 0 }
        for n in 0..<pairs {
            let pr = hp + n * k, nr = hn + n * k
            for j in 0..<k { hSum[j] += nr[j] - pr[j]; pr[j] = -pr[j] }
        }
        let s = scale / Float(pairs)
        sgemm(.transposed, .none, m: d, n: f, k: pairs, alpha: s, a: xp, lda: d, b: cxp, ldb: f, beta: decay, c: update, ldc: f)
        sgemm(.transposed, .none, m: d, n: f, k: 2 * pairs, alpha: s, a: yp, lda: d, b: cyp, ldb: f,
              beta: decay, c: update + d * f, ldc: f)
        sgemm(.transposed, .none, m: f, n: k, k: 2 * pairs, alpha: s, a: q, lda: f, b: hp, ldb: k,
              beta: decay, c: update + 2 * d * f, ldc: k)
        blend(update + 2 * d * f + f * k, hSum, count: k, scale: s, decay: decay)
        blend(update + 2 * d * f + f * k + k, ySum, count: d, scale: s, decay: decay)
        return BatchStats(cost: cost * 0.5 / Double(pairs))
    }

    /// `sigmoid(products Wh + bh)` for `pairs` rows.
    private func hiddenProbabilities(_ products: UnsafePointer<Float>, wh: UnsafePointer<Float>, bh: UnsafePointer<Float>,
                                     pairs: Int, into out: UnsafeMutablePointer<Float>) {
        let (f, k) = (self.f, self.k)
        sgemm(.none, .none, m: pairs, n: k, k: f, a: products, lda: f, b: wh, ldb: k, c: out, ldc: k)
        for n in 0..<pairs {
            let r = out + n * k
            for j in 0..<k { r[j] = sigmoid(r[j] + bh[j]) }
        }
    }
}

extension LearnerKind {
    /// The factored gated RBM over frame pairs: frames whitened apart, video only; its filters are
    /// the input-frame factors Wx.
    public static let grbm = LearnerKind(kind: .grbm, modelType: GatedRBM.self, filterArray: "Wx", hasHiddenBias: true,
                                         settings: LearnerSettings.Key.sgd + [.factors, .initialNorm], whitensFramesSeparately: true, uses: [.video],
                                         bundleNote: "approximate re-implementation of the factored gated RBM baseline",
                                         rankFilters: rankFactorPairs, paperMeanAP: 46.6) { request in
        GatedRBM.Configuration(features: request.features, factors: request.training.factors(features: request.features),
                               framesPerBlock: request.frames, frameDimension: request.inputDimension / max(request.frames, 1),
                               initialNorm: request.training.initialNorm, sgd: request.training.sgd)
    }

    /// The factor filter pairs, `Wx` column f as frame 0 (the earlier frame) over `Wy` column f as frame
    /// 1 (the later frame), as Memisevic and Hinton draw them: the hidden pre-activation is
    /// `Wh^T ((Wx^T x) * (Wy^T y))`, so factor f's gain is `|wx_f| |wy_f| |Wh_f,:|`.
    private static let rankFactorPairs: RankedFilters.Ranking = { model in
        let (earlier, later, hidden) = try (RankedFilters.array("Wx", of: model), RankedFilters.array("Wy", of: model),
                                            RankedFilters.array("Wh", of: model))
        var pairs = earlier
        pairs.appendRows(later)
        let gains = zip(zip(RankedFilters.columnNorms(earlier), RankedFilters.columnNorms(later)), RankedFilters.rowNorms(hidden))
            .map { $0.0 * $0.1 * $1 }
        return RankedFilters(whitened: pairs, gains: gains,
                             drawn: "factor filter pairs (frame 0: column of Wx on the earlier frame, frame 1: column of Wy on the later frame), ranked by |wx| |wy| |Wh row|")
    }
}
