import Linalg

/// A clip's bag-of-words histogram: each descriptor votes for its nearest word with a weight
/// (its activation magnitude, `ClipDescriptors.magnitudes`), and the votes are L1-normalised.
/// A clip whose votes weigh nothing in total gets the all-zero histogram.
public enum BagOfWords {
    /// The L1-normalised histogram over `wordCount` words of `words` voted with `weights`.
    public static func histogram(words: [Int], weights: [Float], wordCount: Int) -> [Float] {
        precondition(words.count == weights.count, "\(words.count) words but \(weights.count) weights")
        var bins = [Double](repeating: 0, count: wordCount)
        for (word, weight) in zip(words, weights) {
            precondition(weight >= 0 && weight.isFinite, "vote weights must be finite and non-negative, got \(weight)")
            bins[word] += Double(weight)
        }
        let total = bins.reduce(0, +)
        return bins.map { total > 0 ? Float($0 / total) : 0 }
    }

    /// The histogram of a clip's descriptors (one per row, reduced to the vocabulary's
    /// dimension) voting for their nearest words in `vocabulary` with `weights`.
    public static func histogram(descriptors: Matrix, weights: [Float], vocabulary: Vocabulary) -> [Float] {
        histogram(words: vocabulary.nearestWords(descriptors), weights: weights, wordCount: vocabulary.wordCount)
    }
}
