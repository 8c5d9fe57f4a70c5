import Linalg

/// The second, super-block PCA: fit on a random sample of training descriptors, whitened, keeping
/// a fixed number of dimensions (100 in the paper's pipeline). Apply it with `PCA.transform` or
/// `DescriptorExtractor.extract(from:origins:reducedBy:)`.
public enum DescriptorReduction {
    /// A whitened PCA keeping `dimensions` components, fit on at most `sampleLimit` rows of
    /// `descriptors` (a matrix, or rows spilled to a file) drawn at random (without replacement,
    /// in the order drawn) with `seed`. The rows are streamed, never gathered into one matrix.
    public static func fit(_ descriptors: some RowSource, dimensions: Int = 100, sampleLimit: Int = 200_000,
                           seed: UInt64 = 0) throws(RecognitionError) -> PCA {
        guard dimensions >= 1, dimensions <= descriptors.dimension else {
            throw .invalidSetting("cannot keep \(dimensions) of \(descriptors.dimension) descriptor dimensions")
        }
        let n = descriptors.rowCount
        guard n > dimensions else {
            throw .invalidSetting("the super-block PCA needs more than \(dimensions) descriptors, got \(n)")
        }
        var random = SeededRandom(seed: seed)
        let selection = n <= sampleLimit ? Array(0..<n) : random.sample(sampleLimit, from: n)
        do {
            return try PCA.fit(SelectedRows(descriptors, indices: selection), keep: .count(dimensions), whiten: true)
        } catch {
            throw .linalg("super-block PCA: \(error)")
        }
    }
}
