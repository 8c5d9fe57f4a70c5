import Linalg
import Support

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
    /// The bounds, the groups' drifts and the assignment's scratch: allocated once, copied only
    /// when two copies of these bounds would otherwise share them.
    private var memory: BoundMemory
    /// `max |c|^2` over the centroids, for the rounding margin.
    private var largestSquaredNorm: Float
    /// Whether an assignment has made the bounds (the first one searches every group).
    private var started = false

    /// Rows per work item: the pairs of a block are scored group by group, so each group's
    /// centroids are loaded once for all the block's rows that need them.
    static let rowBlock = 256

    /// Bound slots per row for `groups` groups: one each (the scan takes sixteen at a time and the
    /// rest one by one, so no row is padded).
    static func slots(groups: Int) -> Int { groups }

    /// The bytes of the lower bounds of `rows` rows over `clusters` centroids (every group but one full).
    static func bytes(rows: Int, clusters: Int) -> Double {
        Double(rows) * Double(slots(groups: (clusters + CentroidGroups.width - 1) / CentroidGroups.width)) * 4
    }

    /// Bounds for `rows` rows over groups of `centroids`, none known yet.
    init(rows: Int, centroids: Matrix) {
        groups = CentroidGroups(partitioning: centroids)
        memory = BoundMemory(rows: rows, groups: groups.count)
        largestSquaredNorm = Self.largestSquaredNorm(centroids)
    }

    /// Assigns every row of `data` to its nearest centroid (`nearest`) with its squared distance
    /// (`distances`, `|x|^2 + 2 score` as the exhaustive search gives it); returns the number of
    /// row-centroid distances computed.
    mutating func assign(data: Matrix, rowSquaredNorms: [Float], nearest: inout [Int32], distances: inout [Float]) -> Int {
        precondition(data.rows == memory.rows, "bounds for \(memory.rows) rows, data of \(data.rows)")
        if !isKnownUniquelyReferenced(&memory) { memory = memory.copy() }
        nonisolated(unsafe) let search = BlockSearch(groups: groups, memory: memory, started: started,
                                                     margin: 2 * Float(data.cols) * Float.ulpOfOne, largestSquaredNorm: largestSquaredNorm)
        data.storage.withUnsafeBufferPointer { x in
            rowSquaredNorms.withUnsafeBufferPointer { norms in
                nearest.withUnsafeMutableBufferPointer { nearest in
                    distances.withUnsafeMutableBufferPointer { distances in
                        nonisolated(unsafe) let rows = BlockSearch.Rows(data: x.baseAddress!, count: data.rows, squaredNorms: norms.baseAddress!,
                                                                         nearest: nearest.baseAddress!, distances: distances.baseAddress!)
                        ParallelWork.forEach(memory.blocks) { block, worker in search.assign(block: block, worker: worker, rows: rows) }
                    }
                }
            }
        }
        started = true
        return UnsafeBufferPointer(start: memory.computed, count: memory.blocks).reduce(0, +)
    }

    /// Lowers every bound by the largest distance a centroid of its group moved from `old` to
    /// `new`, and refills the groups with `new`.
    mutating func centroidsMoved(from old: Matrix, to new: Matrix) {
        if !isKnownUniquelyReferenced(&memory) { memory = memory.copy() }
        let d = old.cols, width = CentroidGroups.width
        old.storage.withUnsafeBufferPointer { o in
            new.storage.withUnsafeBufferPointer { n in
                for g in 0..<groups.count {
                    var largest: Float = 0
                    for lane in 0..<width {
                        let j = Int(groups.members[g * width + lane])
                        guard j >= 0 else { continue }
                        largest = Swift.max(largest, squaredDistance(o.baseAddress! + j * d, n.baseAddress! + j * d, count: d).squareRoot())
                    }
                    memory.drift[g] = largest
                }
            }
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

/// The memory of `YinyangBounds` for one fit: per row and group a lower bound on the distance to
/// every centroid of the group but the row's own (infinity until known), per group the largest
/// distance one of its centroids moved in the last update, and per worker the scratch of a row
/// block's (row, group) pairs; per block the distances its last assignment computed.
private final class BoundMemory {
    let rows: Int, groups: Int, blocks: Int, workers: Int
    /// `rows x groups`.
    let lower: UnsafeMutablePointer<Float>
    /// `groups`.
    let drift: UnsafeMutablePointer<Float>
    /// `blocks`.
    let computed: UnsafeMutablePointer<Int>
    /// Per worker: 5 x `pairCapacity` pair integers, 2 x `pairCapacity` pair scores, and
    /// `rowBlock + 1` row starts followed by `groups + 1` group starts (`startsPerWorker`).
    private let ints: UnsafeMutablePointer<Int32>, floats: UnsafeMutablePointer<Float>, starts: UnsafeMutablePointer<Int>
    private let pairCapacity: Int, startsPerWorker: Int

    /// Memory for `rows` rows over `groups` groups, no bound known yet (infinity), scratch for as
    /// many workers as `ParallelWork` gives the row blocks.
    init(rows: Int, groups: Int) {
        (self.rows, self.groups) = (rows, groups)
        blocks = (rows + YinyangBounds.rowBlock - 1) / YinyangBounds.rowBlock
        workers = ParallelWork.workers(for: blocks)
        pairCapacity = YinyangBounds.rowBlock * groups
        startsPerWorker = YinyangBounds.rowBlock + 1 + groups + 1
        func allocate<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: count)
            pointer.initialize(repeating: value, count: count)
            return pointer
        }
        lower = allocate(rows * groups, .infinity)
        drift = allocate(groups, 0)
        computed = allocate(blocks, 0)
        ints = allocate(workers * pairCapacity * 5, 0)
        floats = allocate(workers * pairCapacity * 2, 0)
        starts = allocate(workers * startsPerWorker, 0)
    }

    deinit {
        lower.deallocate()
        drift.deallocate()
        computed.deallocate()
        ints.deallocate()
        floats.deallocate()
        starts.deallocate()
    }

    /// Memory of the same size holding these bounds and drifts (the scratch is not kept between assignments).
    func copy() -> BoundMemory {
        let twin = BoundMemory(rows: rows, groups: groups)
        twin.lower.update(from: lower, count: rows * groups)
        twin.drift.update(from: drift, count: groups)
        return twin
    }

    /// Worker `worker`'s pair scratch.
    func pairs(_ worker: Int) -> PairBuffers {
        precondition(worker < workers, "worker \(worker) of \(workers)")
        let start = starts + worker * startsPerWorker
        return PairBuffers(ints: ints + worker * pairCapacity * 5, floats: floats + worker * pairCapacity * 2, capacity: pairCapacity,
                           rowStarts: start, groupStarts: start + YinyangBounds.rowBlock + 1)
    }
}

