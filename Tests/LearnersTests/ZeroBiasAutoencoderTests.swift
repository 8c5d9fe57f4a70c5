import Foundation
@testable import Learners
import Linalg
import Testing
import TestSupport

/// The ZAE cost in double precision over `[W (D x K), c (D)]`, mask recomputed (no pre-activation sits near it).
func zaeReference(_ p: [Double], _ x: Matrix, k: Int, activation: ZeroBiasAutoencoder.Activation, theta: Double) -> Double {
    let d = x.cols
    let w = Block(p: p, offset: 0, cols: k), c = Block(p: p, offset: d * k, cols: 1)
    var total = 0.0
    for n in 0..<x.rows {
        var h = [Double](repeating: 0, count: k)
        for j in 0..<k {
            let a = (0..<d).reduce(0.0) { $0 + w[$1, j] * Double(x[n, $1]) }
            let on = activation == .trec ? a > theta : a * a > theta
            h[j] = on ? a : 0
        }
        for i in 0..<d {
            let r = (0..<k).reduce(c[i]) { $0 + w[i, $1] * h[$1] }
            total += (r - Double(x[n, i])) * (r - Double(x[n, i]))
        }
    }
    return total / (2 * Double(x.rows))
}

@Suite struct ZeroBiasAutoencoderTests {
    /// Tiny parameters whose pre-activations all keep a margin from the mask's threshold.
    func tinyProblem(_ activation: ZeroBiasAutoencoder.Activation) -> (params: [Float], data: Matrix) {
        let (d, k, rows) = (5, 4, 6)
        for seed in UInt64(1)... {
            var random = SeededRandom(seed: seed)
            let x = random.normalMatrix(rows: rows, cols: d, scale: 1.5)
            let w = random.normalMatrix(rows: d, cols: k, scale: 0.7)
            let a = Matrix.product(x, .none, w, .none)
            let margins = a.storage.map { activation == .trec ? abs($0 - 1) : abs($0 * $0 - 1) }
            let active = a.storage.filter { activation.isActive($0, theta: 1) }.count
            if margins.min()! > 0.05 && active >= 4 {
                return (w.storage + (0..<d).map { _ in 0.3 * random.normal() }, x)
            }
        }
        fatalError("unreachable")
    }

    @Test(arguments: [ZeroBiasAutoencoder.Activation.trec, .tlin])
    func gradientMatchesFiniteDifferences(_ activation: ZeroBiasAutoencoder.Activation) {
        let (params, data) = tinyProblem(activation)
        let objective = ZAEObjective(dimension: 5, features: 4, activation: activation, theta: 1, maxRows: data.rows)
        checkGradient(objective, parameters: params, data: data) { zaeReference($0, $1, k: 4, activation: activation, theta: 1) }
    }

    @Test func tlinMasksTheSquaredPreActivationAndTRecThePreActivation() {
        let w = Matrix.identity(2)
        let x = Matrix(rowArrays: [[-2, 0.5]])   // pre-activations -2 (below -sqrt(theta)) and 0.5
        func natural(_ activation: ZeroBiasAutoencoder.Activation) -> [Float] {
            let configuration = ZeroBiasAutoencoder.Configuration(activation: activation, features: 2)
            return ZeroBiasAutoencoder(configuration: configuration, weights: w, visibleBias: [0, 0],
                                       record: TrainingRecord(seed: 0)).encode(x, inference: .natural).storage
        }
        #expect(natural(.tlin) == [-2, 0])
        #expect(natural(.trec) == [0, 0])
        let objective = ZAEObjective(dimension: 2, features: 2, activation: .tlin, theta: 1, maxRows: 1)
        let stats = analyticGradient(objective, parameters: w.storage + [0, 0], data: x)
        #expect(stats.gradient.contains { $0 != 0 }, "the active negative unit must carry gradient in TLin")
    }

    @Test(arguments: [ZeroBiasAutoencoder.Activation.trec, .tlin])
    func trainingLowersTheCostAndIsReproducible(_ activation: ZeroBiasAutoencoder.Activation) throws {
        let data = structuredData(rows: 400, dimension: 16)
        let configuration = ZeroBiasAutoencoder.Configuration(activation: activation, features: 12, sgd: quickSGD())
        var reports: [EpochReport] = []
        let model = try configuration.fit(data, seed: 3, checkpoint: nil) { reports.append($0) }
        #expect(reports.count == 8 && reports.allSatisfy { $0.activeFraction != nil })
        #expect(costFell(model.record, by: 0.5), "\(model.record.epochs.map(\.cost))")
        let again = try configuration.fit(data, seed: 3)
        #expect(again.weights == model.weights && again.visibleBias == model.visibleBias)
        let other = try configuration.fit(data, seed: 4)
        #expect(other.weights != model.weights)
        #expect(model.encode(data).storage.allSatisfy { $0 >= 0 })
    }

