import Linalg
import Support

/// How good fixed features are for a linear classifier: L2-regularised logistic regression whose
/// cost is chosen by cross-validation on a subset of the training rows, then fit on (a subset of)
/// the training rows and scored on the test rows.
///
/// The cost is searched from small to large with early stopping (`chooseCost`). Before anything,
/// train and test features are scaled by statistics of the training features (`Settings.Scaling`):
/// by default divided by one number, their root mean square. One scale for all features changes
/// almost nothing a regularised linear classifier can express (the cost absorbs it; only
/// liblinear's regularised bias feature of value 1 does not scale), but it lets one cost grid serve
/// models whose features differ in scale by orders of magnitude (sigmoids in [0, 1], rectified
/// whitened projections, pixels). Standardising each feature instead (rotdots) also evens out
/// features of different scales within one model.
public enum LinearProbe {
    /// What the probe measured and how long each part took.
    public struct Outcome: Sendable, Equatable {
        /// Fraction of test rows classified correctly.
        public var accuracy: Double
        /// The cost C cross-validation chose.
        public var cost: Double
        /// Seconds spent cross-validating.
        public var crossValidationSeconds: Double
        /// Seconds spent fitting the final classifier.
        public var fitSeconds: Double
        /// Seconds spent predicting the test rows.
        public var testSeconds: Double
    }

    /// Evaluates `training` features (one row per image, labelled `trainingLabels`) against `test`.
    public static func evaluate(training: Matrix, trainingLabels: [Int], test: Matrix, testLabels: [Int],
                                settings: Settings, seed: UInt64) throws -> Outcome {
        let (training, test) = scaled(training: training, test: test, by: settings.scaling)
        let (cost, crossValidationSeconds) = try timed {
            try chooseCost(features: training, labels: trainingLabels, settings: settings, seed: seed)
        }
        var (fitRows, fitLabels) = (training, trainingLabels)
        if settings.fitImages > 0 && settings.fitImages < training.rows {
            var random = SeededRandom(seed: seed &+ 1)
            let picks = random.sample(settings.fitImages, from: training.rows)
            (fitRows, fitLabels) = (training.rows(at: picks), picks.map { trainingLabels[$0] })
        }
        let (model, fitSeconds) = try timed { try LogisticRegression.fit(features: fitRows, labels: fitLabels, cost: cost) }
        let (accuracy, testSeconds) = timed { model.accuracy(features: test, labels: testLabels) }
        return Outcome(accuracy: accuracy, cost: cost, crossValidationSeconds: crossValidationSeconds,
                       fitSeconds: fitSeconds, testSeconds: testSeconds)
    }

    /// `training` and `test` scaled by statistics of `training` alone.
    static func scaled(training: Matrix, test: Matrix, by scaling: Settings.Scaling) -> (training: Matrix, test: Matrix) {
        var (training, test) = (training, test)
        switch scaling {
        case .rootMeanSquare:
            let meanSquare = training.storage.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(training.storage.count, 1))
            if meanSquare > 0 {
                let scale = Float(1 / meanSquare.squareRoot())
                training.scale(by: scale)
                test.scale(by: scale)
            }
        case .standardize:
            let mean = training.columnMeans()
            var scale = [Float](repeating: 0, count: training.cols)
            for r in 0..<training.rows {
                for c in 0..<training.cols { scale[c] += (training[r, c] - mean[c]) * (training[r, c] - mean[c]) }
            }
            scale = scale.map { $0 > 0 ? 1 / ($0 / Float(training.rows)).squareRoot() : 1 }
            func standardize(_ x: inout Matrix) {
                x.addToRows(mean, scale: -1)
                for r in 0..<x.rows { for c in 0..<x.cols { x[r, c] *= scale[c] } }
            }
            standardize(&training)
            standardize(&test)
        }
        return (training, test)
    }

    /// The cost with the best cross-validated accuracy, trying `settings.costs` from the smallest up
    /// and stopping once `settings.patience` costs in a row fall short of the best so far (0: try
    /// all). Larger costs take liblinear far longer, and validation accuracy against log C rises
    /// to one peak and falls, so the costs past the peak are the expensive ones worth skipping.
    /// Every cost sees the same subset and folds (the same seed).
    static func chooseCost(features: Matrix, labels: [Int], settings: Settings, seed: UInt64) throws -> Double {
        var best = (cost: 0.0, accuracy: -1.0), worse = 0
        for cost in settings.costs.sorted() {
            let accuracy = try CostSelection.crossValidate(features: features, labels: labels, costs: [cost], folds: settings.folds,
                                                           maximumExamples: settings.crossValidationImages, seed: seed).meanAccuracies[0]
            if accuracy > best.accuracy {
                (best, worse) = ((cost, accuracy), 0)
            } else {
                worse += 1
                if settings.patience > 0 && worse >= settings.patience { break }
            }
        }
        return best.cost
    }
}
