import Learners
import Linalg

/// ZAE (TRec) training throughput, as `zae-video bench train` reports it.
public enum ZAEBenchmark {
    /// The measured speed.
    public struct Result: Sendable, Equatable {
        /// Mean seconds per epoch.
        public var secondsPerEpoch: Double
        /// Training examples (blocks) per second.
        public var blocksPerSecond: Double
        /// Nominal GFLOP/s: `N * D * H * 10` per epoch (five `B x D x H` products of 2 flops per
        /// multiply-add), the formula of the numpy reference `../shared/bench/zae_numpy.py`
        /// (outside the repository; Benchmarks/README.md says how to run it).
        public var gflops: Double
    }

    /// Trains a TRec ZAE on `examples` standard-normal rows for `epochs` epochs (batch 100, the
    /// default schedule, shuffling included) and measures the epochs' wall-clock time.
    public static func run(dimensions: Int = 300, features: Int = 600, examples: Int = 20_000, epochs: Int = 3,
                           seed: UInt64 = 0) throws -> Result {
        var random = SeededRandom(seed: seed)
        let data = random.normalMatrix(rows: examples, cols: dimensions)
        let configuration = ZeroBiasAutoencoder.Configuration(activation: .trec, features: features,
                                                              sgd: MomentumSGD(epochs: epochs, warmupEpochs: 0))
        let model = try configuration.fit(data, seed: seed)
        let seconds = model.record.epochs.map(\.seconds).reduce(0, +) / Double(epochs)
        return Result(secondsPerEpoch: seconds, blocksPerSecond: Double(examples) / seconds,
                      gflops: Double(examples) * Double(dimensions) * Double(features) * 10 / seconds / 1e9)
    }
}
