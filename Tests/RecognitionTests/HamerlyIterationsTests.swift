import Linalg
import Testing
@testable import Recognition

/// Hamerly's bounds change how much an iteration searches, never what it assigns.
@Suite struct HamerlyIterationsTests {
    /// 3,000 rows of 12 dimensions around 40 centres with a spread from tight to loose (no two
    /// rows tie between centroids: random floats), 60 clusters from the same random rows.
    func problem() -> (data: Matrix, start: Matrix) {
        var random = SeededRandom(seed: 21)
        let centres = random.normalMatrix(rows: 40, cols: 12, scale: 3)
        var data = random.normalMatrix(rows: 3000, cols: 12)
        for r in 0..<data.rows {
            let c = r % 40, spread = 0.3 + Float(c) / 20
            for j in 0..<12 { data[r, j] = centres[c, j] + spread * data[r, j] }
        }
        return (data, data.rows(at: random.sample(60, from: data.rows)))
    }

    @Test func everyIterationAssignsAsPlainLloydDoes() {
        let (data, start) = problem()
        var plain = LloydIterations(data: data, initialCentroids: start, search: .exhaustive)
        var bounded = LloydIterations(data: data, initialCentroids: start, search: .hamerly)
        for iteration in 0..<25 {
            let (plainCost, boundedCost) = (plain.step(), bounded.step())
            #expect(bounded.nearest == plain.nearest, "iteration \(iteration)")
            #expect(bounded.centroids == plain.centroids, "iteration \(iteration)")
            // The costs differ by rounding only: |x|^2 + 2 score against sum (x - c)^2.
            #expect(abs(boundedCost - plainCost) <= 1e-5 * plainCost, "iteration \(iteration): \(boundedCost) vs \(plainCost)")
        }
        #expect(plain.searchedRows == 25 * data.rows)
        #expect(bounded.searchedRows < 25 * data.rows / 3, "the bounds should settle most rows: \(bounded.searchedRows)")
    }

    @Test(arguments: [LloydIterations.Search.yinyang])
    func everyIterationAssignsAsPlainLloydDoesWith(_ search: LloydIterations.Search) {
        let (data, start) = problem()
        var plain = LloydIterations(data: data, initialCentroids: start, search: .exhaustive)
        var bounded = LloydIterations(data: data, initialCentroids: start, search: search)
        for iteration in 0..<25 {
            let (plainCost, boundedCost) = (plain.step(), bounded.step())
            #expect(bounded.nearest == plain.nearest, "iteration \(iteration)")
            #expect(bounded.centroids == plain.centroids, "iteration \(iteration)")
            #expect(abs(boundedCost - plainCost) <= 1e-5 * plainCost, "iteration \(iteration): \(boundedCost) vs \(plainCost)")
        }
        print("searched", bounded.searchedRows, 25 * data.rows)
    }

    @Test func aVocabularyIsTheSameWithAndWithoutBounds() throws {
        let (data, _) = problem()
        let settings = KMeansSettings(clusters: 60, initializations: 2, maxIterations: 20, seed: 3)
        let bounded = try Vocabulary.fit(data, settings: settings, search: .hamerly)
        let plain = try Vocabulary.fit(data, settings: settings, search: .exhaustive)
        #expect(bounded.centroids == plain.centroids)
        #expect(bounded.costHistory.count == plain.costHistory.count)
    }

    @Test func aCentroidLeftEmptyIsRefilledAsInPlainLloyd() {
        // Two far-off duplicate starting centroids: the second gets no rows and takes the farthest row.
        let (data, start) = problem()
        var centroids = start
        for j in 0..<12 { centroids[1, j] = 100; centroids[0, j] = 100 }
        var plain = LloydIterations(data: data, initialCentroids: centroids, search: .exhaustive)
        var bounded = LloydIterations(data: data, initialCentroids: centroids, search: .hamerly)
        for _ in 0..<5 { _ = plain.step(); _ = bounded.step() }
        #expect(bounded.nearest == plain.nearest)
        #expect(bounded.centroids == plain.centroids)
    }
}
