import Testing
@testable import Recognition

@Suite struct AveragePrecisionTests {
    @Test func handComputedRanking() {
        let scores = [0.9, 0.8, 0.7, 0.6, 0.5]
        let labels = [true, false, true, false, false]
        // Positives at ranks 1 and 3: (1/1 + 2/3) / 2.
        #expect(close(AveragePrecision.nonInterpolated(scores: scores, labels: labels), 5.0 / 6))
        // Precision 1 up to recall 0.5 (6 levels), then 2/3 (5 levels).
        let elevenPoint: Double = (6 + 5 * 2.0 / 3) / 11
        #expect(close(AveragePrecision.elevenPoint(scores: scores, labels: labels), elevenPoint))
    }

    @Test func tiesArePessimistic() {
        // The positive ties with a negative: the negative is ranked first.
        let scores = [1.0, 1.0, 0.0], labels = [true, false, false]
        #expect(AveragePrecision.nonInterpolated(scores: scores, labels: labels) == 0.5)
        #expect(AveragePrecision.elevenPoint(scores: scores, labels: labels) == 0.5)
        // Input order does not matter.
        #expect(AveragePrecision.nonInterpolated(scores: [1, 1, 0], labels: [false, true, false]) == 0.5)
    }

    @Test func singlePositive() {
        let scores = [3.0, 2.0, 1.0], labels = [false, false, true]
        #expect(close(AveragePrecision.nonInterpolated(scores: scores, labels: labels), 1.0 / 3))
        #expect(close(AveragePrecision.elevenPoint(scores: scores, labels: labels), 1.0 / 3))
        #expect(AveragePrecision.nonInterpolated(scores: [5, 1], labels: [true, false]) == 1)
    }

    @Test("the precision-recall curve has a point per positive, ties ranked as AP ranks them, and its area is the AP")
    func precisionRecallCurve() {
        let points = PrecisionRecallCurve.points(scores: [0.9, 0.8, 0.7, 0.6, 0.5], labels: [true, false, true, false, false])
        #expect(points.map(\.recall) == [0.5, 1] && points.map(\.precision) == [1, 2.0 / 3])
        // A tie between a positive and a negative: the negative first.
        #expect(PrecisionRecallCurve.points(scores: [1, 1], labels: [true, false]).map(\.precision) == [0.5])
        #expect(PrecisionRecallCurve.points(scores: [1, 2], labels: [false, false]).isEmpty)
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let scores = (0..<40).map { _ in Double(Int.random(in: 0..<15, using: &random)) }
            let labels = (0..<40).map { _ in Bool.random(using: &random) }
            let curve = PrecisionRecallCurve.points(scores: scores, labels: labels)
            let area = zip([0] + curve.map(\.recall), curve).reduce(0.0) { $0 + ($1.1.recall - $1.0) * $1.1.precision }
            #expect(close(AveragePrecision.nonInterpolated(scores: scores, labels: labels), area) || curve.isEmpty)
        }
    }

    @Test func noPositivesHasNoAP() {
        #expect(AveragePrecision.nonInterpolated(scores: [1, 2], labels: [false, false]) == nil)
        #expect(AveragePrecision.elevenPoint(scores: [1, 2], labels: [false, false]) == nil)
        #expect(AveragePrecision.mean([0.5, nil, 1.0]) == 0.75)
        #expect(AveragePrecision.mean([nil]) == nil)
    }
}

/// True when `value` is present and within 1e-12 of `expected`.
private func close(_ value: Double?, _ expected: Double) -> Bool {
    guard let value else { return false }
    return abs(value - expected) < 1e-12
}
