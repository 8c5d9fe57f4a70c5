import Linalg

/// Euclidean K-means by Lloyd iterations over fixed data, with every buffer allocated once.
///
/// Each `step()` assigns every row to its nearest centroid (`NearestCentroids`: BLAS dot products
/// and a fused arg-min), returns the cost of that assignment (the sum of squared distances), then
/// moves each centroid to the mean of its rows. A centroid left without rows takes the row
/// farthest from its own centroid (distinct rows for distinct empty clusters), as scikit-learn does.
/// With `.hamerly` the assignment searches only the rows whose nearest centroid the bounds do not
/// settle (`HamerlyBounds`): the same assignments with a fraction of the distances once the
/// centroids settle down.
public struct LloydIterations {
    /// How an iteration finds each row's nearest centroid.
    public enum Search: String, Sendable, CaseIterable {
        /// Every row against every centroid (plain Lloyd).
        case exhaustive
        /// Only the rows Hamerly's distance bounds leave open; the same assignments.
        case hamerly
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
    private var bounds: HamerlyBounds?
    private var yinyang: YinyangBounds?
    /// Rows searched exhaustively so far, all steps together.
    public private(set) var searchedRows = 0

    /// Rows gathered per exhaustive search of unsettled rows.
    static let unsettledChunk = 16384

    /// Iterations over the rows of `data` from the given initial centroids (`K x D`).
    public init(data: Matrix, initialCentroids: Matrix, search: Search = .hamerly) {
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
        bounds = search == .hamerly ? HamerlyBounds(rows: data.rows) : nil
        yinyang = search == .yinyang ? YinyangBounds(rows: data.rows, centroids: initialCentroids) : nil
    }

    /// One assignment and update; returns the assignment's cost under the centroids it was made with.
    public mutating func step() -> Double {
        if yinyang != nil {
            searchedRows += yinyang!.assign(data: data, rowSquaredNorms: rowSquaredNorms, nearest: &nearest, distances: &distances) / centroids.rows
        } else if bounds != nil { assignUnsettledRows() } else { assignEveryRow() }
        var cost = 0.0
        for i in 0..<data.rows { cost += Double(max(distances[i], 0)) }
        let previous = centroids
        updateCentroids()
        bounds?.centroidsMoved(from: previous, to: centroids, nearest: nearest)
        yinyang?.centroidsMoved(from: previous, to: centroids)
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
        searchedRows += data.rows
    }

    /// Hamerly's assignment: the rows the bounds settle keep their centroid, the others are
    /// gathered in chunks and searched against every centroid.
    private mutating func assignUnsettledRows() {
        bounds!.prepare(data: data, rowSquaredNorms: rowSquaredNorms, centroids: centroids, nearest: nearest, distances: &distances)
        let unsettled = bounds!.unsettled
        let search = NearestCentroids(centroids: centroids)
        var chunkNearest = [Int32](repeating: 0, count: min(unsettled.count, Self.unsettledChunk))
        var chunkScores = chunkNearest.map { _ in Float(0) }, chunkSeconds = chunkScores
        for start in stride(from: 0, to: unsettled.count, by: Self.unsettledChunk) {
            let rows = Array(unsettled[start..<min(start + Self.unsettledChunk, unsettled.count)])
            let chunk = data.rows(at: rows)
            chunkNearest.withUnsafeMutableBufferPointer { n in
                chunkScores.withUnsafeMutableBufferPointer { s in
                    chunkSeconds.withUnsafeMutableBufferPointer { t in
                        search.search(chunk, nearest: n.baseAddress!, scores: s.baseAddress!, secondScores: t.baseAddress!)
                    }
                }
            }
            for (i, r) in rows.enumerated() {
                nearest[r] = chunkNearest[i]
                distances[r] = rowSquaredNorms[r] + 2 * chunkScores[i]
                bounds!.settle(row: r, secondSquaredDistance: rowSquaredNorms[r] + 2 * chunkSeconds[i])
            }
        }
        searchedRows += unsettled.count
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
