@testable import Learners
import Linalg
import Testing

/// The covAE cost in double precision over `[U (D x F), P (F x K), b (K), c (D)]`.
func covaeReference(_ p: [Double], _ x: Matrix, f: Int, k: Int) -> Double {
    let d = x.cols
    let u = Block(p: p, offset: 0, cols: f), pool = Block(p: p, offset: d * f, cols: k)
    let b = Block(p: p, offset: d * f + f * k, cols: 1), c = Block(p: p, offset: d * f + f * k + k, cols: 1)
    var total = 0.0
    for n in 0..<x.rows {
        let factors = (0..<f).map { q in (0..<d).reduce(0.0) { $0 + u[$1, q] * Double(x[n, $1]) } }
        let m = (0..<k).map { j in sigmoid((0..<f).reduce(b[j]) { $0 + pool[$1, j] * factors[$1] * factors[$1] }) }
        let gated = (0..<f).map { q in factors[q] * (0..<k).reduce(0.0) { $0 + pool[q, $1] * m[$1] } }
        for i in 0..<d {
            let r = (0..<f).reduce(c[i]) { $0 + u[i, $1] * gated[$1] }
            total += 0.5 * (r - Double(x[n, i])) * (r - Double(x[n, i]))
        }
    }
    return total / Double(x.rows)
}

@Suite struct CovarianceAutoencoderTests {
    @Test func gradientMatchesFiniteDifferences() {
        let (d, f, k) = (5, 4, 3)
        var random = SeededRandom(seed: 4)
        let x = random.normalMatrix(rows: 6, cols: d)
        let params = random.normalMatrix(rows: 1, cols: d * f + f * k + k + d, scale: 0.5).storage
        let objective = CovAEObjective(dimension: d, factors: f, features: k, maxRows: 6)
        checkGradient(objective, parameters: params, data: x) { covaeReference($0, $1, f: f, k: k) }
    }

    @Test func trainingLowersTheCostKeepsFilterNormsEqualAndIsReproducible() throws {
        let data = structuredData(rows: 400, dimension: 16)
        let configuration = CovarianceAutoencoder.Configuration(features: 8, factors: 12, poolingScale: 0.1, sgd: quickSGD(epochs: 10))
        let model = try configuration.fit(data, seed: 6)
        #expect(costFell(model.record), "\(model.record.epochs.map(\.cost))")
        let norms = (0..<12).map { j in model.factorWeights.column(j).reduce(0) { $0 + $1 * $1 }.squareRoot() }
        #expect(norms.max()! - norms.min()! < 1e-3 * norms.max()!)
        #expect(try configuration.fit(data, seed: 6).factorWeights == model.factorWeights)
        #expect(model.encode(data).cols == 8)
    }
}
