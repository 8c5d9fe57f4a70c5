import Linalg

/// Hamerly's distance bounds (Hamerly 2010, "Making k-means even faster") that let a Lloyd
/// iteration skip the rows whose nearest centroid cannot have changed.
///
/// Per row: the exact distance `u` to its assigned centroid (recomputed every iteration, which
/// also gives the cost) and a lower bound `l` on the distance to every other centroid (kept here). Per
/// centroid: half the distance `s` to its nearest other centroid. A row whose `u` is below
/// `max(s, l)` keeps its centroid (any other is farther); the others are searched against every
/// centroid. After the centroids move, `l` falls by the largest move of a centroid other than the
/// row's own. The test keeps a margin for float rounding in squared-distance terms,
/// `2 D eps (|x|^2 + max |c|^2)`, above the worst-case rounding of the `D`-term dot products the
/// exhaustive search compares: a row is skipped only where that search would pick the same
/// centroid, so the assignments are those of plain Lloyd except between centroids that tie
/// within rounding.
struct HamerlyBounds {
    /// A lower bound on the distance from each row to every centroid but its own.
    private var lower: [Float]
    /// The rows that must be searched against every centroid, as of the last `prepare`.
    private(set) var unsettled: [Int] = []

    /// Bounds for `rows` rows, none known yet.
    init(rows: Int) {
        lower = [Float](repeating: 0, count: rows)
    }

    /// Writes each row's exact squared distance to its assigned centroid into `distances` and
    /// lists the rows the bounds do not settle in `unsettled`.
    mutating func prepare(data: Matrix, rowSquaredNorms: [Float], centroids: Matrix, nearest: [Int32], distances: inout [Float]) {
        let d = data.cols
        let halfGaps = Self.halfGapsToNearestOther(centroids)
        let largestNorm = (0..<centroids.rows).reduce(Float(0)) { m, j in
            centroids.storage.withUnsafeBufferPointer { Swift.max(m, squaredNorm($0.baseAddress! + j * d, count: d)) }
        }
        let relativeMargin = 2 * Float(d) * Float.ulpOfOne
        unsettled.removeAll(keepingCapacity: true)
        data.storage.withUnsafeBufferPointer { x in
            centroids.storage.withUnsafeBufferPointer { c in
                for r in 0..<data.rows {
                    let a = Int(nearest[r])
                    let squared = squaredDistance(x.baseAddress! + r * d, c.baseAddress! + a * d, count: d)
                    distances[r] = squared
                    let bound = Swift.max(halfGaps[a], lower[r])
                    let margin = relativeMargin * (rowSquaredNorms[r] + largestNorm)
                    if !(squared + margin < bound * bound) { unsettled.append(r) }
                }
            }
        }
    }

    /// Records the exhaustive search of an unsettled row: its squared distance to its second nearest centroid.
    mutating func settle(row: Int, secondSquaredDistance: Float) {
        lower[row] = Swift.max(secondSquaredDistance, 0).squareRoot()
    }

    /// Lowers every row's lower bound by the largest distance a centroid other than its own moved
    /// from `old` to `new`.
    mutating func centroidsMoved(from old: Matrix, to new: Matrix, nearest: [Int32]) {
        let d = old.cols
        var largest: Float = 0, runnerUp: Float = 0, largestIndex = -1
        old.storage.withUnsafeBufferPointer { o in
            new.storage.withUnsafeBufferPointer { n in
                for j in 0..<old.rows {
                    let move = squaredDistance(o.baseAddress! + j * d, n.baseAddress! + j * d, count: d).squareRoot()
                    if move > largest { (runnerUp, largest, largestIndex) = (largest, move, j) } else { runnerUp = Swift.max(runnerUp, move) }
                }
            }
        }
        for r in 0..<lower.count { lower[r] -= Int(nearest[r]) == largestIndex ? runnerUp : largest }
    }

    /// Half the distance from each centroid to its nearest other centroid (infinity when alone).
    static func halfGapsToNearestOther(_ centroids: Matrix) -> [Float] {
        let k = centroids.rows
        var nearest = [Int32](repeating: 0, count: k)
        var scores = [Float](repeating: 0, count: k), seconds = [Float](repeating: 0, count: k)
        let search = NearestCentroids(centroids: centroids)
        nearest.withUnsafeMutableBufferPointer { n in
            scores.withUnsafeMutableBufferPointer { s in
                seconds.withUnsafeMutableBufferPointer { t in
                    search.search(centroids, nearest: n.baseAddress!, scores: s.baseAddress!, secondScores: t.baseAddress!)
                }
            }
        }
        // A centroid's smallest score is (up to rounding) its own, 0 away; the second is the nearest other.
        return (0..<k).map { j in
            let squared = search.halfSquaredNorms[j] * 2 + 2 * seconds[j]
            return 0.5 * Swift.max(squared, 0).squareRoot()
        }
    }
}
