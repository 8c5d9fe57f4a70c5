import Support

/// How a clip's reduced descriptors become the vector its classifiers see: the `encoding` section
/// of a pipeline file. The defaults are the paper's: a whole-clip bag of words with the chi-squared
/// kernel SVM (`vocabulary` and `classifier` settings).
public struct EncodingSettings: Codable, Sendable, Equatable {
    /// The encodings.
    public enum Kind: String, SettingChoice, Sendable {
        /// Weighted L1-normalised histograms over the `vocabulary` words, chi-squared kernel SVMs.
        case bow
        /// VLAD over `vladWords` K-means words, signed square root and L2 per cell, linear SVMs.
        case vlad
        /// Fisher vectors under a `gmmComponents`-Gaussian diagonal GMM, signed square root and L2 per cell, linear SVMs.
        case fisher
    }

    /// bow, vlad or fisher.
    public var kind = Kind.bow
    /// Grids of the spatio-temporal pyramid, each [frames, height, width] cells; [[1, 1, 1]] is the whole clip.
    public var pyramid = [[1, 1, 1]]
    /// VLAD's words (a K-means vocabulary fit with the `vocabulary` section's sample, runs, iterations and seed).
    public var vladWords = 64
    /// Gaussians of the Fisher vectors' mixture.
    public var gmmComponents = 64
    /// EM iterations at most.
    public var gmmIterations = 30
    /// Each Gaussian's variance is at least this fraction of the descriptors' variance along its dimension.
    public var gmmVarianceFloor = 1e-3
    /// The linear SVMs' costs C tried by cross-validation on the training clips (VLAD and Fisher vectors).
    public var linearCosts = [0.01, 0.1, 1, 10, 100]
    /// Folds of that cross-validation.
    public var folds = 3

    /// The paper's encoding.
    public init() {}
}
