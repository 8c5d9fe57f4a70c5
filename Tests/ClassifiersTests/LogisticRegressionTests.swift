import Datasets
import Foundation
import Linalg
import Testing
@testable import Classifiers

/// Three well separated Gaussian clusters in 5 dimensions, labels 3, 7 and 9.
private func clusters(perClass: Int, seed: UInt64) -> (Matrix, [Int]) {
    var rng = SeededRandom(seed: seed)
    let centres: [[Float]] = [[4, 0, 0, 0, 0], [0, 4, 0, 0, 0], [0, 0, -4, 0, 1]]
    var rows: [[Float]] = [], labels: [Int] = []
    for (c, label) in [3, 7, 9].enumerated() {
        for _ in 0..<perClass {
            rows.append(centres[c].map { $0 + 0.5 * rng.normal() })
            labels.append(label)
        }
    }
    return (Matrix(rowArrays: rows), labels)
}

@Suite struct LogisticRegressionTests {
    @Test func separatesSeparableClasses() throws {
        let (features, labels) = clusters(perClass: 50, seed: 1)
        let model = try LogisticRegression.fit(features: features, labels: labels, cost: 1)
        #expect(Set(model.classes) == [3, 7, 9])
        #expect(model.accuracy(features: features, labels: labels) == 1)
        let (test, testLabels) = clusters(perClass: 20, seed: 2)
        #expect(model.accuracy(features: test, labels: testLabels) == 1)
    }

    @Test func twoClassesPredictBothWays() throws {
        let features = Matrix(rowArrays: [[-2], [-1], [-1.5], [1], [2], [1.5]])
        let labels = [0, 0, 0, 1, 1, 1]
        let model = try LogisticRegression.fit(features: features, labels: labels, cost: 10)
        #expect(model.predict(features) == labels)
        #expect(model.predict(Matrix(rowArrays: [[-5], [5]])) == [0, 1])
    }

    @Test func badInputIsRejected() {
        let features = Matrix(rowArrays: [[1], [2]])
        #expect(throws: ClassifierError.linear(.logisticRegression, "training needs at least two classes")) {
            try LogisticRegression.fit(features: features, labels: [1, 1], cost: 1)
        }
        #expect(throws: ClassifierError.self) { try LogisticRegression.fit(features: features, labels: [1], cost: 1) }
        #expect(throws: ClassifierError.self) { try LogisticRegression.fit(features: features, labels: [0, 1], cost: 0) }
    }

    @Test func crossValidationPicksACostFromTheGrid() throws {
        let (features, labels) = clusters(perClass: 40, seed: 5)
        let selection = try CostSelection.crossValidate(features: features, labels: labels, folds: 4, maximumExamples: 100, seed: 9)
        #expect(selection.costs == CostSelection.defaultCosts)
        #expect(selection.meanAccuracies.count == selection.costs.count)
        let best = try #require(selection.costs.firstIndex(of: selection.bestCost))
        #expect(selection.meanAccuracies[best] == selection.meanAccuracies.max())
        #expect(selection.meanAccuracies[best] > 0.95)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: FashionMNIST.defaultRoot.path)))
    func beatsChanceOnFashionMNIST() throws {
        let split = try FashionMNIST.load()
        let training = split.training.subset(Array(0..<2_000)), test = split.test.subset(Array(0..<1_000))
        var trainingPixels = training.images, testPixels = test.images
        trainingPixels.scale(by: 1 / 255)
        testPixels.scale(by: 1 / 255)
        let model = try LogisticRegression.fit(features: trainingPixels, labels: training.labels, cost: 0.1)
        let accuracy = model.accuracy(features: testPixels, labels: test.labels)
        #expect(accuracy > 0.7, "test accuracy \(accuracy) on 1,000 images after training on 2,000")
    }
}
