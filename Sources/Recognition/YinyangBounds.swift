import Linalg
import Support

private typealias Lanes = SIMD16<Float>

/// Yinyang K-means's distance bounds (Ding et al. 2015, "Yinyang K-means: a drop-in replacement of
/// the classic K-means with consistent speedup"): a Lloyd assignment that computes only the
/// distances that could change a row's nearest centroid.
///
/// The centroids are split once into groups of sixteen neighbours (`CentroidGroups`). Per row and
/// group the bounds keep a lower bound on the distance to every centroid of the group but the row's
/// own; when the centroids move, each bound falls by the largest move in its group. An assignment
/// scores the row against its own centroid's group (its smallest score bounds the row's nearest
/// distance), then against every group whose bound does not exceed that distance, and keeps the
/// smallest score (ties: the lower centroid index), whose distance the cost and the refill of
/// empty clusters use; the searched groups' bounds become exact again. A block of rows is scored
/// group by group, so that each group's centroids are loaded once for all the rows that need them. A group is skipped only when its
/// bound, squared, exceeds the row's squared distance by more than `2 D eps (|x|^2 + max |c|^2)`,
/// above the worst-case rounding of the `D`-term dot products: the skipped centroids are farther
/// in the exhaustive search's own arithmetic too, so the assignments are plain Lloyd's (on
/// SkylakeX and Cooperlake kernels bit for bit; elsewhere except between centroids that tie
/// within a rounding).
struct YinyangBounds {
    private var groups: CentroidGroups
    /// Group slots per row: the group count rounded up to a whole number of `Lanes`.
    private let slots: Int
    /// Per row (`slots` each), a lower bound on the distance to every centroid of each group but
    /// the row's own; padding slots hold infinity.
    private var lower: [Float]
    /// Per group slot, the largest distance one of its centroids moved in the last update.
    private var groupDrift: [Float]
    /// `max |c|^2` over the centroids, for the rounding margin.
    private var largestSquaredNorm: Float
    /// Whether an assignment has made the bounds (the first one searches every group).
    private var started = false

    /// Rows per work item: the pairs of a block are scored group by group, so each group's
    /// centroids are loaded once for all the block's rows that need them.
    static let rowBlock = 256

    /// Group slots per row for `groups` groups: whole `Lanes`.
    static func slots(groups: Int) -> Int {
        (groups + Lanes.scalarCount - 1) / Lanes.scalarCount * Lanes.scalarCount
    }

    /// The bytes of the lower bounds of `rows` rows over `clusters` centroids (every group but one full).
    static func bytes(rows: Int, clusters: Int) -> Double {
        Double(rows) * Double(slots(groups: (clusters + CentroidGroups.width - 1) / CentroidGroups.width)) * 4
    }

    /// Bounds for `rows` rows over groups of `centroids`, none known yet.
    init(rows: Int, centroids: Matrix) {
        groups = CentroidGroups(partitioning: centroids)
        slots = Self.slots(groups: groups.count)
        lower = [Float](repeating: .infinity, count: rows * slots)
        groupDrift = [Float](repeating: 0, count: slots)
        largestSquaredNorm = Self.largestSquaredNorm(centroids)
    }

