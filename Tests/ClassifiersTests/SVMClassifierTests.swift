import Foundation
import Linalg
import Testing
@testable import Classifiers

@Suite struct SVMClassifierTests {
    /// The Gaussian kernel between 1-D points.
    static func kernel(_ a: [Float], _ b: [Float]) -> Matrix {
        var k = Matrix(rows: a.count, cols: b.count)
        for i in a.indices { for j in b.indices { k[i, j] = exp(-(a[i] - b[j]) * (a[i] - b[j])) } }
        return k
    }

    /// The linear kernel (plus 1) between 1-D points.
    static func linearKernel(_ a: [Float], _ b: [Float]) -> Matrix {
        var k = Matrix(rows: a.count, cols: b.count)
        for i in a.indices { for j in b.indices { k[i, j] = a[i] * b[j] + 1 } }
        return k
    }

    /// Whether every positive scores above every negative (a perfect ranking).
    static func ranksPositivesFirst(_ scores: [Double], _ labels: [Bool]) -> Bool {
        let positives = zip(scores, labels).filter { $0.1 }.map(\.0), negatives = zip(scores, labels).filter { !$0.1 }.map(\.0)
        return !positives.isEmpty && !negatives.isEmpty && positives.min()! > negatives.max()!
    }

    @Test(arguments: [true, false])
    func separatesToyProblemWhateverLabelOrder(positiveFirst: Bool) throws {
        var train: [Float] = [1.5, 2, 2.5, 3, -1.5, -2, -2.5, -3]
        var labels = [true, true, true, true, false, false, false, false]
        if !positiveFirst { train.reverse(); labels.reverse() }
        let test: [Float] = [-2.2, 2.2, -0.8, 0.9, 3.5, -3.5]
        let svm = try SVMClassifier(trainingKernel: Self.kernel(train, train), labels: labels)
        let scores = svm.scores(testKernel: Self.kernel(test, train))
        let positive = [false, true, false, true, true, false]
        #expect(Self.ranksPositivesFirst(scores, positive))
        for (score, label) in zip(scores, positive) { #expect((score > 0) == label) }
    }

    @Test func balancedWeightsFavourTheMinority() throws {
        // 40 negatives spread over [-1, 1], 4 positives in [0.7, 1]: with a small C and no weights
        // every point falls on the negative side; balanced weights pull the minority across.
        let negatives = (0..<40).map { Float($0) / 19.5 - 1 }
        let positives: [Float] = [0.7, 0.8, 0.9, 1.0]
        let train = negatives + positives
        let labels = negatives.map { _ in false } + positives.map { _ in true }
        let k = Self.linearKernel(train, train)
        let plain = try SVMClassifier(trainingKernel: k, labels: labels, settings: SVMSettings(cost: 0.05, balancedClassWeights: false))
        let weighted = try SVMClassifier(trainingKernel: k, labels: labels, settings: SVMSettings(cost: 0.05))
        let probe = Self.linearKernel([0.95], train)
        #expect(plain.scores(testKernel: probe)[0] < 0)
        #expect(weighted.scores(testKernel: probe)[0] > 0)
        let test: [Float] = [-0.9, 0.95, -0.2, 0.85, 0.1]
        let scores = weighted.scores(testKernel: Self.linearKernel(test, train))
        #expect(Self.ranksPositivesFirst(scores, [false, true, false, true, false]))
    }

    @Test func refusesSingleClass() {
        #expect(throws: ClassifierError.singleClass(positives: 0, negatives: 2)) {
            try SVMClassifier(trainingKernel: Matrix.identity(2), labels: [false, false])
        }
    }

    @Test func oneVsRestScoresEveryAction() throws {
        // Action 0: x > 0. Action 1: |x| > 2 (multi-label: 2.5 carries both).
        let train: [Float] = [-3, -2.5, -1, -0.5, 0.5, 1, 2.5, 3]
        let labels = train.map { [$0 > 0, abs($0) > 2] }
        let test: [Float] = [-2.8, -0.7, 0.7, 2.8]
        let scores = try OneVsRestEvaluation.scores(trainingKernel: Self.kernel(train, train),
                                                    testKernel: Self.kernel(test, train), trainingLabels: labels)
        #expect(scores.count == 2 && scores.allSatisfy { $0.count == 4 })
        #expect(Self.ranksPositivesFirst(scores[0], [false, false, true, true]))
        #expect(Self.ranksPositivesFirst(scores[1], [true, false, false, true]))
        let missing = train.map { [$0 > 0, false] }
        #expect(throws: ClassifierError.action(1, .singleClass(positives: 0, negatives: 8))) {
            try OneVsRestEvaluation.scores(trainingKernel: Self.kernel(train, train), testKernel: Self.kernel(test, train),
                                           trainingLabels: missing)
        }
    }
}
