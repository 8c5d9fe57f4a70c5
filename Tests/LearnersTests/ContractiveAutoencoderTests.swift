import Foundation
@testable import Learners
import Linalg
import Testing

/// The cAE cost (reconstruction plus contraction penalty) in double precision over `[W, b, c]`.
func caeReference(_ p: [Double], _ x: Matrix, k: Int, strength: Double) -> Double {
    let d = x.cols
    let w = Block(p: p, offset: 0, cols: k), b = Block(p: p, offset: d * k, cols: 1), c = Block(p: p, offset: d * k + k, cols: 1)
    let norms = (0..<k).map { j in (0..<d).reduce(0.0) { $0 + w[$1, j] * w[$1, j] } }
    var total = 0.0
    for n in 0..<x.rows {
        let h = (0..<k).map { j in sigmoid((0..<d).reduce(b[j]) { $0 + w[$1, j] * Double(x[n, $1]) }) }
        for i in 0..<d {
            let r = (0..<k).reduce(c[i]) { $0 + w[i, $1] * h[$1] }
            total += 0.5 * (r - Double(x[n, i])) * (r - Double(x[n, i]))
        }
        for j in 0..<k { total += strength * pow(h[j] * (1 - h[j]), 2) * norms[j] }
    }
    return total / Double(x.rows)
}

@Suite struct ContractiveAutoencoderTests {
    @Test(arguments: [0.0, 0.7, -3.0])
    func gradientMatchesFiniteDifferencesIncludingThePenalty(_ strength: Double) {
        let (d, k) = (5, 4)
        var random = SeededRandom(seed: 2)
        let x = random.normalMatrix(rows: 6, cols: d)
        let params = random.normalMatrix(rows: 1, cols: d * k + k + d, scale: 0.5).storage
        let objective = CAEObjective(dimension: d, features: k, strength: Float(strength), maxRows: 6)
        checkGradient(objective, parameters: params, data: x) { caeReference($0, $1, k: k, strength: strength) }
    }

    @Test func trainingLowersTheCostAndIsReproducible() throws {
        let data = structuredData(rows: 400, dimension: 16)
        let configuration = ContractiveAutoencoder.Configuration(features: 12, strength: 0.1, sgd: quickSGD())
        let model = try configuration.fit(data, seed: 5)
        #expect(costFell(model.record), "\(model.record.epochs.map(\.cost))")
        #expect(try configuration.fit(data, seed: 5).weights == model.weights)
        let natural = model.encode(data, inference: .natural).storage
        #expect(natural.allSatisfy { $0 > 0 && $0 < 1 })
        let withBias = model.encode(data, inference: .reluWithBias)
        #expect(withBias != model.encode(data))
    }
}
