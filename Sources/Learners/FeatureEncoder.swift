import Linalg

/// Anything that maps whitened input rows to feature rows: a trained model at test time.
///
/// The recognition and image pipelines depend only on this: `encode` takes an `N x inputDimension`
/// matrix of whitened examples and returns `N x featureCount` features.
public protocol FeatureEncoder: Sendable {
    /// The input dimensionality D the encoder expects (the patch PCA's output size).
    var inputDimension: Int { get }
    /// The number of features K per example.
    var featureCount: Int { get }
    /// Features of the rows of `inputs` (`N x D`), as an `N x K` matrix.
    func encode(_ inputs: Matrix) -> Matrix
}
