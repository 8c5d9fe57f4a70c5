import Foundation
import Linalg
import Support

/// One binary classifier per action (clips may carry several actions): each is trained on the
/// shared training kernel with that action's clips as positives and all others as negatives, and
/// scores every test clip. Actions are trained concurrently.
public enum OneVsRestEvaluation {
    /// One action's classifier: its scores of the test clips and its libsvm model (`SVMClassifier.savedModel()`).
    public struct TrainedAction: Sendable {
        /// Decision values of the test clips.
        public let scores: [Double]
        /// The classifier in libsvm's text format.
        public let savedModel: Data
    }

    /// Scores `[action][test clip]` from the training kernel (`n x n`), the test kernel (`m x n`)
    /// and the training labels `[clip][action]`; throws the first action's error (for example an
    /// action with no positive training clip), naming the action by its index.
    public static func scores(trainingKernel: Matrix, testKernel: Matrix, trainingLabels: [[Bool]],
                              settings: SVMSettings = SVMSettings()) throws(ClassifierError) -> [[Double]] {
        try train(trainingKernel: trainingKernel, testKernel: testKernel, trainingLabels: trainingLabels, settings: settings).map(\.scores)
    }

    /// As `scores`, keeping each action's trained classifier (for prediction on other clips later).
    public static func train(trainingKernel: Matrix, testKernel: Matrix, trainingLabels: [[Bool]],
                             settings: SVMSettings = SVMSettings()) throws(ClassifierError) -> [TrainedAction] {
        let n = trainingLabels.count
        guard let actions = trainingLabels.first?.count, trainingLabels.allSatisfy({ $0.count == actions }) else {
            throw .dimensionMismatch("training labels must be a non-empty clips x actions table with rows of equal length")
        }
        guard trainingKernel.rows == n, trainingKernel.cols == n, testKernel.cols == n else {
            throw .dimensionMismatch("kernels \(trainingKernel.rows) x \(trainingKernel.cols) and \(testKernel.rows) x \(testKernel.cols) do not fit \(n) training clips")
        }
        let results = ResultSlots<Result<TrainedAction, ClassifierError>>(count: actions)
        DispatchQueue.concurrentPerform(iterations: actions) { action in
            results[action] = Result { () throws(ClassifierError) -> TrainedAction in
                let classifier = try SVMClassifier(trainingKernel: trainingKernel, labels: trainingLabels.map { $0[action] }, settings: settings)
                return TrainedAction(scores: classifier.scores(testKernel: testKernel), savedModel: try classifier.savedModel())
            }.mapError { .action(action, $0) }
        }
        return try results.values.map { (result) throws(ClassifierError) in try result!.get() }
    }
}
