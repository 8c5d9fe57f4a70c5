import Foundation
import Linalg

/// The exponential chi-squared kernel over histograms: `K(x, y) = exp(-chi2(x, y) / (2 mu))`,
/// `chi2(x, y) = sum_i (x_i - y_i)^2 / (x_i + y_i)` (terms with `x_i + y_i = 0` count 0), and `mu`
/// the mean chi2 distance between distinct training histograms (the diagonal's zeros are left out),
/// reused unchanged for test kernels.
public struct ChiSquaredKernel: Sendable {
    /// The training histograms, one per row (`n x d`).
    public let training: Matrix
    /// `mu`: the mean chi2 distance over pairs of distinct training histograms.
    public let meanDistance: Double
    /// The training kernel, `n x n`.
    public let trainingKernel: Matrix

    /// Fits `mu` on the rows of `training` (at least 2, not all equal) and computes the training kernel.
    public init(training: Matrix) throws(RecognitionError) {
        guard training.rows >= 2 else { throw .invalidSetting("the chi-squared kernel needs at least 2 training histograms, got \(training.rows)") }
        var distances = Self.distances(training, training, symmetric: true)
        let n = training.rows
        let mu = distances.storage.reduce(0.0) { $0 + Double($1) } / Double(n * (n - 1))
        guard mu > 0 else { throw .invalidSetting("all training histograms are equal: the chi-squared kernel's mean distance is 0") }
        Self.exponentiate(&distances, meanDistance: mu)
        self.training = training
        self.meanDistance = mu
        self.trainingKernel = distances
    }

    /// The kernel between the rows of `test` (`m x d`) and the training histograms, `m x n`.
    public func kernel(against test: Matrix) -> Matrix {
        Self.kernel(test, training: training, meanDistance: meanDistance)
    }

    /// The kernel between the rows of `test` (`m x d`) and of `training` (`n x d`), `m x n`, with a
    /// `meanDistance` fit before: what a saved classifier needs, without the `n x n` training kernel.
    public static func kernel(_ test: Matrix, training: Matrix, meanDistance: Double) -> Matrix {
        precondition(test.cols == training.cols, "test histograms have \(test.cols) bins, training ones \(training.cols)")
        var k = distances(test, training, symmetric: false)
        exponentiate(&k, meanDistance: meanDistance)
        return k
    }

    /// chi2 distances between every row of `a` (`m x d`) and every row of `b` (`n x d`), `m x n`.
    /// Rows are spread over all cores; `symmetric` (a is b) computes one triangle and mirrors it.
    public static func distances(_ a: Matrix, _ b: Matrix) -> Matrix {
        distances(a, b, symmetric: false)
    }

    static func distances(_ a: Matrix, _ b: Matrix, symmetric: Bool) -> Matrix {
        precondition(a.cols == b.cols, "histograms differ in length: \(a.cols) and \(b.cols)")
        let m = a.rows, n = b.rows, d = a.cols
        var out = Matrix(rows: m, cols: n)
        out.storage.withUnsafeMutableBufferPointer { po in
            let o = SendablePointer(po.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: m) { i in
                a.storage.withUnsafeBufferPointer { pa in
                    b.storage.withUnsafeBufferPointer { pb in
                        for j in (symmetric ? i + 1 : 0)..<n {
                            o.pointer[i * n + j] = chiSquared(pa.baseAddress! + i * d, pb.baseAddress! + j * d, count: d)
                        }
                    }
                }
            }
            if symmetric {
                for i in 0..<m { for j in 0..<i { po[i * n + j] = po[j * n + i] } }
            }
        }
        return out
    }

    /// `k = exp(-k / (2 mu))`, elementwise.
    static func exponentiate(_ k: inout Matrix, meanDistance mu: Double) {
        let scale = Float(-1 / (2 * mu))
        for i in 0..<k.storage.count { k.storage[i] = exp(k.storage[i] * scale) }
    }

    /// `sum (x_i - y_i)^2 / (x_i + y_i)` over `count` floats, terms with `x_i + y_i = 0` skipped.
    @inline(__always)
    static func chiSquared(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        typealias Lanes = SIMD16<Float>
        let width = Lanes.scalarCount
        var lanes = Lanes(repeating: 0)
        var i = 0
        while i + width <= count {
            let u = UnsafeRawPointer(x + i).loadUnaligned(as: Lanes.self)
            let v = UnsafeRawPointer(y + i).loadUnaligned(as: Lanes.self)
            let sum = u + v, diff = u - v
            let zero = sum .== 0
            lanes += (diff * diff).replacing(with: 0, where: zero) / sum.replacing(with: 1, where: zero)
            i += width
        }
        var s = lanes.sum()
        while i < count {
            let sum = x[i] + y[i], diff = x[i] - y[i]
            if sum != 0 { s += diff * diff / sum }
            i += 1
        }
        return s
    }
}

/// A raw pointer handed to concurrent workers that write disjoint elements through it.
struct SendablePointer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
}
