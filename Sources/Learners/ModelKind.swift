import Support

/// The feature learners the project trains, by their command-line names.
public enum ModelKind: String, SettingChoice, Sendable {
    /// Zero-bias autoencoder, truncated rectified activation (mask `a > theta`).
    case trec
    /// Zero-bias autoencoder, thresholded linear activation (mask `a^2 > theta`).
    case tlin
    /// Contractive autoencoder (sigmoid hiddens, tied linear decoder).
    case cae
    /// Covariance (single-input gated) autoencoder.
    case covae
    /// Factored gated RBM over consecutive frame pairs (approximate re-implementation).
    case grbm
    /// Spherical K-means.
    case kmeans

    /// What the learner is, for people: "zero-bias autoencoder (TRec)", ...
    public var title: String {
        switch self {
        case .trec: "zero-bias autoencoder (TRec)"
        case .tlin: "zero-bias autoencoder (TLin)"
        case .cae: "contractive autoencoder"
        case .covae: "covariance autoencoder"
        case .grbm: "factored gated RBM (approximate re-implementation)"
        case .kmeans: "spherical K-means"
        }
    }

    /// The registry: every fact about this kind of learner.
    public var learner: LearnerKind {
        switch self {
        case .trec: .trec
        case .tlin: .tlin
        case .cae: .cae
        case .covae: .covae
        case .grbm: .grbm
        case .kmeans: .kmeans
        }
    }
}

/// How a trained model turns inputs into features.
///
/// Every model defines all three, so any choice is valid for any model:
/// - `zeroBiasReLU`: the paper's test-time encoding, `max(0, pre-activation without bias)`.
/// - `natural`: the model's own inference (ZAE: the thresholded training activation; cAE: the
///   sigmoid with bias; covAE: the sigmoid mapping units; GRBM: hidden probabilities pooled over the
///   frame pairs; K-means: the winning centroid's projection, zero elsewhere).
/// - `reluWithBias`: `max(0, pre-activation + hidden bias)`; identical to `zeroBiasReLU` for models
///   without a hidden bias (ZAE, K-means).
public enum Inference: String, SettingChoice, Sendable {
    /// The paper's test-time encoding, `max(0, pre-activation without bias)`.
    case zeroBiasReLU
    /// The model's own inference.
    case natural
    /// `max(0, pre-activation + hidden bias)`.
    case reluWithBias
}
