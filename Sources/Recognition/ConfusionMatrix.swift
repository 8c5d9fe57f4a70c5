/// Counts of single-label decisions: `counts[t][p]` clips of true class t were predicted as class p
/// (rows true, columns predicted), with the accuracies papers quote.
public struct ConfusionMatrix: Sendable, Equatable {
    /// `counts[true class][predicted class]`.
    public let counts: [[Int]]

    /// The matrix of `classCount` classes from each clip's true and predicted class.
    public init(trueClasses: [Int], predicted: [Int], classCount: Int) {
        precondition(trueClasses.count == predicted.count, "one prediction per clip")
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (t, p) in zip(trueClasses, predicted) { counts[t][p] += 1 }
        self.counts = counts
    }

    /// The matrix of counts already tallied (`counts[true][predicted]`, square).
    public init(counts: [[Int]]) {
        precondition(counts.allSatisfy { $0.count == counts.count }, "a square table")
        self.counts = counts
    }

    /// All clips counted.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// Clips of class `c` (row sum).
    public func clips(ofClass c: Int) -> Int { counts[c].reduce(0, +) }

    /// The fraction of clips of class `c` predicted as `c` (nil when the class has no clip).
    public func accuracy(ofClass c: Int) -> Double? {
        let n = clips(ofClass: c)
        return n > 0 ? Double(counts[c][c]) / Double(n) : nil
    }

    /// Top-1 accuracy: the fraction of all clips predicted correctly (nil without clips).
    public var accuracy: Double? {
        let n = total
        return n > 0 ? Double(counts.indices.reduce(0) { $0 + counts[$1][$1] }) / Double(n) : nil
    }

    /// The mean over classes that have clips of their accuracy (nil without clips).
    public var meanClassAccuracy: Double? {
        let perClass = counts.indices.compactMap(accuracy(ofClass:))
        return perClass.isEmpty ? nil : perClass.reduce(0, +) / Double(perClass.count)
    }
}
