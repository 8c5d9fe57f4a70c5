/// Why a kernel SVM or a liblinear classifier could not be trained or used.
public enum ClassifierError: Error, CustomStringConvertible, Equatable {
    /// Two inputs disagree in size.
    case dimensionMismatch(String)
    /// A binary classifier got labels of one class only.
    case singleClass(positives: Int, negatives: Int)
    /// libsvm refused the problem or its parameters.
    case libsvm(String)
    /// A saved libsvm model cannot be used, and why.
    case savedModel(String)
    /// One class's classifier failed (classes are numbered from 0 in label-table order).
    indirect case action(Int, ClassifierError)
    /// A liblinear classifier could not be trained, and why.
    case linear(LinearClassifier, String)

    /// The error in one line.
    public var description: String {
        switch self {
        case let .dimensionMismatch(text): return "dimension mismatch: \(text)"
        case let .singleClass(positives, negatives):
            return "a binary classifier needs both classes, got \(positives) positive and \(negatives) negative examples"
        case let .libsvm(text): return "libsvm: \(text)"
        case let .savedModel(text): return "saved libsvm model: \(text)"
        case let .action(index, error): return "action \(index): \(error)"
        case let .linear(classifier, reason): return "\(classifier.rawValue): \(reason)"
        }
    }
}
