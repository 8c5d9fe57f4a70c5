@testable import Learners
import Linalg

/// The ZAE training loop of the paper written densely in double precision, with the shared
/// trainer's initialisation, shuffles and momentum schedule: `A = X W`, `H = A * mask`,
/// `E = (H W^T + c - X) / B`, `dW = E^T H + X^T ((E W) * mask)`, `dc = sum E`, `v = m v - lr g`,
/// `p = p + v`. Returns `W` (`D x K`, row-major) and `c`.
func denseZAETraining(_ data: Matrix, configuration: ZeroBiasAutoencoder.Configuration, seed: UInt64) -> (w: [Double], c: [Double]) {
    let (n, d, k) = (data.rows, data.cols, configuration.features)
    let sgd = configuration.sgd, theta = configuration.theta
    var random = SeededRandom(seed: derivedSeed(seed, stream: 0))
    var w = exampleColumns(of: data, count: k, norm: Float(configuration.initialNorm), random: &random).storage.map(Double.init)
    var c = [Double](repeating: 0, count: d)
    var vw = [Double](repeating: 0, count: d * k), vc = [Double](repeating: 0, count: d)
    let rows = min(sgd.batchSize, n)
    for epoch in 1...sgd.epochs {
        let rate = sgd.learningRate(forEpoch: epoch)
        var shuffle = SeededRandom(seed: derivedSeed(seed, stream: UInt64(epoch)))
        var order = Array(0..<n)
        order.shuffle(using: &shuffle)
        for b in 0..<(n / rows) {
            let x = order[(b * rows)..<((b + 1) * rows)].map { data.row($0).map(Double.init) }
            var h = [[Double]](), mask = [[Bool]](), e = [[Double]]()
            for xn in x {
                let a = (0..<k).map { j in (0..<d).reduce(0.0) { $0 + xn[$1] * w[$1 * k + j] } }
                let m = a.map { configuration.activation == .trec ? $0 > theta : $0 * $0 > theta }
                let hn = (0..<k).map { m[$0] ? a[$0] : 0 }
                e.append((0..<d).map { i in ((0..<k).reduce(c[i]) { $0 + w[i * k + $1] * hn[$1] } - xn[i]) / Double(rows) })
                h.append(hn)
                mask.append(m)
            }
            var gw = [Double](repeating: 0, count: d * k), gc = [Double](repeating: 0, count: d)
            for (row, xn) in x.enumerated() {
                let delta = (0..<k).map { j in mask[row][j] ? (0..<d).reduce(0.0) { $0 + e[row][$1] * w[$1 * k + j] } : 0 }
                for i in 0..<d {
                    gc[i] += e[row][i]
                    for j in 0..<k { gw[i * k + j] += e[row][i] * h[row][j] + xn[i] * delta[j] }
                }
            }
            for i in 0..<(d * k) { vw[i] = sgd.momentum * vw[i] - rate * gw[i]; w[i] += vw[i] }
            for i in 0..<d { vc[i] = sgd.momentum * vc[i] - rate * gc[i]; c[i] += vc[i] }
        }
    }
    return (w, c)
}
