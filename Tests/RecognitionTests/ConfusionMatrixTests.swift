import Testing
@testable import Recognition

@Suite("single-label metrics")
struct ConfusionMatrixTests {
    @Test("top-1 takes the largest decision value per clip, ties to the earlier class")
    func topOne() {
        let scores: [[Double]] = [[0.9, -1, 0.2, 0.5], [0.1, -0.5, 0.7, 0.5], [-2, -0.6, 0.1, 0.5]]
        #expect(TopOneClassification.predictions(scores: scores) == [0, 1, 1, 0])
    }

    @Test("counts, accuracy and mean class accuracy match a hand count")
    func counts() {
        // Class 0: 3 clips, 2 right; class 1: 1 clip, right; class 2: no clip.
        let matrix = ConfusionMatrix(trueClasses: [0, 0, 0, 1], predicted: [0, 2, 0, 1], classCount: 3)
        #expect(matrix.counts == [[2, 0, 1], [0, 1, 0], [0, 0, 0]])
        #expect(matrix.total == 4)
        #expect(matrix.accuracy == 0.75)
        #expect(matrix.accuracy(ofClass: 0) == 2.0 / 3 && matrix.accuracy(ofClass: 2) == nil)
        let expectedMean: Double = (2.0 / 3 + 1) / 2
        #expect(matrix.meanClassAccuracy == expectedMean)
        #expect(ConfusionMatrix(counts: matrix.counts) == matrix)
    }
}
