/// The precision-recall curve of a ranking, in the form whose area is the non-interpolated AP:
/// one point per positive, at the recall it reaches (k / positives) with the precision at its rank
/// (k / rank). Ranked as `AveragePrecision` ranks (score descending, negatives first in a tie).
public enum PrecisionRecallCurve {
    /// The curve's points in ranking order; empty when there is no positive.
    public static func points(scores: [Double], labels: [Bool]) -> [(recall: Double, precision: Double)] {
        let hits = AveragePrecision.rankedHits(scores: scores, labels: labels)
        let positives = hits.filter { $0 }.count
        var points: [(recall: Double, precision: Double)] = []
        var found = 0
        for (rank, hit) in hits.enumerated() where hit {
            found += 1
            points.append((Double(found) / Double(positives), Double(found) / Double(rank + 1)))
        }
        return points
    }
}
