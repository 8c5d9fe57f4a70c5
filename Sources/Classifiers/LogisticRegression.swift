import CLibLinear
import Linalg

/// L2-regularised logistic regression on dense features, trained by liblinear.
///
/// liblinear 2.3.0 has no multinomial (softmax) logistic regression: its only joint multi-class
/// solver, Crammer-Singer, is an SVM. So this uses `L2R_LR` (primal trust-region Newton), which
/// trains one regularised logistic regression per class against the rest; prediction takes the
/// class with the largest decision value, exactly as liblinear's `predict` does. Each example gets
/// a bias feature of value 1 (regularised with the weights, as liblinear does; `LibLinearTraining`). The objective per
/// class is `1/2 |w|^2 + C sum_i log(1 + exp(-y_i w^T x_i))`: a large `C` is a small weight cost.
///
/// After training, the weights are copied out of liblinear's model and the model is freed, so
/// a `LogisticRegression` is a plain value and prediction is one matrix product.
public struct LogisticRegression: Equatable, Sendable {
    /// The liblinear version the process runs, e.g. `2.30`.
    public static var liblinearVersion: String {
        let minor = zae_liblinear_version() % 100
        return "\(zae_liblinear_version() / 100).\(minor < 10 ? "0" : "")\(minor)"
    }

    /// The class labels, in the order of the columns of `weights`.
    public let classes: [Int]
    /// `K x classes.count` weights: column j scores class `classes[j]`.
    public let weights: Matrix
    /// One bias per class.
    public let biases: [Float]
    /// The cost `C` it was trained with.
    public let cost: Double

    /// Number of input features K.
    public var featureCount: Int { weights.rows }

    /// Trains on the rows of `features` (`N x K`) with one label each; `cost` is liblinear's C > 0.
    /// `tolerance` is liblinear's stopping criterion (its default for `L2R_LR` is 0.01).
    public static func fit(features: Matrix, labels: [Int], cost: Double, tolerance: Double = 0.01) throws(ClassifierError) -> LogisticRegression {
        let trained = try LibLinearTraining.train(features: features, labels: labels, classifier: .logisticRegression, cost: cost, tolerance: tolerance)
        return LogisticRegression(classes: trained.classes, weights: trained.weights, biases: trained.biases, cost: cost)
    }

    /// The decision values `features W + b`, `N x classes.count`.
    public func decisionValues(_ features: Matrix) -> Matrix {
        precondition(features.cols == featureCount, "features have \(features.cols) columns, the model expects \(featureCount)")
        var scores = Matrix.product(features, .none, weights, .none)
        scores.addToRows(biases)
        return scores
    }

    /// The predicted class of each row of `features` (`N x K`).
    public func predict(_ features: Matrix) -> [Int] {
        let scores = decisionValues(features)
        return (0..<scores.rows).map { r in
            var best = 0
            for j in 1..<scores.cols where scores[r, j] > scores[r, best] { best = j }
            return classes[best]
        }
    }

    /// The fraction of rows of `features` whose predicted class is the label.
    public func accuracy(features: Matrix, labels: [Int]) -> Double {
        Self.accuracy(predicted: predict(features), truth: labels)
    }

    /// The fraction of positions where `predicted` and `truth` agree (0 for empty input).
    public static func accuracy(predicted: [Int], truth: [Int]) -> Double {
        precondition(predicted.count == truth.count, "\(predicted.count) predictions for \(truth.count) labels")
        guard !truth.isEmpty else { return 0 }
        return Double(zip(predicted, truth).filter { $0 == $1 }.count) / Double(truth.count)
    }
}
