import Linalg
import Testing
@testable import Recognition

/// Lloyd iterations are a value: a copy of a fit in progress goes on alone, its Yinyang bounds
/// (kept in memory allocated once per fit) its own.
@Suite struct LloydIterationsCopyTests {
    @Test("a copy taken mid-fit and stepped ahead leaves the original's bounds alone: both end as an uncopied fit does")
    func aCopyStepsOnItsOwn() {
        var random = SeededRandom(seed: 8)
        let data = random.normalMatrix(rows: 2000, cols: 10)
        let start = data.rows(at: random.sample(40, from: data.rows))
        var reference = LloydIterations(data: data, initialCentroids: start)
        for _ in 0..<9 { _ = reference.step() }

        var original = LloydIterations(data: data, initialCentroids: start)
        for _ in 0..<3 { _ = original.step() }
        var copy = original
        // The copy runs six iterations ahead before the original moves: shared bounds would be the
        // copy's, made for other centroids, and change what the original computes.
        for _ in 0..<6 { _ = copy.step() }
        for _ in 0..<6 { _ = original.step() }
        for fit in [original, copy] {
            #expect(fit.nearest == reference.nearest)
            #expect(fit.centroids == reference.centroids)
            #expect(fit.computedDistances == reference.computedDistances)
        }
        #expect(reference.computedDistances < 9 * 2000 * 40, "the bounds should settle some distances: \(reference.computedDistances)")
    }
}
