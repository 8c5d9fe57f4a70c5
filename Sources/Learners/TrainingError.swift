/// Why training stopped without a model.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// The cost became NaN or infinite, or grew past the divergence factor times the first epoch's cost.
    case diverged(model: ModelKind, epoch: Int, learningRate: Double, cost: Double)
    /// The training data cannot be used (wrong width, too few rows, non-finite values).
    case invalidData(model: ModelKind, reason: String)
    /// A hyperparameter is out of range.
    case invalidConfiguration(model: ModelKind, reason: String)
    /// A checkpoint folder holds a run that does not match this one.
    case incompatibleCheckpoint(path: String, reason: String)

    public var description: String {
        switch self {
        case let .diverged(model, epoch, rate, cost):
            return "\(model.rawValue) diverged in epoch \(epoch) at learning rate \(rate) (cost \(cost)); no model written"
        case let .invalidData(model, reason): return "\(model.rawValue): unusable training data: \(reason)"
        case let .invalidConfiguration(model, reason): return "\(model.rawValue): invalid configuration: \(reason)"
        case let .incompatibleCheckpoint(path, reason): return "checkpoint \(path) does not match this run: \(reason)"
        }
    }
}
