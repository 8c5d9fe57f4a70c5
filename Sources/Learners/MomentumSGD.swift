import Foundation
import Linalg
import Support

/// Minibatch SGD with classical momentum (`v = momentum * v - lr * g; p = p + v`) and a warm-up
/// learning rate for the first epochs: the schedule every gradient-trained learner shares.
public struct MomentumSGD: Codable, Sendable, Equatable {
    /// Total number of epochs, warm-up included.
    public var epochs: Int
    /// Examples per batch; an epoch uses `rows / batchSize` full batches of a fresh shuffle.
    public var batchSize: Int
    /// The momentum coefficient.
    public var momentum: Double
    /// The learning rate after warm-up.
    public var learningRate: Double
    /// Epochs run at `warmupLearningRate` first.
    public var warmupEpochs: Int
    /// The learning rate of the warm-up epochs.
    public var warmupLearningRate: Double
    /// Training stops as diverged when an epoch's cost exceeds this times the first epoch's cost.
    public var divergenceFactor: Double

    /// A schedule; the defaults follow the paper (batch 100, momentum 0.9, warm-up at 1e-4, then 1e-3).
    public init(epochs: Int = 50, batchSize: Int = 100, momentum: Double = 0.9, learningRate: Double = 1e-3,
                warmupEpochs: Int = 3, warmupLearningRate: Double = 1e-4, divergenceFactor: Double = 1e3) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.momentum = momentum
        self.learningRate = learningRate
        self.warmupEpochs = warmupEpochs
        self.warmupLearningRate = warmupLearningRate
        self.divergenceFactor = divergenceFactor
    }

    /// The learning rate of `epoch` (counting from 1).
    public func learningRate(forEpoch epoch: Int) -> Double {
        epoch <= warmupEpochs ? warmupLearningRate : learningRate
    }

    /// Throws unless the schedule is usable.
    func validate(for kind: ModelKind) throws {
        guard epochs >= 1, batchSize >= 1, warmupEpochs >= 0, momentum >= 0, momentum < 1,
              learningRate > 0, warmupLearningRate > 0, divergenceFactor > 1 else {
            throw LearnerError.invalidConfiguration(model: kind, reason: "SGD schedule out of range: \(self)")
        }
    }

    /// Trains `objective` on the rows of `data` and returns the final flat parameters (in the stored
    /// order; the steps run in the objective's `stepLayout`) with the history.
    ///
    /// Each epoch shuffles the row order (the permutation depends only on the seed and the epoch,
    /// so a resumed run repeats an uninterrupted one) and walks it in consecutive batches, each
    /// gathered into one batch buffer allocated once: the batches of a shuffled copy of the data,
    /// without the copy (which would double the training stage's memory). Throws
    /// `LearnerError.diverged` at the first non-finite batch cost, non-finite parameter or an
    /// epoch cost above `divergenceFactor` times the first epoch's.
    func minimize(_ objective: some GradientObjective, data: Matrix, run: TrainingRun,
                  initialParameters: () -> [Float], progress: ProgressHandler?) throws -> (parameters: [Float], record: TrainingRecord) {
        try BLASRuntime.singleThreaded {
            try minimizeSingleThreaded(objective, data: data, run: run, initialParameters: initialParameters, progress: progress)
        }
    }

    /// `minimize` with BLAS already single-threaded (minibatch products are too small to share).
    private func minimizeSingleThreaded(_ objective: some GradientObjective, data: Matrix, run: TrainingRun,
                                        initialParameters: () -> [Float], progress: ProgressHandler?) throws -> (parameters: [Float], record: TrainingRecord) {
        try validate(for: run.kind)
        var parameters: [Float], velocity: [Float], record: TrainingRecord
        let fingerprint = DataFingerprint(data, needed: run.checkpoint != nil)
        if let state = try run.resumableState(data: fingerprint) {
            (parameters, velocity, record) = (state.parameters, state.velocity, state.record)
        } else {
            parameters = initialParameters()
            velocity = [Float](repeating: 0, count: parameters.count)
            record = TrainingRecord(seed: run.seed)
        }
        precondition(parameters.count == objective.parameterCount && velocity.count == parameters.count,
                     "parameter vector has the wrong length")
        (parameters, velocity) = (objective.stepLayout(parameters), objective.stepLayout(velocity))
        let n = data.rows, d = data.cols
        let rows = Swift.min(batchSize, n), batches = n / rows
        var batch = [Float](repeating: 0, count: rows * d)
        var order = [Int](repeating: 0, count: n)
        var firstCost = record.epochs.first?.cost
        var epoch = record.epochs.count + 1
        while epoch <= epochs {
            let rate = learningRate(forEpoch: epoch)
            let stopwatch = Stopwatch()
            var random = SeededRandom(seed: derivedSeed(run.seed, stream: UInt64(epoch)))
            for i in 0..<n { order[i] = i }
            order.shuffle(using: &random)
            var costSum = 0.0, active = 0, units = 0
            try parameters.withUnsafeMutableBufferPointer { p in
                try velocity.withUnsafeMutableBufferPointer { v in
                    try batch.withUnsafeMutableBufferPointer { x in
                        for b in 0..<batches {
                            gatherRows(of: data, order[(b * rows)..<((b + 1) * rows)], into: x.baseAddress!)
                            let stats = objective.descend(parameters: p, velocity: v, batch: x.baseAddress!, rows: rows,
                                                          rate: Float(rate), momentum: Float(momentum), random: &random)
                            guard stats.cost.isFinite else {
                                throw LearnerError.diverged(model: run.kind, epoch: epoch, learningRate: rate, cost: stats.cost)
                            }
                            costSum += stats.cost
                            active += stats.active
                            units += stats.units
                        }
                    }
                }
            }
            let cost = costSum / Double(batches)
            if !parameters.allSatisfy(\.isFinite) || cost > divergenceFactor * Swift.max(firstCost ?? cost, 1e-12) {
                throw LearnerError.diverged(model: run.kind, epoch: epoch, learningRate: rate, cost: cost)
            }
            firstCost = firstCost ?? cost
            let report = EpochReport(epoch: epoch, cost: cost, seconds: stopwatch.seconds, learningRate: rate,
                                     activeFraction: units > 0 ? Double(active) / Double(units) : nil)
            record.epochs.append(report)
            if run.checkpoint != nil {
                try run.saveCheckpoint(record: record, parameters: objective.storedLayout(parameters),
                                       velocity: objective.storedLayout(velocity), data: fingerprint)
            }
            try progress?(report)
            epoch += 1
        }
        return (objective.storedLayout(parameters), record)
    }
}

/// Copies the rows of `data` named by `rows`, in their order, to `out` (room for `rows.count` rows).
private func gatherRows(of data: Matrix, _ rows: ArraySlice<Int>, into out: UnsafeMutablePointer<Float>) {
    let d = data.cols
    data.storage.withUnsafeBufferPointer { src in
        for (i, r) in rows.enumerated() {
            (out + i * d).update(from: src.baseAddress! + r * d, count: d)
        }
    }
}
