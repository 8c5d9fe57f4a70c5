import Foundation
import Linalg
import Testing
@testable import Classifiers

@Suite struct LinearSVMTests {
    @Test func separatesAndScoresBySide() throws {
        // Positives have x0 > 1, negatives x0 < -1; the second feature is noise.
        var random = SeededRandom(seed: 3)
        var rows: [[Float]] = [], positive: [Bool] = []
        for i in 0..<80 {
            let side: Float = i % 2 == 0 ? 1 : -1
            rows.append([side * (1 + 2 * random.uniform()), random.normal()])
            positive.append(side > 0)
        }
        let svm = try LinearSVM.fit(features: Matrix(rowArrays: rows), positive: positive, cost: 1)
        #expect(svm.weights[0] > 0 && abs(svm.weights[1]) < svm.weights[0])
        let scores = svm.decisionValues(Matrix(rowArrays: [[3, 0], [-3, 0]]))
        #expect(scores[0] > 0 && scores[1] < 0)
        // Whichever label liblinear sees first, positive means positive.
        let flipped = try LinearSVM.fit(features: Matrix(rowArrays: Array(rows.reversed())), positive: positive.reversed(), cost: 1)
        #expect(flipped.decisionValues(Matrix(rowArrays: [[3, 0]]))[0] > 0)
    }

    @Test func failuresNameTheLinearSVM() {
        let failure = #expect(throws: ClassifierError.self) {
            _ = try LinearSVM.fit(features: Matrix(rowArrays: [[1], [2]]), positive: [true, true], cost: 1)
        }
        #expect(failure == ClassifierError.linear(.linearSVM, "training needs at least two classes"))
        #expect(failure?.description == "linear SVM: training needs at least two classes")
        let badCost = #expect(throws: ClassifierError.self) {
            _ = try LinearSVM.fit(features: Matrix(rowArrays: [[1], [2]]), positive: [true, false], cost: -1)
        }
        #expect(badCost?.description.hasPrefix("linear SVM: cost C must be positive") == true)
    }
}

/// More features than examples: training in the span of the examples must give the SVM that
/// liblinear finds on the full features (the reference), up to the solver's rounding.
@Suite struct LinearSVMSpanTests {
    @Test func spanSolutionMatchesTheFullProblem() throws {
        var random = SeededRandom(seed: 21)
        let features = random.normalMatrix(rows: 40, cols: 300)
        let positive = (0..<40).map { features[$0, 0] - features[$0, 1] + 0.3 * features[$0, 2] > 0.2 }
        let test = random.normalMatrix(rows: 25, cols: 300)
        for cost in [0.01, 1.0] {
            let full = try LinearSVM.fit(features: features, positive: positive, cost: cost, tolerance: 1e-6, inSpan: false)
            let span = try LinearSVM.fit(features: features, positive: positive, cost: cost, tolerance: 1e-6, inSpan: true)
            let reference = full.decisionValues(test), values = span.decisionValues(test)
            let scale = reference.map(abs).max()!
            #expect(scale > 0.01)
            for (a, b) in zip(reference, values) { #expect(abs(a - b) <= 1e-3 * scale) }
            #expect(abs(full.bias - span.bias) <= 1e-3 * max(abs(full.bias), 0.1))
        }
        // The automatic choice takes the span for 300 features and 40 examples.
        let automatic = try LinearSVM.fit(features: features, positive: positive, cost: 1, tolerance: 1e-6)
        #expect(automatic == (try LinearSVM.fit(features: features, positive: positive, cost: 1, tolerance: 1e-6, inSpan: true)))
    }

    @Test func logisticRegressionInTheSpanToo() throws {
        var random = SeededRandom(seed: 22)
        let features = random.normalMatrix(rows: 30, cols: 200)
        let labels = (0..<30).map { features[$0, 0] > 0 ? 1 : 0 }
        let full = try LibLinearTraining.train(features: features, labels: labels, classifier: .logisticRegression, cost: 1,
                                               tolerance: 1e-6, inSpan: false)
        let span = try LibLinearTraining.train(features: features, labels: labels, classifier: .logisticRegression, cost: 1,
                                               tolerance: 1e-6, inSpan: true)
        #expect(full.classes == span.classes)
        let scale = full.weights.storage.map(abs).max()!
        for (a, b) in zip(full.weights.storage, span.weights.storage) { #expect(abs(a - b) <= 1e-3 * scale) }
    }
}

@Suite struct LinearSVMDeterminismTests {
    @Test func trainingsSideBySideGiveIdenticalWeights() throws {
        var random = SeededRandom(seed: 8)
        let features = random.normalMatrix(rows: 120, cols: 40)
        let positive = (0..<120).map { features[$0, 0] + 0.5 * features[$0, 1] > 0.3 }
        let alone = try LinearSVM.fit(features: features, positive: positive, cost: 10)
        let lock = NSLock()
        nonisolated(unsafe) var trained: [LinearSVM?] = []
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let svm = try? LinearSVM.fit(features: features, positive: positive, cost: 10)
            lock.withLock { trained.append(svm) }
        }
        #expect(trained.count == 8)
        for svm in trained { #expect(svm == alone) }
    }
}
