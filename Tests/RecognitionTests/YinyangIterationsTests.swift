import Linalg
import Testing
@testable import Recognition

/// Yinyang's bounds change how many distances an iteration computes, never what it assigns.
@Suite struct YinyangIterationsTests {
    /// `rows` rows of `cols` dimensions around 40 centres with a spread from tight to loose (no two
    /// rows tie between centroids: random floats), `clusters` starting centroids from random rows.
    func problem(rows: Int = 3000, cols: Int = 12, clusters: Int = 60, seed: UInt64 = 21) -> (data: Matrix, start: Matrix) {
        var random = SeededRandom(seed: seed)
        let centres = random.normalMatrix(rows: 40, cols: cols, scale: 3)
        var data = random.normalMatrix(rows: rows, cols: cols)
        for r in 0..<data.rows {
            let c = r % 40, spread = 0.3 + Float(c) / 20
            for j in 0..<cols { data[r, j] = centres[c, j] + spread * data[r, j] }
        }
        return (data, data.rows(at: random.sample(clusters, from: data.rows)))
    }

    /// Steps plain and bounded Lloyd side by side and checks every iteration's assignments, centroids and cost.
    func expectSameIterations(data: Matrix, start: Matrix, iterations: Int) -> (plain: LloydIterations, bounded: LloydIterations) {
        var plain = LloydIterations(data: data, initialCentroids: start, search: .exhaustive)
        var bounded = LloydIterations(data: data, initialCentroids: start, search: .yinyang)
        for iteration in 0..<iterations {
            let (plainCost, boundedCost) = (plain.step(), bounded.step())
            #expect(bounded.nearest == plain.nearest, "iteration \(iteration)")
            #expect(bounded.centroids == plain.centroids, "iteration \(iteration)")
            // The costs differ by rounding only (the same scores on SkylakeX and Cooperlake kernels).
            #expect(abs(boundedCost - plainCost) <= 1e-5 * plainCost, "iteration \(iteration): \(boundedCost) vs \(plainCost)")
        }
        return (plain, bounded)
    }

    @Test func everyIterationAssignsAsPlainLloydDoes() {
        let (data, start) = problem()
        let (plain, bounded) = expectSameIterations(data: data, start: start, iterations: 25)
        #expect(plain.computedDistances == 25 * data.rows * 60)
        #expect(bounded.computedDistances < 25 * data.rows * 60 / 2, "the bounds should settle most distances: \(bounded.computedDistances)")
    }

    /// Widths below, at and above a SIMD width, a word count that leaves the last group part-filled
    /// and one of a single group, and more rows than one work block.
    @Test(arguments: [(1300, 5, 37), (900, 16, 16), (1100, 33, 200), (600, 100, 70)])
    func everyIterationAssignsAsPlainLloydDoesAtOtherShapes(rows: Int, cols: Int, clusters: Int) {
        let (data, start) = problem(rows: rows, cols: cols, clusters: clusters, seed: UInt64(cols))
        _ = expectSameIterations(data: data, start: start, iterations: 12)
    }

    @Test func aVocabularyIsTheSameWithAndWithoutBounds() throws {
        let (data, _) = problem()
        let settings = KMeansSettings(clusters: 60, initializations: 2, maxIterations: 20, seed: 3)
        let bounded = try Vocabulary.fit(data, settings: settings, search: .yinyang)
        let plain = try Vocabulary.fit(data, settings: settings, search: .exhaustive)
        #expect(bounded.centroids == plain.centroids)
        #expect(bounded.costHistory.count == plain.costHistory.count)
        #expect(plain.computedDistanceFraction == 1)
        #expect(try #require(bounded.computedDistanceFraction) < 1)
    }

    @Test("the bounds' size a memory estimate counts is the groups the split makes: every group but one full",
          arguments: [1, 16, 17, 60, 200, 3000])
    func boundBytesCountTheGroupsTheSplitMakes(clusters: Int) {
        var random = SeededRandom(seed: 5)
        let groups = CentroidGroups(partitioning: random.normalMatrix(rows: clusters, cols: 7)).count
        #expect(groups == (clusters + CentroidGroups.width - 1) / CentroidGroups.width)
        #expect(LloydIterations.searchBytes(rows: 1000, clusters: clusters) == 1000 * Double(YinyangBounds.slots(groups: groups)) * 4)
        #expect(LloydIterations.searchBytes(.exhaustive, rows: 1000, clusters: clusters) == 0)
    }

    @Test func aCentroidLeftEmptyIsRefilledAsInPlainLloyd() {
        // Three far-off duplicate starting centroids: two get no rows and take the farthest rows.
        let (data, start) = problem()
        var centroids = start
        for j in 0..<12 { centroids[0, j] = 100; centroids[1, j] = 100; centroids[30, j] = 100 }
        _ = expectSameIterations(data: data, start: centroids, iterations: 6)
    }
}
