import Linalg

/// A binary L2-regularised linear SVM with the squared hinge loss, trained by liblinear: minimises
/// `1/2 |w|^2 + C sum_i max(0, 1 - y_i w^T x_i)^2` with a bias feature of value 1. The solver is the
/// primal trust-region Newton method (`L2R_L2LOSS_SVC`), not liblinear's default dual coordinate
/// descent: the dual solver shuffles with the C library's global `rand()`, so trainings running
/// side by side (or after other work) would give different weights from run to run. The classifier
/// Fisher vectors and VLAD are scored with.
public struct LinearSVM: Equatable, Sendable {
    /// The weights of the positive class (`K` values).
    public let weights: [Float]
    /// Its bias.
    public let bias: Float
    /// The cost `C` it was trained with.
    public let cost: Double

    /// A trained SVM from its parts (as stored by a run).
    public init(weights: [Float], bias: Float, cost: Double) {
        self.weights = weights
        self.bias = bias
        self.cost = cost
    }

    /// Trains on the rows of `features` (`N x K`), each labelled positive or negative (both must occur).
    /// Failures name the linear SVM. With more features than examples it is solved in the span of
    /// the examples (`LibLinearTraining`; `inSpan` forces either way, for tests).
    public static func fit(features: Matrix, positive: [Bool], cost: Double, tolerance: Double = 0.01,
                           inSpan: Bool? = nil) throws(ClassifierError) -> LinearSVM {
        let trained = try LibLinearTraining.train(features: features, labels: positive.map { $0 ? 1 : -1 },
                                                  classifier: .linearSVM, cost: cost, tolerance: tolerance, inSpan: inSpan)
        let column = trained.classes.firstIndex(of: 1)!
        return LinearSVM(weights: trained.weights.column(column), bias: trained.biases[column], cost: cost)
    }

    /// The decision value `w^T x + b` of each row of `features`: larger is more positive.
    public func decisionValues(_ features: Matrix) -> [Double] {
        precondition(features.cols == weights.count, "features have \(features.cols) columns, the SVM expects \(weights.count)")
        let scores = Matrix.product(features, .none, Matrix(rows: weights.count, cols: 1, storage: weights), .none)
        return scores.storage.map { Double($0) + Double(bias) }
    }
}
