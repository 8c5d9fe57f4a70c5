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

    @Test func refusesOneClass() {
        #expect(throws: LogisticRegression.Failure.self) {
            _ = try LinearSVM.fit(features: Matrix(rowArrays: [[1], [2]]), positive: [true, true], cost: 1)
        }
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
