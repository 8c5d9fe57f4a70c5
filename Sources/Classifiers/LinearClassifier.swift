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
