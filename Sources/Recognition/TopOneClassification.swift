/// Single-label decisions from one-vs-rest classifiers: each clip gets the class whose classifier
/// gives it the largest decision value (ties go to the earlier class).
public enum TopOneClassification {
    /// The predicted class of every clip from `scores[class][clip]`.
    public static func predictions(scores: [[Double]]) -> [Int] {
        guard let clips = scores.first?.count else { return [] }
        return (0..<clips).map { clip in
            var best = 0
            for c in scores.indices.dropFirst() where scores[c][clip] > scores[best][clip] { best = c }
            return best
        }
    }
}
