import Classifiers
import Foundation
import Linalg
import Support

/// One linear SVM per action (liblinear), all with one cost C chosen by cross-validation on the
/// training clips: the C with the highest mean average precision over actions and folds of the
/// held-out clips wins (the first of equals). The classifier of VLAD and Fisher-vector encodings.
public enum LinearOneVsRest {
    /// The scores and the cost chosen.
    public struct Result: Sendable {
        /// Scores `[action][test clip]`.
        public let scores: [[Double]]
        /// The cost C the final classifiers were trained with.
        public let cost: Double
        /// Mean cross-validated AP of each cost tried, in the order given.
        public let validationAP: [Double]
        /// The final classifier of each action (they gave `scores`).
        public let models: [LinearSVM]
    }

    /// Trains on `training` (`n x K`) with labels `[clip][action]`, choosing C among `costs` by
    /// `folds`-fold cross-validation (clips dealt to folds in a seeded random order), and scores `test`.
    /// Throws `.action(index, .singleClass)` for an action without both positive and negative training clips.
    public static func scores(training: Matrix, test: Matrix, labels: [[Bool]], costs: [Double], folds: Int,
                              seed: UInt64) throws -> Result {
        let n = labels.count
        guard let actions = labels.first?.count, training.rows == n, test.cols == training.cols else {
            throw ClassifierError.dimensionMismatch("\(training.rows) training rows, \(n) label rows, test width \(test.cols) for \(training.cols)")
        }
        for a in 0..<actions {
            let positives = labels.filter { $0[a] }.count
            if positives == 0 || positives == n { throw ClassifierError.action(a, .singleClass(positives: positives, negatives: n - positives)) }
        }
        var validationAP = [Double](repeating: 0, count: costs.count)
        if costs.count > 1 {
            var random = SeededRandom(seed: seed)
            let order = random.sample(n, from: n)
            var foldOf = [Int](repeating: 0, count: n)
            for (i, clip) in order.enumerated() { foldOf[clip] = i % folds }
            var trials = [Int](repeating: 0, count: costs.count)
            for fold in 0..<folds {
                let inside = (0..<n).filter { foldOf[$0] != fold }, held = (0..<n).filter { foldOf[$0] == fold }
                let foldTraining = training.rows(at: inside), foldValidation = training.rows(at: held)
                // Actions in parallel; each slot holds that action's AP per cost (nil: the fold says nothing).
                let perAction = ResultSlots<Swift.Result<[Double?], Error>>(count: actions)
                DispatchQueue.concurrentPerform(iterations: actions) { a in
                    perAction[a] = Swift.Result {
                        let trainLabels = inside.map { labels[$0][a] }, heldLabels = held.map { labels[$0][a] }
                        // A fold without both classes on either side says nothing about C.
                        guard Set(trainLabels).count == 2, heldLabels.contains(true) else { return costs.map { _ in nil } }
                        return try costs.map { cost in
                            let svm = try LinearSVM.fit(features: foldTraining, positive: trainLabels, cost: cost)
                            return AveragePrecision.nonInterpolated(scores: svm.decisionValues(foldValidation), labels: heldLabels)
                        }
                    }
                }
                for result in perAction.values {
                    for (i, ap) in try result!.get().enumerated() {
                        if let ap { validationAP[i] += ap; trials[i] += 1 }
                    }
                }
            }
            validationAP = zip(validationAP, trials).map { $1 > 0 ? $0 / Double($1) : 0 }
        }
        let best = validationAP.indices.max { validationAP[$0] < validationAP[$1] || (validationAP[$0] == validationAP[$1] && $0 > $1) } ?? 0
        let results = ResultSlots<Swift.Result<LinearSVM, Error>>(count: actions)
        DispatchQueue.concurrentPerform(iterations: actions) { a in
            results[a] = Swift.Result { try LinearSVM.fit(features: training, positive: labels.map { $0[a] }, cost: costs[best]) }
        }
        let models = try results.values.map { try $0!.get() }
        return Result(scores: models.map { $0.decisionValues(test) }, cost: costs[best], validationAP: validationAP, models: models)
    }
}
