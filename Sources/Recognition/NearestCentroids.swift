import Foundation
import Linalg
import Support

/// The assignment step of Euclidean K-means, through BLAS.
///
/// For a row x, the nearest centroid minimises `|x|^2 - 2 x.c + |c|^2`; `|x|^2` does not depend on
/// c, so the search minimises the score `|c|^2 / 2 - x.c` and the squared distance is
/// `|x|^2 + 2 * score`. Rows are taken in tiles of `rowTile`, centroids in tiles of
/// `centroidTile`: one sgemm gives a tile's dot products (sized to stay in the L2 cache), and one
/// SIMD pass over it keeps each row's running minimum. Ties go to the lowest centroid index.
struct NearestCentroids {
    /// The centroids, `K x D`.
    let centroids: Matrix
    /// `|c|^2 / 2` per centroid.
    let halfSquaredNorms: [Float]
    /// Rows per sgemm.
    static let rowTile = 256
    /// Centroids per sgemm.
    static let centroidTile = 1024

    /// A search over the rows of `centroids`.
    init(centroids: Matrix) {
        self.centroids = centroids
        self.halfSquaredNorms = (0..<centroids.rows).map { k in
            centroids.storage.withUnsafeBufferPointer { 0.5 * squaredNorm($0.baseAddress! + k * centroids.cols, count: centroids.cols) }
        }
    }

    /// Writes, for each row of `data`, the nearest centroid's index into `nearest` and its score
    /// `|c|^2 / 2 - x.c` into `scores`. Row tiles are shared among all cores, each
    /// worker with its own scratch tile and a one-thread BLAS (a tile's product is too small to split further).
    func search(_ data: Matrix, nearest: UnsafeMutablePointer<Int32>, scores: UnsafeMutablePointer<Float>) {
        precondition(data.cols == centroids.cols, "data has \(data.cols) columns, centroids \(centroids.cols)")
        let d = data.cols, k = centroids.rows
        let tiles = (data.rows + Self.rowTile - 1) / Self.rowTile
        let tileSize = Self.rowTile * Self.centroidTile
        var scratch = [Float](repeating: 0, count: ParallelWork.workers(for: tiles) * tileSize)
        scratch.withUnsafeMutableBufferPointer { scratchBuffer in
            nonisolated(unsafe) let nearest = nearest, scores = scores
            nonisolated(unsafe) let scratchBase = scratchBuffer.baseAddress!
            ParallelWork.forEach(tiles) { t, worker in
                let dots = scratchBase + worker * tileSize
                data.storage.withUnsafeBufferPointer { x in
                    centroids.storage.withUnsafeBufferPointer { c in
                        halfSquaredNorms.withUnsafeBufferPointer { norms in
                            let r0 = t * Self.rowTile, rows = min(Self.rowTile, data.rows - r0)
                            for i in 0..<rows { scores[r0 + i] = .infinity; nearest[r0 + i] = 0 }
                            for c0 in stride(from: 0, to: k, by: Self.centroidTile) {
                                let cols = min(Self.centroidTile, k - c0)
                                sgemm(.none, .transposed, m: rows, n: cols, k: d, a: x.baseAddress! + r0 * d, lda: d,
                                      b: c.baseAddress! + c0 * d, ldb: d, c: dots, ldc: cols)
                                for i in 0..<rows {
                                    Self.keepMinimum(dots: dots + i * cols, norms: norms.baseAddress! + c0, count: cols, firstIndex: c0,
                                                     best: &scores[r0 + i], bestIndex: &nearest[r0 + i])
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Lowers `best` / `bestIndex` to the smallest `norms[j] - dots[j]` over `j < count` (index
    /// `firstIndex + j`) when it is smaller; sixteen lanes at a time.
    @inline(__always)
    static func keepMinimum(dots: UnsafePointer<Float>, norms: UnsafePointer<Float>, count: Int, firstIndex: Int,
                            best: inout Float, bestIndex: inout Int32) {
        typealias Lanes = SIMD16<Float>
        let width = Lanes.scalarCount
        var laneBest = Lanes(repeating: .infinity)
        var laneIndex = SIMD16<Int32>(repeating: 0)
        var index = SIMD16<Int32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) &+ Int32(firstIndex)
        let vectorEnd = count - count % width
        var j = 0
        while j < vectorEnd {
            let v = UnsafeRawPointer(norms + j).loadUnaligned(as: Lanes.self) - UnsafeRawPointer(dots + j).loadUnaligned(as: Lanes.self)
            let smaller = v .< laneBest
            laneBest.replace(with: v, where: smaller)
            laneIndex.replace(with: index, where: smaller)
            index &+= Int32(width)
            j += width
        }
        func offer(_ v: Float, _ i: Int32) {
            if v < best || (v == best && i < bestIndex) {
                best = v
                bestIndex = i
            }
        }
        for lane in 0..<width { offer(laneBest[lane], laneIndex[lane]) }
        while j < count {
            offer(norms[j] - dots[j], Int32(firstIndex + j))
            j += 1
        }
    }
}
