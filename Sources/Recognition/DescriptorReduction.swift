import Linalg

/// The second, super-block PCA: fit on a random sample of training descriptors, whitened, keeping
/// a fixed number of dimensions (100 in the paper's pipeline). Apply it with `PCA.transform` or
/// `DescriptorExtractor.extract(from:origins:reducedBy:)`.
public enum DescriptorReduction {
    /// A whitened PCA keeping `dimensions` components, fit on at most `sampleLimit` rows of
    /// `descriptors` drawn at random (without replacement) with `seed`.
    public static func fit(_ descriptors: Matrix, dimensions: Int = 100, sampleLimit: Int = 200_000,
                           seed: UInt64 = 0) throws(RecognitionError) -> PCA {
        guard dimensions >= 1, dimensions <= descriptors.cols else {
            throw .invalidSetting("cannot keep \(dimensions) of \(descriptors.cols) descriptor dimensions")
        }
        guard descriptors.rows > dimensions else {
            throw .invalidSetting("the super-block PCA needs more than \(dimensions) descriptors, got \(descriptors.rows)")
        }
        var random = SeededRandom(seed: seed)
        let sample = descriptors.rows <= sampleLimit
            ? descriptors
            : descriptors.rows(at: random.sample(sampleLimit, from: descriptors.rows))
        do {
            return try PCA.fit(sample, keep: .count(dimensions), whiten: true)
        } catch {
            throw .linalg("super-block PCA: \(error)")
        }
    }
}