/// One assignment's work on a block of rows: the rows' own groups scored first (the nearest of
/// them bounds the search), then every group whose bound does not exceed that distance, then each
/// row's smallest score kept and its searched groups' bounds made exact.
private struct BlockSearch {
    /// The rows being assigned and where their results go.
    struct Rows {
        let data: UnsafePointer<Float>, count: Int, squaredNorms: UnsafePointer<Float>
        let nearest: UnsafeMutablePointer<Int32>, distances: UnsafeMutablePointer<Float>
    }

    let groups: CentroidGroups
    let memory: BoundMemory
    let started: Bool
    /// The rounding margin's factor, `2 D eps`.
    let margin: Float
    let largestSquaredNorm: Float

    /// Assigns the rows of block `block` with worker `worker`'s scratch.
    func assign(block: Int, worker: Int, rows: Rows) {
        let pairs = memory.pairs(worker)
        let first = block * YinyangBounds.rowBlock, count = min(YinyangBounds.rowBlock, rows.count - first)
        // The rows' own groups: the distance to the nearest of them bounds the search.
        var n = 0
        if started {
            for i in 0..<count {
                pairs.row[i] = Int32(first + i)
                pairs.group[i] = groups.groupOf[Int(rows.nearest[first + i])]
            }
            n = count
            pairs.score(n, groups: groups, data: rows.data)
        }
        // The groups whose bounds do not exceed that distance (every group the first time).
        for i in 0..<count {
            pairs.rowStarts[i] = n
            if started {
                n = openGroups(of: first + i, own: pairs.group[i], nearestScore: pairs.best[i], rows: rows, pairs: pairs, next: n)
            } else {
                for g in 0..<groups.count { pairs.add(row: first + i, group: g, at: n); n += 1 }
            }
        }
        pairs.rowStarts[count] = n
        let ownPairs = started ? count : 0
        pairs.score(n - ownPairs, from: ownPairs, groups: groups, data: rows.data)
        var work = 0
        for i in 0..<count {
            work += settle(first + i, ownPair: started ? i : nil, searched: pairs.rowStarts[i]..<pairs.rowStarts[i + 1], pairs: pairs, rows: rows)
        }
        memory.computed[block] = work
    }

