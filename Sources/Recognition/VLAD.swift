import Linalg

/// The vector of locally aggregated descriptors (Jegou et al. 2010), before normalisation: for each
/// word k of a vocabulary, `v_k = sum over descriptors x nearest to k of (x - c_k)`, laid out as
/// `[v_1, ..., v_K]` (KD values), summed in double precision.
public enum VLAD {
    /// The unnormalised VLAD of the rows of `descriptors` (`N x D`) over `vocabulary`.
    public static func encode(_ descriptors: Matrix, vocabulary: Vocabulary) -> [Float] {
        precondition(descriptors.cols == vocabulary.dimension, "descriptors have \(descriptors.cols) columns, the vocabulary \(vocabulary.dimension)")
        let d = vocabulary.dimension
        var sums = [Double](repeating: 0, count: vocabulary.wordCount * d)
        guard descriptors.rows > 0 else { return sums.map(Float.init) }
        for (r, word) in vocabulary.nearestWords(descriptors).enumerated() {
            for c in 0..<d { sums[word * d + c] += Double(descriptors[r, c]) - Double(vocabulary.centroids[word, c]) }
        }
        return sums.map(Float.init)
    }
}
