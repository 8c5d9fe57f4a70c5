import Linalg

/// The hyperparameters of one feature learner, able to train it (scikit-learn's estimator shape:
/// every hyperparameter explicit, `fit` on a plain matrix).
public protocol LearnerConfiguration: Codable, Sendable, Equatable {
    /// The trained model `fit` returns.
    associatedtype Model: LearnedModel where Model.Configuration == Self
    /// Which model these hyperparameters train.
    var kind: ModelKind { get }
    /// Trains on the rows of `data` (`N x D`, whitened), reproducibly from `seed`.
    ///
    /// - Parameters:
    ///   - checkpoint: where to save the state after every epoch and whether to resume from it.
    ///   - progress: called after every epoch.
    /// - Throws: `LearnerError` for unusable data or hyperparameters, a diverging run or a
    ///   mismatched checkpoint; a model is returned only when training finished cleanly.
    func fit(_ data: Matrix, seed: UInt64, checkpoint: CheckpointPolicy?, progress: ProgressHandler?) throws -> Model
}

extension LearnerConfiguration {
    /// Trains without checkpoints or progress reports.
    public func fit(_ data: Matrix, seed: UInt64) throws -> Model {
        try fit(data, seed: seed, checkpoint: nil, progress: nil)
    }
}

/// A trained feature learner: encodes with a choice of inference and saves to a model bundle.
public protocol LearnedModel: FeatureEncoder {
    /// The hyperparameter type that trains this model.
    associatedtype Configuration: LearnerConfiguration where Configuration.Model == Self
    /// The hyperparameters the model was trained with.
    var configuration: Configuration { get }
    /// The seed and per-epoch history.
    var record: TrainingRecord { get }
    /// The inference `encode(_:)` uses.
    var inference: Inference { get set }
    /// Features of the rows of `inputs` (`N x D`) under `inference`, as an `N x featureCount` matrix.
    func encode(_ inputs: Matrix, inference: Inference) -> Matrix
    /// The learned arrays by file stem (`W`, `c`, ...), each with its numpy shape.
    var arrays: [String: NPYArray] { get }
    /// The shapes the arrays of a model with this configuration and input dimension must have.
    static func arrayShapes(configuration: Configuration, inputDimension: Int) -> [String: [Int]]
    /// Rebuilds a model from stored parts whose shapes match `arrayShapes` (row-major values).
    init(configuration: Configuration, inputDimension: Int, arrays: [String: [Float]], record: TrainingRecord, inference: Inference)
}

extension LearnedModel {
    /// Which model this is.
    public var kind: ModelKind { configuration.kind }

    /// Features of the rows of `inputs` under the model's `inference`.
    public func encode(_ inputs: Matrix) -> Matrix { encode(inputs, inference: inference) }
}

/// `max(0, x)` elementwise.
func rectified(_ m: Matrix) -> Matrix {
    var out = m
    for i in 0..<out.storage.count { out.storage[i] = Swift.max(0, out.storage[i]) }
    return out
}

/// The pre-activations `inputs * w (+ bias on every row)`.
func responses(_ inputs: Matrix, _ w: Matrix, bias: [Float]? = nil) -> Matrix {
    precondition(inputs.cols == w.rows, "inputs have \(inputs.cols) columns, the model expects \(w.rows)")
    var a = Matrix.product(inputs, .none, w, .none)
    if let bias { a.addToRows(bias) }
    return a
}
