import Linalg

/// A model whose encoder is one `D x K` weight matrix, tied with its decoder (the zero-bias and
/// contractive autoencoders): its sizes follow from that matrix.
public protocol TiedWeightModel {
    /// The weights, one column per hidden unit.
    var weights: Matrix { get }
}

extension TiedWeightModel {
    /// D, the input dimension.
    public var inputDimension: Int { weights.rows }
    /// K, the hidden units.
    public var featureCount: Int { weights.cols }
}
