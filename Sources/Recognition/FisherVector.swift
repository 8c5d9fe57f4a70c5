import Linalg

/// The Fisher vector of a set of descriptors under a diagonal GMM (Perronnin et al. 2010), before
/// normalisation: for each Gaussian k, with posteriors g_ik over the N descriptors,
/// `G_mu_k = 1/(N sqrt(w_k)) sum_i g_ik (x_i - mu_k) / s_k` and
/// `G_s_k = 1/(N sqrt(2 w_k)) sum_i g_ik ((x_i - mu_k)^2 / s_k^2 - 1)`, laid out as
/// `[G_mu_1, ..., G_mu_K, G_s_1, ..., G_s_K]` (2KD values). The sums come from one sgemm of the
/// posteriors against the stacked rows `[x^2, x]`. No descriptors, or a Gaussian of weight 0, give zeros.
public enum FisherVector {
    /// The unnormalised Fisher vector of the rows of `descriptors` (`N x D`) under `gmm`.
    public static func encode(_ descriptors: Matrix, gmm: DiagonalGMM) -> [Float] {
        precondition(descriptors.cols == gmm.dimension, "descriptors have \(descriptors.cols) columns, the GMM \(gmm.dimension)")
        let k = gmm.componentCount, d = gmm.dimension, n = descriptors.rows
        var out = [Float](repeating: 0, count: 2 * k * d)
        guard n > 0 else { return out }
        let stacked = DiagonalGMM.stackedSquares(descriptors)
        var posteriors = Matrix(rows: n, cols: k)
        _ = gmm.posteriors(stacked: stacked, into: &posteriors)
        var statistics = Matrix(rows: k, cols: 2 * d)
        statistics.multiply(posteriors, .transposed, stacked, .none)
        var counts = [Double](repeating: 0, count: k)
        for r in 0..<n { for j in 0..<k { counts[j] += Double(posteriors[r, j]) } }
        for j in 0..<k where gmm.weights[j] > 0 {
            let w = Double(gmm.weights[j])
            let meanScale = 1 / (Double(n) * w.squareRoot()), varianceScale = 1 / (Double(n) * (2 * w).squareRoot())
            for c in 0..<d {
                let mu = Double(gmm.means[j, c]), variance = Double(gmm.variances[j, c])
                let first = Double(statistics[j, d + c]), second = Double(statistics[j, c])
                // sum g (x - mu) and sum g (x - mu)^2 from the zeroth, first and second moments.
                let centred = first - mu * counts[j]
                let squared = second - 2 * mu * first + mu * mu * counts[j]
                out[j * d + c] = Float(meanScale * centred / variance.squareRoot())
                out[k * d + j * d + c] = Float(varianceScale * (squared / variance - counts[j]))
            }
        }
        return out
    }
}
