import CKMeansKernels
import Linalg
import Testing
@testable import Recognition

/// The k-means++ seeding skips distances the triangle inequality settles, and draws the same centroids.
@Suite struct KMeansPlusPlusTests {
    /// The exhaustive seeding: every row's distance to every new centroid (the draw is the fit's own).
    static func exhaustiveSeeding(_ data: Matrix, clusters: Int, random: inout SeededRandom) -> [Int] {
        let n = data.rows, d = data.cols
        var chosen = [random.int(below: n)]
        var distance = [Float](repeating: .infinity, count: n)
        data.storage.withUnsafeBufferPointer { x in
            while chosen.count < clusters {
                let last = x.baseAddress! + chosen.last! * d
                for r in 0..<n { distance[r] = min(distance[r], squaredDistance(x.baseAddress! + r * d, last, count: d)) }
                chosen.append(Vocabulary.drawRow(distance, chosen: chosen, random: &random))
            }
        }
        return chosen
    }

    @Test(arguments: [(2000, 12, 150), (1500, 40, 300), (600, 3, 60)])
    func drawsTheSameCentroidsAsTheExhaustiveSeeding(rows: Int, cols: Int, clusters: Int) {
        var random = SeededRandom(seed: UInt64(rows + cols))
        var data = random.normalMatrix(rows: rows, cols: cols)
        // Clustered rows with a falling spectrum, as PCA-reduced descriptors have.
        let centres = random.normalMatrix(rows: 20, cols: cols, scale: 4)
        for r in 0..<rows { for j in 0..<cols { data[r, j] = (data[r, j] + centres[r % 20, j]) / Float(j + 1).squareRoot() } }
        var reference = SeededRandom(seed: 7), accelerated = SeededRandom(seed: 7)
        let expected = Self.exhaustiveSeeding(data, clusters: clusters, random: &reference)
        let seeded = Vocabulary.kMeansPlusPlus(data, clusters: clusters, random: &accelerated)
        #expect(seeded == data.rows(at: expected))
        #expect(reference.uniform() == accelerated.uniform(), "both draw the same number of random values")
    }

    @Test(arguments: [1, 15, 16, 17, 60, 100, 104])
    func theSeedingPassComputesLinalgsSquaredDistanceBitForBit(width: Int) {
        var random = SeededRandom(seed: UInt64(width))
        let data = random.normalMatrix(rows: 500, cols: width, scale: 3), centre = random.normalMatrix(rows: 1, cols: width)
        var distance = [Float](repeating: .infinity, count: 500), owner = [Int32](repeating: -1, count: 500)
        let separation: [Float] = [0]
        zae_seeding_pass(data.storage, width, 0, 500, centre.storage, separation, &owner, &distance, 0)
        let expected = data.storage.withUnsafeBufferPointer { x in
            (0..<500).map { squaredDistance(x.baseAddress! + $0 * width, centre.storage, count: width) }
        }
        #expect(distance.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(owner.allSatisfy { $0 == 0 })
    }

    @Test func rowsThatCoincideWithCentroidsFallBackToUnchosenRows() {
        // Four distinct rows, each repeated: once all four are chosen every distance is 0.
        let rows = (0..<40).map { i in [Float(i % 4), Float(i % 4) * 2] }
        let data = Matrix(rowArrays: rows)
        var reference = SeededRandom(seed: 1), accelerated = SeededRandom(seed: 1)
        let expected = Self.exhaustiveSeeding(data, clusters: 6, random: &reference)
        #expect(Vocabulary.kMeansPlusPlus(data, clusters: 6, random: &accelerated) == data.rows(at: expected))
    }
}
