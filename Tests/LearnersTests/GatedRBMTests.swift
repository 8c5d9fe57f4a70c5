@testable import Learners
import Linalg
import Testing

/// The mean-field CD-1 update `(negative - positive statistics) / pairs` computed pair by pair in double precision.
func grbmReferenceUpdate(_ p: [Double], _ data: Matrix, frames t: Int, d: Int, f: Int, k: Int) -> [Double] {
    let wx = Block(p: p, offset: 0, cols: f), wy = Block(p: p, offset: d * f, cols: f), wh = Block(p: p, offset: 2 * d * f, cols: k)
    let bh = Block(p: p, offset: 2 * d * f + f * k, cols: 1), by = Block(p: p, offset: 2 * d * f + f * k + k, cols: 1)
    var g = [Double](repeating: 0, count: p.count)
    let pairs = data.rows * (t - 1)
    func project(_ v: [Double], _ w: Block) -> [Double] { (0..<f).map { q in (0..<d).reduce(0.0) { $0 + w[$1, q] * v[$1] } } }
    func hidden(_ product: [Double]) -> [Double] { (0..<k).map { j in sigmoid((0..<f).reduce(bh[j]) { $0 + wh[$1, j] * product[$1] }) } }
    func back(_ h: [Double]) -> [Double] { (0..<f).map { q in (0..<k).reduce(0.0) { $0 + wh[q, $1] * h[$1] } } }
    func add(_ x: [Double], _ y: [Double], _ fx: [Double], _ fy: [Double], _ h: [Double], sign: Double) {
        let fh = back(h)
        for i in 0..<d { for q in 0..<f {
            g[i * f + q] += sign * x[i] * fy[q] * fh[q]
            g[d * f + i * f + q] += sign * y[i] * fx[q] * fh[q]
        } }
        for q in 0..<f { for j in 0..<k { g[2 * d * f + q * k + j] += sign * fx[q] * fy[q] * h[j] } }
        for j in 0..<k { g[2 * d * f + f * k + j] += sign * h[j] }
        for i in 0..<d { g[2 * d * f + f * k + k + i] += sign * y[i] }
    }
    for n in 0..<data.rows {
        for s in 0..<(t - 1) {
            let x = (0..<d).map { Double(data[n, s * d + $0]) }, y = (0..<d).map { Double(data[n, (s + 1) * d + $0]) }
            let fx = project(x, wx), fy = project(y, wy)
            let hp = hidden(zip(fx, fy).map(*))
            let fh = back(hp)
            let yn = (0..<d).map { i in (0..<f).reduce(by[i]) { $0 + wy[i, $1] * fx[$1] * fh[$1] } }
            let fyn = project(yn, wy)
            let hn = hidden(zip(fx, fyn).map(*))
            add(x, y, fx, fy, hp, sign: -1)
            add(x, yn, fx, fyn, hn, sign: 1)
        }
    }
    return g.map { $0 / Double(pairs) }
}

/// Blocks of `frames` frames, each frame the previous one shifted circularly by one value.
func shiftingBlocks(rows: Int, frames: Int, d: Int, seed: UInt64 = 11) -> Matrix {
    var random = SeededRandom(seed: seed)
    var out = Matrix(rows: rows, cols: frames * d)
    for n in 0..<rows {
        let first = (0..<d).map { _ in random.normal() }
        for t in 0..<frames { for i in 0..<d { out[n, t * d + i] = first[(i + t) % d] } }
    }
    return out
}

@Suite struct GatedRBMTests {
    @Test func meanFieldCD1UpdateEqualsTheStatisticsComputedDirectly() {
        let (t, d, f, k) = (3, 4, 3, 5)
        let configuration = GatedRBM.Configuration(features: k, factors: f, framesPerBlock: t, frameDimension: d, sampleHidden: false)
        var random = SeededRandom(seed: 8)
        let data = random.normalMatrix(rows: 4, cols: t * d)
        let params = random.normalMatrix(rows: 1, cols: 2 * d * f + f * k + k + d, scale: 0.5).storage
        let objective = GRBMObjective(configuration: configuration, maxRows: 4)
        let (update, _) = analyticGradient(objective, parameters: params, data: data)
        let expected = grbmReferenceUpdate(params.map(Double.init), data, frames: t, d: d, f: f, k: k)
        let worst = zip(update, expected).map { abs(Double($0) - $1) }.max()!
        #expect(worst < 1e-4 * max(1, expected.map(abs).max()!), "largest difference \(worst)")
    }

    /// With `Wh = 0` the reconstruction is `by` alone, so CD-1 must pull `by` toward the mean of the later frames.
    @Test func visibleBiasMovesTowardTheDataMean() throws {
        var data = shiftingBlocks(rows: 200, frames: 3, d: 4)
        for i in 0..<data.storage.count { data.storage[i] += 2 }
        let configuration = GatedRBM.Configuration(features: 6, factors: 5, framesPerBlock: 3, frameDimension: 4,
                                                   hiddenScale: 0, sgd: quickSGD(epochs: 2))
        let model = try configuration.fit(data, seed: 1)
        #expect(model.outputBias.allSatisfy { $0 > 0.3 && $0 < 2 }, "\(model.outputBias)")
    }

    @Test func trainingLowersTheReconstructionErrorAndIsReproducible() throws {
        let data = shiftingBlocks(rows: 300, frames: 4, d: 6)
        let configuration = GatedRBM.Configuration(features: 10, factors: 12, framesPerBlock: 4, frameDimension: 6,
                                                   sgd: quickSGD(epochs: 10))
        let model = try configuration.fit(data, seed: 2)
        #expect(costFell(model.record), "\(model.record.epochs.map(\.cost))")
        #expect(try configuration.fit(data, seed: 2).hiddenFactors == model.hiddenFactors)
    }

    @Test func featuresPoolTheFramePairs() {
        let (d, f, k) = (3, 4, 5)
        var random = SeededRandom(seed: 3)
        func model(frames: Int) -> GatedRBM {
            var r = SeededRandom(seed: 12)
            return GatedRBM(configuration: .init(features: k, factors: f, framesPerBlock: frames, frameDimension: d),
                            inputFactors: r.normalMatrix(rows: d, cols: f), outputFactors: r.normalMatrix(rows: d, cols: f),
                            hiddenFactors: r.normalMatrix(rows: f, cols: k), hiddenBias: (0..<k).map { _ in r.normal() },
                            outputBias: [0, 0, 0], record: TrainingRecord(seed: 0))
        }
        let block = random.normalMatrix(rows: 1, cols: 3 * d)
        let first = Matrix(rows: 1, cols: 2 * d, storage: Array(block.storage[0..<(2 * d)]))
        let second = Matrix(rows: 1, cols: 2 * d, storage: Array(block.storage[d...]))
        for inference in Inference.allCases {
            let pooled = model(frames: 3).encode(block, inference: inference).storage
            let a = model(frames: 2).encode(first, inference: inference).storage
            let b = model(frames: 2).encode(second, inference: inference).storage
            #expect(zip(pooled, zip(a, b)).allSatisfy { abs($0 - ($1.0 + $1.1) / 2) < 1e-5 })
        }
    }
}