    /// The sparse float training follows the dense double-precision loop within float rounding:
    /// three epochs of 20 batches, every weight within 1e-5 of the reference relative to the
    /// largest weight (float's unit roundoff is 6e-8; each gradient entry sums about D + K + B
    /// products and 60 momentum steps add up their errors). Measured with the fused unit step:
    /// 6.5e-7 (TRec) and 8.8e-7 (TLin) at dimension 16, 4.4e-7 and 1.2e-6 at dimension 100; the
    /// dense float sgemm formulation of before: 4e-7. Dimension 100 (rows padded to 112) runs the
    /// kernels' four- and three-vector blocks; its learning rate and threshold follow the examples'
    /// length (0.01 and 0.5 at dimension 16).
    @Test(arguments: [ZeroBiasAutoencoder.Activation.trec, .tlin], [16, 100])
    func trainingMatchesTheDenseDoublePrecisionLoop(_ activation: ZeroBiasAutoencoder.Activation, dimension: Int) throws {
        let data = structuredData(rows: 400, dimension: dimension)
        let configuration = ZeroBiasAutoencoder.Configuration(activation: activation, features: 24, theta: Double(dimension) / 32,
                                                              sgd: quickSGD(epochs: 3, rate: 0.16 / Double(dimension)))
        let model = try configuration.fit(data, seed: 5)
        let reference = denseZAETraining(data, configuration: configuration, seed: 5)
        let largest = reference.w.map(abs).max()!
        let wError = zip(model.weights.storage, reference.w).map { abs(Double($0) - $1) }.max()! / largest
        let cError = zip(model.visibleBias, reference.c).map { abs(Double($0) - $1) }.max()! / largest
        #expect(wError < 1e-5 && cError < 1e-5, "weights off by \(wError), bias by \(cError) of the largest weight")
        let active = model.record.epochs.last!.activeFraction!
        #expect(active > 0.05 && active < 0.6, "the test needs a mix of active and silent units, not \(active)")
    }

    @Test func hugeLearningRateThrowsDivergedNamingModelEpochAndRate() {
        let data = structuredData(rows: 200, dimension: 16)
        let sgd = MomentumSGD(epochs: 5, batchSize: 20, learningRate: 1e4, warmupEpochs: 0)
        let configuration = ZeroBiasAutoencoder.Configuration(activation: .trec, features: 12, sgd: sgd)
        do {
            _ = try configuration.fit(data, seed: 1)
            Issue.record("training should have diverged")
        } catch let LearnerError.diverged(model, epoch, rate, _) {
            #expect(model == .trec && epoch >= 1 && rate == 1e4)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func resumedRunMatchesAnUninterruptedOne() throws {
        struct Stop: Error {}
        let data = structuredData(rows: 200, dimension: 10)
        let configuration = ZeroBiasAutoencoder.Configuration(activation: .tlin, features: 6, sgd: quickSGD(epochs: 4))
        let straight = try configuration.fit(data, seed: 9)
        let folder = (try ScratchFolder("resume").url)
        defer { try? FileManager.default.removeItem(at: folder) }
        let policy = CheckpointPolicy(folder: folder, resume: true)
        #expect(throws: Stop.self) {
            _ = try configuration.fit(data, seed: 9, checkpoint: policy) { if $0.epoch == 2 { throw Stop() } }
        }
        var resumedEpochs: [Int] = []
        let resumed = try configuration.fit(data, seed: 9, checkpoint: policy) { resumedEpochs.append($0.epoch) }
        #expect(resumedEpochs == [3, 4])
        #expect(resumed.weights == straight.weights && resumed.visibleBias == straight.visibleBias)
        #expect(resumed.record.epochs.map(\.cost) == straight.record.epochs.map(\.cost))
        #expect(throws: LearnerError.self) { _ = try configuration.fit(data, seed: 10, checkpoint: policy) }
    }
}
