import CLibLinear

/// The classifiers trained by liblinear, each with its solver.
public enum LinearClassifier: String, Sendable, Equatable {
    /// L2-regularised logistic regression (`L2R_LR`).
    case logisticRegression = "logistic regression"
    /// L2-regularised squared-hinge linear SVM, primal solver (`L2R_L2LOSS_SVC`).
    case linearSVM = "linear SVM"

    /// liblinear's solver type.
    var solver: Int32 {
        switch self {
        case .logisticRegression: return Int32(L2R_LR)
        case .linearSVM: return Int32(L2R_L2LOSS_SVC)
        }
    }
}

/// Why a liblinear classifier could not be trained, in one line naming the classifier.
public struct LinearTrainingFailure: Error, CustomStringConvertible, Equatable {
    /// The classifier that was being trained.
    public let classifier: LinearClassifier
    /// What was wrong.
    public let reason: String

    /// A failure of `classifier` for `reason`.
    public init(_ classifier: LinearClassifier, _ reason: String) {
        self.classifier = classifier
        self.reason = reason
    }

    public var description: String { "\(classifier.rawValue): \(reason)" }
}
