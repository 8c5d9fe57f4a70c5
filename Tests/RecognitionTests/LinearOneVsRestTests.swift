import Classifiers
import Linalg
import Testing
@testable import Recognition

@Suite struct LinearOneVsRestTests {
    @Test func ranksEachActionsClipsFirstAndRecordsTheCost() throws {
        // Three actions, each clip showing one: its feature is a noisy one-hot vector.
        var random = SeededRandom(seed: 1)
        func clips(_ count: Int) -> (Matrix, [[Bool]]) {
            var rows: [[Float]] = [], labels: [[Bool]] = []
            for i in 0..<count {
                let action = i % 3
                rows.append((0..<6).map { ($0 == action ? 1 : 0) + 0.3 * random.normal() })
                labels.append((0..<3).map { $0 == action })
            }
            return (Matrix(rowArrays: rows), labels)
        }
        let (training, labels) = clips(60), (test, testLabels) = clips(30)
        let result = try LinearOneVsRest.scores(training: training, test: test, labels: labels, costs: [0.01, 1, 100], folds: 3, seed: 2)
        #expect([0.01, 1, 100].contains(result.cost))
        #expect(result.validationAP.count == 3 && result.validationAP.allSatisfy { $0 > 0.5 })
        for a in 0..<3 {
            let ap = try #require(AveragePrecision.nonInterpolated(scores: result.scores[a], labels: testLabels.map { $0[a] }))
            #expect(ap > 0.9)
        }
    }

    @Test func namesAnActionWithoutPositives() {
        let labels = [[true, false], [false, false], [true, false]]
        #expect(throws: ClassifierError.action(1, .singleClass(positives: 0, negatives: 3))) {
            _ = try LinearOneVsRest.scores(training: Matrix(rows: 3, cols: 2), test: Matrix(rows: 1, cols: 2), labels: labels,
                                           costs: [1], folds: 2, seed: 1)
        }
    }
}