    /// Lowers row `row`'s bounds by their groups' drifts and adds a pair from index `next` on for
    /// each group but `own` whose bound does not exceed the row's distance to its own group's
    /// nearest centroid (`nearestScore`) by more than the rounding margin; returns the next free index.
    private func openGroups(of row: Int, own: Int32, nearestScore: Float, rows: Rows, pairs: PairBuffers, next: Int) -> Int {
        typealias Lanes = SIMD16<Float>
        let bounds = memory.lower + row * groups.count, drift = memory.drift, t = groups.count
        let nx = rows.squaredNorms[row]
        let limit = nx + 2 * nearestScore + margin * (nx + largestSquaredNorm), threshold = Lanes(repeating: limit)
        var n = next, g = 0
        while g + Lanes.scalarCount <= t {
            let bound = UnsafeRawPointer(bounds + g).loadUnaligned(as: Lanes.self) - UnsafeRawPointer(drift + g).loadUnaligned(as: Lanes.self)
            UnsafeMutableRawPointer(bounds + g).storeBytes(of: bound, as: Lanes.self)
            let open = .!((bound .> 0) .& (threshold .< bound * bound))
            if any(open) {
                for lane in 0..<Lanes.scalarCount where open[lane] && Int32(g + lane) != own { pairs.add(row: row, group: g + lane, at: n); n += 1 }
            }
            g += Lanes.scalarCount
        }
        while g < t {
            let bound = bounds[g] - drift[g]
            bounds[g] = bound
            if !(bound > 0 && limit < bound * bound) && Int32(g) != own { pairs.add(row: row, group: g, at: n); n += 1 }
            g += 1
        }
        return n
    }

    /// Gives row `row` the smallest score of its own group's pair (index `ownPair`) and its searched
    /// pairs (ties: the lower centroid), and makes those groups' bounds exact; returns the distances
    /// the pairs computed.
    private func settle(_ row: Int, ownPair: Int?, searched: Range<Int>, pairs: PairBuffers, rows: Rows) -> Int {
        let nx = rows.squaredNorms[row], bounds = memory.lower + row * groups.count, width = CentroidGroups.width
        var chosen = -1, best = Float.infinity, bestCentroid = Int32.max
        func consider(_ p: Int) {
            let centroid = groups.members[Int(pairs.group[p]) * width + Int(pairs.lane[p])]
            if pairs.best[p] < best || (pairs.best[p] == best && centroid < bestCentroid) {
                (chosen, best, bestCentroid) = (p, pairs.best[p], centroid)
            }
        }
        var work = 0
        func tighten(_ p: Int) {
            let nearestOther = p == chosen ? pairs.second[p] : pairs.best[p]
            bounds[Int(pairs.group[p])] = Swift.max(nx + 2 * nearestOther, 0).squareRoot()
            work += groups.sizes[Int(pairs.group[p])]
        }
        if let ownPair { consider(ownPair) }
        for p in searched { consider(p) }
        rows.nearest[row] = bestCentroid
        rows.distances[row] = nx + 2 * best
        if let ownPair { tighten(ownPair) }
        for p in searched { tighten(p) }
        return work
    }
}

/// One worker's (row, group) pairs of a row block and their scores, in `BoundMemory`'s scratch.
private struct PairBuffers {
    let row: UnsafeMutablePointer<Int32>, group: UnsafeMutablePointer<Int32>, lane: UnsafeMutablePointer<Int32>
    let best: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>
    /// The pairs sorted by group: their rows and their indices.
    let sortedRow: UnsafeMutablePointer<Int32>, sortedIndex: UnsafeMutablePointer<Int32>
    /// Where each row's searched pairs start (rows of the block + 1).
    let rowStarts: UnsafeMutablePointer<Int>
    let groupStarts: UnsafeMutablePointer<Int>

    /// Buffers over `ints` (5 x `capacity`), `floats` (2 x `capacity`), `rowStarts` (block rows + 1)
    /// and `groupStarts` (groups + 1).
    init(ints: UnsafeMutablePointer<Int32>, floats: UnsafeMutablePointer<Float>, capacity: Int,
         rowStarts: UnsafeMutablePointer<Int>, groupStarts: UnsafeMutablePointer<Int>) {
        row = ints; group = ints + capacity; lane = ints + 2 * capacity
        sortedRow = ints + 3 * capacity; sortedIndex = ints + 4 * capacity
        best = floats; second = floats + capacity
        self.rowStarts = rowStarts
        self.groupStarts = groupStarts
    }

    /// Makes pair `index` the one of `row` and `group`.
    func add(row: Int, group: Int, at index: Int) {
        self.row[index] = Int32(row)
        self.group[index] = Int32(group)
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
