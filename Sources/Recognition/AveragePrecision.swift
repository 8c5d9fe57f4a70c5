/// Average precision of a ranking, the recognition protocol's metric.
///
/// Examples are ranked by score, highest first. Equal scores are ordered pessimistically: within a
/// tie the negatives come first, so a tie never helps (the result is deterministic and a lower
/// bound over the tie's orderings). A class without positives has no AP: the functions return nil.
public enum AveragePrecision {
    /// Non-interpolated AP: the mean, over positives, of the precision at each positive's rank.
    public static func nonInterpolated(scores: [Double], labels: [Bool]) -> Double? {
        let hits = rankedHits(scores: scores, labels: labels)
        let positives = hits.filter { $0 }.count
        guard positives > 0 else { return nil }
        var found = 0, sum = 0.0
        for (rank, hit) in hits.enumerated() where hit {
            found += 1
            sum += Double(found) / Double(rank + 1)
        }
        return sum / Double(positives)
    }

    /// 11-point interpolated AP (PASCAL VOC 2007): the mean over recall levels 0, 0.1, ..., 1 of
    /// the highest precision reached at any rank whose recall is at least that level.
    public static func elevenPoint(scores: [Double], labels: [Bool]) -> Double? {
        let hits = rankedHits(scores: scores, labels: labels)
        let positives = hits.filter { $0 }.count
        guard positives > 0 else { return nil }
        var points: [(recall: Double, precision: Double)] = []
        var found = 0
        for (rank, hit) in hits.enumerated() {
            if hit { found += 1 }
            points.append((Double(found) / Double(positives), Double(found) / Double(rank + 1)))
        }
        let levels = (0...10).map { Double($0) / 10 }
        let sum = levels.reduce(0.0) { total, level in
            // A small slack keeps recall k/n from missing level k/n through rounding (e.g. 3/10 vs 0.3).
            total + (points.filter { $0.recall >= level - 1e-12 }.map(\.precision).max() ?? 0)
        }
        return sum / Double(levels.count)
    }

    /// The mean of the classes' APs, leaving out classes without one (nil when none has one).
    public static func mean(_ values: [Double?]) -> Double? {
        let present = values.compactMap { $0 }
        return present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
    }

    /// The examples' indices in ranking order: score descending, negatives first within a tie,
    /// then input order.
    public static func ranking(scores: [Double], labels: [Bool]) -> [Int] {
        precondition(scores.count == labels.count, "\(scores.count) scores but \(labels.count) labels")
        precondition(scores.allSatisfy { !$0.isNaN }, "scores must not be NaN")
        return scores.indices.sorted { a, b in
            if scores[a] != scores[b] { return scores[a] > scores[b] }
            if labels[a] != labels[b] { return !labels[a] }
            return a < b
        }
    }

    /// The labels in ranking order.
    static func rankedHits(scores: [Double], labels: [Bool]) -> [Bool] {
        ranking(scores: scores, labels: labels).map { labels[$0] }
    }
}
