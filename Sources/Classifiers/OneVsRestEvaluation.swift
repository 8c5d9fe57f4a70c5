import Foundation
import Linalg
import Support

/// One binary classifier per action (clips may carry several actions): each is trained on the
/// shared training kernel with that action's clips as positives and all others as negatives, and
/// scores every test clip. Actions are trained concurrently.
public enum OneVsRestEvaluation {
    /// Scores `[action][test clip]` from the training kernel (`n x n`), the test kernel (`m x n`)
    /// and the training labels `[clip][action]`; throws the first action's error (for example an
    /// action with no positive training clip), naming the action by its index.
    public static func scores(trainingKernel: Matrix, testKernel: Matrix, trainingLabels: [[Bool]],
                              settings: SVMSettings = SVMSettings()) throws(ClassifierError) -> [[Double]] {
        let n = trainingLabels.count
        guard let actions = trainingLabels.first?.count, trainingLabels.allSatisfy({ $0.count == actions }) else {
            throw .dimensionMismatch("training labels must be a non-empty clips x actions table with rows of equal length")
        }
        guard trainingKernel.rows == n, trainingKernel.cols == n, testKernel.cols == n else {
            throw .dimensionMismatch("kernels \(trainingKernel.rows) x \(trainingKernel.cols) and \(testKernel.rows) x \(testKernel.cols) do not fit \(n) training clips")
        }
        let results = ResultSlots<Result<[Double], ClassifierError>>(count: actions)
        DispatchQueue.concurrentPerform(iterations: actions) { action in
            results[action] = Result { () throws(ClassifierError) -> [Double] in
                let classifier = try SVMClassifier(trainingKernel: trainingKernel, labels: trainingLabels.map { $0[action] }, settings: settings)
                return classifier.scores(testKernel: testKernel)
            }.mapError { .action(action, $0) }
        }
        return try results.values.map { (result) throws(ClassifierError) in try result!.get() }
    }
}