    /// Assigns every row of `data` to its nearest centroid (`nearest`) with its squared distance
    /// (`distances`, `|x|^2 + 2 score` as the exhaustive search gives it); returns the number of
    /// row-centroid distances computed.
    mutating func assign(data: Matrix, rowSquaredNorms: [Float], nearest: inout [Int32], distances: inout [Float]) -> Int {
        let d = data.cols, t = groups.count, slots = slots, width = CentroidGroups.width, blockRows = Self.rowBlock
        let blocks = (data.rows + blockRows - 1) / blockRows
        let workers = ParallelWork.workers(for: blocks)
        let pairCapacity = blockRows * t
        // Per worker: pairs (row, group) of a block, their results, and the same pairs sorted by group.
        var pairInts = [Int32](repeating: 0, count: workers * pairCapacity * 5)
        var pairFloats = [Float](repeating: 0, count: workers * pairCapacity * 2)
        var rowStarts = [Int](repeating: 0, count: workers * (blockRows + 1) + workers * (t + 1))
        var computed = [Int](repeating: 0, count: blocks)
        let margin = 2 * Float(d) * Float.ulpOfOne, largest = largestSquaredNorm, started = started
        let groups = groups, drift = groupDrift
        data.storage.withUnsafeBufferPointer { xBuffer in
            rowSquaredNorms.withUnsafeBufferPointer { normBuffer in
                lower.withUnsafeMutableBufferPointer { lowerBuffer in
                    nearest.withUnsafeMutableBufferPointer { nearestBuffer in
                        distances.withUnsafeMutableBufferPointer { distanceBuffer in
                            pairInts.withUnsafeMutableBufferPointer { intBuffer in
                                pairFloats.withUnsafeMutableBufferPointer { floatBuffer in
                                    rowStarts.withUnsafeMutableBufferPointer { startBuffer in
                                        computed.withUnsafeMutableBufferPointer { computedBuffer in
                                            drift.withUnsafeBufferPointer { driftBuffer in
                                                nonisolated(unsafe) let x = xBuffer.baseAddress!, norms = normBuffer.baseAddress!
                                                nonisolated(unsafe) let lowerBase = lowerBuffer.baseAddress!, nearest = nearestBuffer.baseAddress!
                                                nonisolated(unsafe) let distances = distanceBuffer.baseAddress!, ints = intBuffer.baseAddress!
                                                nonisolated(unsafe) let floats = floatBuffer.baseAddress!, starts = startBuffer.baseAddress!
                                                nonisolated(unsafe) let counts = computedBuffer.baseAddress!, drift = driftBuffer.baseAddress!
                                                ParallelWork.forEach(blocks) { block, worker in
                                                    let pairs = PairBuffers(ints: ints + worker * pairCapacity * 5, floats: floats + worker * pairCapacity * 2,
                                                                            capacity: pairCapacity, groupStarts: starts + workers * (blockRows + 1) + worker * (t + 1))
                                                    let rowStart = starts + worker * (blockRows + 1)
                                                    let first = block * blockRows, rows = min(blockRows, data.rows - first)
                                                    // The rows' own groups: the distance to the nearest of them bounds the search.
                                                    var n = 0
                                                    if started {
                                                        for i in 0..<rows {
                                                            pairs.row[i] = Int32(first + i)
                                                            pairs.group[i] = groups.groupOf[Int(nearest[first + i])]
                                                        }
                                                        n = rows
                                                        pairs.score(n, groups: groups, data: x)
                                                    }
                                                    // The groups whose bounds do not exceed that distance.
                                                    for i in 0..<rows {
                                                        let r = first + i, nx = norms[r], bounds = lowerBase + r * slots
                                                        rowStart[i] = n
                                                        if !started {
                                                            for g in 0..<t { pairs.row[n] = Int32(r); pairs.group[n] = Int32(g); n += 1 }
                                                            continue
                                                        }
                                                        let own = pairs.group[i]
                                                        let threshold = Lanes(repeating: nx + 2 * pairs.best[i] + margin * (nx + largest))
                                                        var s = 0
                                                        while s < slots {
                                                            let bound = UnsafeRawPointer(bounds + s).loadUnaligned(as: Lanes.self)
                                                                - UnsafeRawPointer(drift + s).loadUnaligned(as: Lanes.self)
                                                            UnsafeMutableRawPointer(bounds + s).storeBytes(of: bound, as: Lanes.self)
                                                            let open = .!((bound .> 0) .& (threshold .< bound * bound))
                                                            if any(open) {
                                                                for lane in 0..<Lanes.scalarCount where open[lane] && Int32(s + lane) != own {
                                                                    pairs.row[n] = Int32(r)
                                                                    pairs.group[n] = Int32(s + lane)
                                                                    n += 1
                                                                }
                                                            }
                                                            s += Lanes.scalarCount
                                                        }
                                                    }
                                                    rowStart[rows] = n
                                                    let ownPairs = started ? rows : 0
                                                    pairs.score(n - ownPairs, from: ownPairs, groups: groups, data: x)
                                                    // Each row's smallest score (ties: the lower centroid); searched groups' bounds become exact.
                                                    var work = 0
                                                    for i in 0..<rows {
                                                        let r = first + i, nx = norms[r], bounds = lowerBase + r * slots
                                                        var chosen = -1, best = Float.infinity, bestCentroid = Int32.max
                                                        func consider(_ p: Int) {
                                                            let centroid = groups.members[Int(pairs.group[p]) * width + Int(pairs.lane[p])]
                                                            if pairs.best[p] < best || (pairs.best[p] == best && centroid < bestCentroid) {
                                                                (chosen, best, bestCentroid) = (p, pairs.best[p], centroid)
                                                            }
                                                        }
                                                        func tighten(_ p: Int) {
                                                            let nearestOther = p == chosen ? pairs.second[p] : pairs.best[p]
                                                            bounds[Int(pairs.group[p])] = Swift.max(nx + 2 * nearestOther, 0).squareRoot()
                                                            work += groups.sizes[Int(pairs.group[p])]
                                                        }
                                                        if started { consider(i) }
                                                        for p in rowStart[i]..<rowStart[i + 1] { consider(p) }
                                                        nearest[r] = bestCentroid
                                                        distances[r] = nx + 2 * best
                                                        if started { tighten(i) }
                                                        for p in rowStart[i]..<rowStart[i + 1] { tighten(p) }
                                                    }
                                                    counts[block] = work
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.started = true
        return computed.reduce(0, +)
    }

    /// Lowers every bound by the largest distance a centroid of its group moved from `old` to
    /// `new`, and refills the groups with `new`.
    mutating func centroidsMoved(from old: Matrix, to new: Matrix) {
        let d = old.cols, width = CentroidGroups.width
        for g in 0..<groups.count {
            var largest: Float = 0
            for lane in 0..<width {
                let j = Int(groups.members[g * width + lane])
                guard j >= 0 else { continue }
                let move = old.storage.withUnsafeBufferPointer { o in
                    new.storage.withUnsafeBufferPointer { n in squaredDistance(o.baseAddress! + j * d, n.baseAddress! + j * d, count: d) }
                }
                largest = Swift.max(largest, move.squareRoot())
            }
            groupDrift[g] = largest
        }
        groups.load(new)
        largestSquaredNorm = Self.largestSquaredNorm(new)
    }

    private static func largestSquaredNorm(_ centroids: Matrix) -> Float {
        centroids.storage.withUnsafeBufferPointer { c in
            (0..<centroids.rows).reduce(Float(0)) { Swift.max($0, squaredNorm(c.baseAddress! + $1 * centroids.cols, count: centroids.cols)) }
        }
    }
}

/// One worker's (row, group) pairs of a row block and their scores, in caller-provided memory.
private struct PairBuffers {
    let row: UnsafeMutablePointer<Int32>, group: UnsafeMutablePointer<Int32>, lane: UnsafeMutablePointer<Int32>
    let best: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>
    /// The pairs sorted by group: their rows and their indices.
    let sortedRow: UnsafeMutablePointer<Int32>, sortedIndex: UnsafeMutablePointer<Int32>
    let groupStarts: UnsafeMutablePointer<Int>

    /// Buffers over `ints` (5 x `capacity`), `floats` (2 x `capacity`) and `groupStarts` (groups + 1).
    init(ints: UnsafeMutablePointer<Int32>, floats: UnsafeMutablePointer<Float>, capacity: Int, groupStarts: UnsafeMutablePointer<Int>) {
        row = ints; group = ints + capacity; lane = ints + 2 * capacity
        sortedRow = ints + 3 * capacity; sortedIndex = ints + 4 * capacity
        best = floats; second = floats + capacity
        self.groupStarts = groupStarts
    }

    /// Scores the `count` pairs from index `from` on: sorted by group, then each group's rows together.
    func score(_ count: Int, from: Int = 0, groups: CentroidGroups, data: UnsafePointer<Float>) {
        guard count > 0 else { return }
        let t = groups.count
        for g in 0...t { groupStarts[g] = 0 }
        for p in from..<from + count { groupStarts[Int(group[p]) + 1] += 1 }
        for g in 0..<t { groupStarts[g + 1] += groupStarts[g] }
        for p in from..<from + count {
            let g = Int(group[p]), slot = groupStarts[g]
            sortedRow[slot] = row[p]
            sortedIndex[slot] = Int32(p)
            groupStarts[g] += 1
        }
        var start = 0
        for g in 0..<t where groupStarts[g] > start {
            groups.minima(data, rows: sortedRow + start, out: sortedIndex + start, count: groupStarts[g] - start, group: g,
                          best: best, lane: lane, second: second)
            start = groupStarts[g]
        }
    }
}
