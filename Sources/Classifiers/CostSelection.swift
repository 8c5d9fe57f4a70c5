import Linalg

/// Logistic regression's cost C chosen by k-fold cross-validation, as the paper chooses its weight
/// cost on a 10,000-image subset of the training set.
public struct CostSelection: Equatable, Sendable {
    /// The costs tried, in the order given.
    public let costs: [Double]
    /// The mean validation accuracy of each cost over the folds.
    public let meanAccuracies: [Double]
    /// The cost with the highest mean accuracy (the first of equals).
    public let bestCost: Double

    /// Costs from 0.001 to 100, a decade apart.
    public static let defaultCosts: [Double] = [0.001, 0.01, 0.1, 1, 10, 100]

    /// Cross-validates each of `costs` on at most `maximumExamples` rows drawn (seeded) from
    /// `features`, split into `folds` folds of (nearly) equal size.
    public static func crossValidate(features: Matrix, labels: [Int], costs: [Double] = defaultCosts, folds: Int = 5,
                                     maximumExamples: Int = 10_000, seed: UInt64) throws(ClassifierError) -> CostSelection {
        guard features.rows == labels.count else {
            throw ClassifierError.linear(.logisticRegression, "\(features.rows) feature rows but \(labels.count) labels")
        }
        guard !costs.isEmpty else { throw ClassifierError.linear(.logisticRegression, "no costs to choose from") }
        guard folds >= 2 else { throw ClassifierError.linear(.logisticRegression, "cross-validation needs at least 2 folds, got \(folds)") }
        var rng = SeededRandom(seed: seed)
        let subset = rng.sample(min(maximumExamples, features.rows), from: features.rows)
        guard subset.count >= folds else {
            throw ClassifierError.linear(.logisticRegression, "\(subset.count) examples cannot make \(folds) folds")
        }
        let foldOf = subset.indices.map { $0 % folds }
        var totals = [Double](repeating: 0, count: costs.count)
        for fold in 0..<folds {
            let training = subset.indices.filter { foldOf[$0] != fold }.map { subset[$0] }
            let validation = subset.indices.filter { foldOf[$0] == fold }.map { subset[$0] }
            let trainingFeatures = features.rows(at: training), validationFeatures = features.rows(at: validation)
            let trainingLabels = training.map { labels[$0] }, validationLabels = validation.map { labels[$0] }
            for (i, cost) in costs.enumerated() {
                let model = try LogisticRegression.fit(features: trainingFeatures, labels: trainingLabels, cost: cost)
                totals[i] += model.accuracy(features: validationFeatures, labels: validationLabels)
            }
        }
        let means = totals.map { $0 / Double(folds) }
        let best = means.indices.max { means[$0] < means[$1] || (means[$0] == means[$1] && $0 > $1) }!
        return CostSelection(costs: costs, meanAccuracies: means, bestCost: costs[best])
    }
}
