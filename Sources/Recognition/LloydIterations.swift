import Linalg

/// Euclidean K-means by Lloyd iterations over fixed data, with every buffer allocated once.
///
/// Each `step()` assigns every row to its nearest centroid (`NearestCentroids`: BLAS dot products
/// and a fused arg-min), returns the cost of that assignment (the sum of squared distances), then
/// moves each centroid to the mean of its rows. A centroid left without rows takes the row
/// farthest from its own centroid (distinct rows for distinct empty clusters), as scikit-learn does.
/// With `.yinyang` (the default) the assignment computes only the row-centroid distances that
/// Yinyang's group bounds leave open (`YinyangBounds`): the same assignments with a fraction of the
/// distances once the centroids settle down.
public struct LloydIterations {
    /// How an iteration finds each row's nearest centroid.
    public enum Search: String, Sendable, CaseIterable {
        /// Every row against every centroid (plain Lloyd).
        case exhaustive
        /// Only the centroid groups Yinyang's bounds leave open; the same assignments.
        case yinyang
    }

    /// The rows being clustered.
    public let data: Matrix
    /// The current centroids (`K x D`).
    public private(set) var centroids: Matrix
    /// `|x|^2` per row.
    private let rowSquaredNorms: [Float]
    /// The nearest centroid of every row, as of the last assignment.
    public private(set) var nearest: [Int32]
    /// Each row's squared distance to its nearest centroid, as of the last assignment.
    private var distances: [Float]
    private var scores: [Float]
    private var sums: [Float]
    private var counts: [Int]
    private var bounds: YinyangBounds?
    /// Row-centroid distances computed so far, all steps together.
    public private(set) var computedDistances = 0

    /// The bytes `search`'s own state takes beyond the data and centroids for `rows` rows and
    /// `clusters` centroids (Yinyang: a lower bound per row and group), for memory estimates.
    public static func searchBytes(_ search: Search = .yinyang, rows: Int, clusters: Int) -> Double {
        search == .yinyang ? YinyangBounds.bytes(rows: rows, clusters: clusters) : 0
    }

    /// Iterations over the rows of `data` from the given initial centroids (`K x D`).
    public init(data: Matrix, initialCentroids: Matrix, search: Search = .yinyang) {
        precondition(data.cols == initialCentroids.cols, "data and centroids differ in width")
        self.data = data
        self.centroids = initialCentroids
        self.rowSquaredNorms = data.storage.withUnsafeBufferPointer { p in
            (0..<data.rows).map { squaredNorm(p.baseAddress! + $0 * data.cols, count: data.cols) }
        }
        nearest = [Int32](repeating: 0, count: data.rows)
        distances = [Float](repeating: 0, count: data.rows)
        scores = [Float](repeating: 0, count: search == .exhaustive ? data.rows : 0)
        sums = [Float](repeating: 0, count: initialCentroids.storage.count)
        counts = [Int](repeating: 0, count: initialCentroids.rows)
        bounds = search == .yinyang ? YinyangBounds(rows: data.rows, centroids: initialCentroids) : nil
    }

    /// One assignment and update; returns the assignment's cost under the centroids it was made with.
    public mutating func step() -> Double {
        if bounds != nil {
            computedDistances += bounds!.assign(data: data, rowSquaredNorms: rowSquaredNorms, nearest: &nearest, distances: &distances)
        } else {
            assignEveryRow()
        }
        var cost = 0.0
        for i in 0..<data.rows { cost += Double(max(distances[i], 0)) }
        let previous = centroids
        updateCentroids()
        bounds?.centroidsMoved(from: previous, to: centroids)
        return cost
    }

    /// Plain Lloyd's assignment: every row against every centroid.
    private mutating func assignEveryRow() {
        let search = NearestCentroids(centroids: centroids)
        nearest.withUnsafeMutableBufferPointer { n in
            scores.withUnsafeMutableBufferPointer { s in
                search.search(data, nearest: n.baseAddress!, scores: s.baseAddress!)
            }
        }
        for i in 0..<data.rows { distances[i] = rowSquaredNorms[i] + 2 * scores[i] }
        computedDistances += data.rows * centroids.rows
    }

    /// Moves each centroid to the mean of its rows; refills empty ones.
    private mutating func updateCentroids() {
        let d = data.cols, k = centroids.rows
        for i in 0..<sums.count { sums[i] = 0 }
        for j in 0..<k { counts[j] = 0 }
        data.storage.withUnsafeBufferPointer { x in
            sums.withUnsafeMutableBufferPointer { s in
                for r in 0..<data.rows {
                    let j = Int(nearest[r])
                    counts[j] += 1
                    let row = x.baseAddress! + r * d, sum = s.baseAddress! + j * d
                    for c in 0..<d { sum[c] += row[c] }
                }
            }
        }
        let empty = (0..<k).filter { counts[$0] == 0 }
        let farthest = empty.isEmpty ? [] : farthestRows(empty.count)
        centroids.storage.withUnsafeMutableBufferPointer { cen in
            for j in 0..<k where counts[j] > 0 {
                let inverse = 1 / Float(counts[j])
                for c in 0..<d { cen[j * d + c] = sums[j * d + c] * inverse }
            }
            data.storage.withUnsafeBufferPointer { x in
                for (j, r) in zip(empty, farthest) {
                    (cen.baseAddress! + j * d).update(from: x.baseAddress! + r * d, count: d)
                }
            }
        }
    }

    /// The `count` rows farthest from their assigned centroids, farthest first (ties: lower row first).
    private func farthestRows(_ count: Int) -> [Int] {
        Array((0..<data.rows).sorted { distances[$0] > distances[$1] || (distances[$0] == distances[$1] && $0 < $1) }.prefix(count))
    }
}
