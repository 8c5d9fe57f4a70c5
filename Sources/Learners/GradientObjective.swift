import Foundation
import Linalg

/// The cost of one batch and how many hidden units fired in it.
struct BatchStats {
    /// The batch's mean cost per example.
    var cost: Double
    /// Hidden pre-activations above the threshold (0 where the model has none).
    var active: Int = 0
    /// Hidden pre-activations counted (0 = the active fraction is not meaningful).
    var units: Int = 0
}

/// A model's training step over a flat parameter vector, for the shared momentum trainer and the
/// gradient checks.
///
/// `step` writes `update = decay * update + scale * g` where `g` is the gradient of the batch's mean
/// cost (for the RBM: the negated CD-1 statistics). With `scale = 1, decay = 0` that is the gradient
/// itself; with `scale = -lr, decay = momentum` it is the classical momentum velocity, which lets
/// the weight gradients land in the velocity straight from sgemm's `alpha` and `beta`.
/// Implementations preallocate every buffer for `maxRows` examples: a step allocates nothing.
protocol GradientObjective: AnyObject {
    /// Length of the flat parameter vector.
    var parameterCount: Int { get }
    /// One batch of `rows` consecutive examples starting at `batch` (row length = input dimension).
    func step(parameters: UnsafePointer<Float>, batch: UnsafePointer<Float>, rows: Int,
              update: UnsafeMutablePointer<Float>, scale: Float, decay: Float,
              random: inout SeededRandom) -> BatchStats
    /// One momentum step on a batch, both vectors in `step`'s layout: `velocity = momentum * velocity
    /// - rate * g`, `parameters += velocity`, then `project`. The default runs `step`, then the update.
    func descend(parameters: UnsafeMutableBufferPointer<Float>, velocity: UnsafeMutableBufferPointer<Float>,
                 batch: UnsafePointer<Float>, rows: Int, rate: Float, momentum: Float,
                 random: inout SeededRandom) -> BatchStats
    /// Restores a constraint on the parameters after an update (covAE normalises its filters).
    func project(_ parameters: UnsafeMutablePointer<Float>)
    /// The stored parameter vector (the model's arrays, checkpoints) in the layout `step` works on
    /// (another order, possibly padded).
    func stepLayout(_ stored: [Float]) -> [Float]
    /// A vector in `step`'s layout (parameters, velocity, gradient) back in the stored one.
    func storedLayout(_ step: [Float]) -> [Float]
}

extension GradientObjective {
    func descend(parameters: UnsafeMutableBufferPointer<Float>, velocity: UnsafeMutableBufferPointer<Float>,
                 batch: UnsafePointer<Float>, rows: Int, rate: Float, momentum: Float,
                 random: inout SeededRandom) -> BatchStats {
        let (p, v) = (parameters.baseAddress!, velocity.baseAddress!)
        let stats = step(parameters: p, batch: batch, rows: rows, update: v, scale: -rate, decay: momentum, random: &random)
        for i in 0..<parameters.count { p[i] += v[i] }
        project(p)
        return stats
    }

    func project(_ parameters: UnsafeMutablePointer<Float>) {}
    func stepLayout(_ stored: [Float]) -> [Float] { stored }
    func storedLayout(_ step: [Float]) -> [Float] { step }
}

/// A zero-filled float buffer owned by a training objective, allocated once and freed with it.
final class Scratch {
    /// The first element.
    let pointer: UnsafeMutablePointer<Float>

    init(_ count: Int) {
        pointer = .allocate(capacity: Swift.max(count, 1))
        pointer.initialize(repeating: 0, count: Swift.max(count, 1))
    }

    deinit { pointer.deallocate() }
}

/// `out[i] = decay * out[i] + scale * g[i]` over `count` elements.
@inline(__always)
func blend(_ out: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, count: Int, scale: Float, decay: Float) {
    for i in 0..<count { out[i] = decay * out[i] + scale * g[i] }
}

/// The logistic sigmoid.
@inline(__always)
func sigmoid(_ a: Float) -> Float { 1 / (1 + expf(-a)) }

/// Turns `e` (holding `R = H W^T`, `rows x d`) into `(R + c - X) / B` in place, copies `X` to
/// `xCopy`, sums the scaled errors over rows into `errorSum` and returns the mean `1/2 |r - x|^2`.
@inline(__always)
func reconstructionErrors(e: UnsafeMutablePointer<Float>, x: UnsafePointer<Float>, c: UnsafePointer<Float>,
                          xCopy: UnsafeMutablePointer<Float>, errorSum: UnsafeMutablePointer<Float>, rows: Int, d: Int) -> Double {
    let inverse = 1 / Float(rows)
    var cost: Double = 0
    for j in 0..<d { errorSum[j] = 0 }
    for n in 0..<rows {
        let er = e + n * d, xr = x + n * d, xc = xCopy + n * d
        var rowCost: Float = 0
        for j in 0..<d {
            let xv = xr[j]
            let diff = er[j] + c[j] - xv
            rowCost += diff * diff
            let scaled = diff * inverse
            er[j] = scaled
            errorSum[j] += scaled
            xc[j] = xv
        }
        cost += Double(rowCost)
    }
    return cost * 0.5 * Double(inverse)
}
