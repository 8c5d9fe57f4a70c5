import Foundation
@testable import Learners
import Linalg
import TestSupport

/// Rows `x = A z + noise` with `z` standard normal in `latent` dimensions: a small structured problem.
func structuredData(rows: Int, dimension: Int, latent: Int = 4, noise: Float = 0.05, seed: UInt64 = 7) -> Matrix {
    var random = SeededRandom(seed: seed)
    let mixing = random.normalMatrix(rows: latent, cols: dimension, scale: 1 / Float(latent).squareRoot())
    let z = random.normalMatrix(rows: rows, cols: latent)
    var x = Matrix.product(z, .none, mixing, .none)
    for i in 0..<x.storage.count { x.storage[i] += noise * random.normal() }
    return x
}

/// A flat double-precision view of a `rows x cols` block inside a parameter vector.
struct Block {
    let p: [Double], offset: Int, cols: Int
    subscript(_ i: Int, _ j: Int) -> Double { p[offset + i * cols + j] }
    subscript(_ i: Int) -> Double { p[offset + i] }
}

func sigmoid(_ a: Double) -> Double { 1 / (1 + exp(-a)) }

/// A short SGD schedule for tests.
func quickSGD(epochs: Int = 8, batch: Int = 20, rate: Double = 1e-2) -> MomentumSGD {
    MomentumSGD(epochs: epochs, batchSize: batch, learningRate: rate, warmupEpochs: 1, warmupLearningRate: rate / 10)
}

/// Whether the last epoch's cost is clearly below the first's.
func costFell(_ record: TrainingRecord, by fraction: Double = 0.9) -> Bool {
    guard let first = record.epochs.first?.cost, let last = record.epochs.last?.cost else { return false }
    return last < fraction * first
}
