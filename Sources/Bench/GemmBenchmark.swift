import Linalg
import Support
/// The sgemm benchmark: square products through `Matrix.multiply`, the path every learner uses.
public enum GemmBenchmark {
    /// GFLOP/s of `size x size` single-precision products, best of `rounds` timed rounds of
    /// `repeats` products each, after one warm-up product.
    public static func run(size: Int = 1024, repeats: Int = 10, rounds: Int = 3) -> BenchmarkResult {
        var rng = SeededRandom(seed: 1)
        let a = rng.normalMatrix(rows: size, cols: size)
        let b = rng.normalMatrix(rows: size, cols: size)
        var c = Matrix(rows: size, cols: size)
        c.multiply(a, .none, b, .none)
        var best = Double.infinity
        for _ in 0..<rounds {
            best = min(best, measureSeconds { for _ in 0..<repeats { c.multiply(a, .none, b, .none) } })
        }
        let flops = 2 * Double(size) * Double(size) * Double(size) * Double(repeats)
        return BenchmarkResult(name: "gemm_\(size)", value: flops / best / 1e9, unit: "GFLOP/s")
    }
}
