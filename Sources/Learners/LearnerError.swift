/// Why a learner could not train, or a model bundle or its filters could not be read; each case
/// names the model kind or the file or folder, in one line.
public enum LearnerError: Error, CustomStringConvertible, Equatable {
    // Training.
    /// The cost became NaN or infinite, or grew past the divergence factor times the first epoch's cost.
    case diverged(model: ModelKind, epoch: Int, learningRate: Double, cost: Double)
    /// The training data cannot be used (wrong width, too few rows, non-finite values).
    case invalidData(model: ModelKind, reason: String)
    /// A hyperparameter is out of range.
    case invalidConfiguration(model: ModelKind, reason: String)
    /// A checkpoint folder holds a run that does not match this one.
    case incompatibleCheckpoint(path: String, reason: String)

    // Model bundles.
    /// The folder holds no bundle manifest.
    case notABundle(path: String, reason: String)
    /// `model.json` exists but cannot be understood.
    case malformedManifest(path: String, reason: String)
    /// A format-1 manifest's `metadata` strings cannot be read (wrapped in `malformedManifest`).
    case format1Metadata(reason: String)
    /// An array file the model needs is missing.
    case missingArray(path: String)
    /// An array file cannot be read as float data.
    case unreadableArray(path: String, reason: String)
    /// An array file has the wrong shape.
    case shapeMismatch(path: String, expected: [Int], found: [Int])

    // Filters.
    /// A model's filters cannot be ranked: it lacks the 2-D array the ranking needs.
    case noFilterArray(kind: ModelKind, array: String)

    public var description: String {
        switch self {
        case let .diverged(model, epoch, rate, cost):
            return "\(model.rawValue) diverged in epoch \(epoch) at learning rate \(rate) (cost \(cost)); no model written"
        case let .invalidData(model, reason): return "\(model.rawValue): unusable training data: \(reason)"
        case let .invalidConfiguration(model, reason): return "\(model.rawValue): invalid configuration: \(reason)"
        case let .incompatibleCheckpoint(path, reason): return "checkpoint \(path) does not match this run: \(reason)"
        case let .notABundle(path, reason): return "\(path) is not a model bundle: \(reason)"
        case let .malformedManifest(path, reason): return "\(path): malformed model manifest: \(reason)"
        case let .format1Metadata(reason): return "format 1 metadata: \(reason)"
        case let .missingArray(path): return "\(path): array file missing"
        case let .unreadableArray(path, reason): return "\(path): cannot read array: \(reason)"
        case let .shapeMismatch(path, expected, found): return "\(path): shape \(found), expected \(expected)"
        case let .noFilterArray(kind, array): return "the \(kind.rawValue) model has no 2-D \(array) array"
        }
    }
}
