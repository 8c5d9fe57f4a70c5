import CKMeansKernels
import Linalg

/// K-means centroids split into groups of at most sixteen neighbours, each group stored transposed
/// (dimension by dimension, one SIMD lane per member) so that a row's scores against a whole
/// group are one vector chain of fused multiply-adds.
///
/// The groups come from a balanced split of the starting centroids: the set is cut on its
/// widest coordinate into halves whose left part is a multiple of sixteen, recursively, so every
/// group but one is full and neighbours share a group. A score is `|c|^2 / 2 - x.c` as in
/// `NearestCentroids`, the dot product summed in dimension order with one fused multiply-add per
/// term, which is how OpenBLAS's sgemm kernels sum each element of a product (bit for bit on the
/// SkylakeX and Cooperlake kernels; the Haswell kernel differs in the last bit for a few per cent
/// of the elements): the scores and the exhaustive search's agree. Padding lanes score infinity.
struct CentroidGroups {
    /// Members per group, one SIMD lane each.
    static let width = Int(ZAE_GROUP_WIDTH)

    /// Number of groups.
    let count: Int
    /// Descriptor dimensionality.
    let dimension: Int
    /// The centroid in each lane of each group (`count x width`), -1 for padding; ascending within a group.
    let members: [Int32]
    /// The group of each centroid.
    let groupOf: [Int32]
    /// The real members of each group.
    let sizes: [Int]
    /// Group `g`'s centroids transposed: `blocks[(g * dimension + q) * width + lane]` is coordinate `q` of its lane's centroid.
    private(set) var blocks: [Float]
    /// `|c|^2 / 2` per lane (`count x width`), infinity for padding.
    private(set) var halfSquaredNorms: [Float]

    /// Groups of the rows of `centroids` (`K x D`), filled with them.
    init(partitioning centroids: Matrix) {
        let k = centroids.rows, w = Self.width
        var groups: [[Int]] = []
        Self.split(Array(0..<k), of: centroids, into: &groups)
        count = groups.count
        dimension = centroids.cols
        var members = [Int32](repeating: -1, count: count * w), groupOf = [Int32](repeating: 0, count: k)
        for (g, group) in groups.enumerated() {
            for (lane, j) in group.sorted().enumerated() {
                members[g * w + lane] = Int32(j)
                groupOf[j] = Int32(g)
            }
        }
        self.members = members
        self.groupOf = groupOf
        sizes = groups.map(\.count)
        blocks = [Float](repeating: 0, count: count * dimension * w)
        halfSquaredNorms = [Float](repeating: .infinity, count: count * w)
        load(centroids)
    }

    /// Cuts `indices` on the coordinate where their centroids spread most (ties: lower index
    /// first), the left part a multiple of `width` near half, until every part fits one group.
    private static func split(_ indices: [Int], of centroids: Matrix, into groups: inout [[Int]]) {
        guard indices.count > width else { groups.append(indices); return }
        let d = centroids.cols
        var widest = 0, widestSpread = -Float.infinity
        for q in 0..<d {
            var low = Float.infinity, high = -Float.infinity
            for j in indices { low = min(low, centroids[j, q]); high = max(high, centroids[j, q]) }
            if high - low > widestSpread { (widest, widestSpread) = (q, high - low) }
        }
        let sorted = indices.sorted { (centroids[$0, widest], $0) < (centroids[$1, widest], $1) }
        let cut = min(max((indices.count / 2 + width / 2) / width * width, width), indices.count - 1)
        split(Array(sorted[..<cut]), of: centroids, into: &groups)
        split(Array(sorted[cut...]), of: centroids, into: &groups)
    }

    /// Refills the groups with moved centroids (same `K x D` shape and order).
    mutating func load(_ centroids: Matrix) {
        let d = dimension, w = Self.width
        centroids.storage.withUnsafeBufferPointer { c in
            for g in 0..<count {
                for lane in 0..<w {
                    let j = Int(members[g * w + lane])
                    guard j >= 0 else { continue }
                    let row = c.baseAddress! + j * d
                    halfSquaredNorms[g * w + lane] = 0.5 * squaredNorm(row, count: d)
                    for q in 0..<d { blocks[(g * d + q) * w + lane] = row[q] }
                }
            }
        }
    }

    /// Scores rows `rows[i]` of `data` (`count` of them, `d` columns) against group `group` and
    /// writes each row's smallest score, its lane and the smallest score of the group's other lanes
    /// to `best`, `lane` and `second` at index `out[i]` (`zae_group_minima`: four rows at a time,
    /// the group's block loaded once for them).
    func minima(_ data: UnsafePointer<Float>, rows: UnsafePointer<Int32>, out: UnsafePointer<Int32>, count: Int, group: Int,
                best: UnsafeMutablePointer<Float>, lane: UnsafeMutablePointer<Int32>, second: UnsafeMutablePointer<Float>) {
        let w = Self.width
        blocks.withUnsafeBufferPointer { b in
            halfSquaredNorms.withUnsafeBufferPointer { h in
                zae_group_minima(data, dimension, rows, out, count, b.baseAddress! + group * dimension * w, h.baseAddress! + group * w,
                                 best, lane, second)
            }
        }
    }
}
