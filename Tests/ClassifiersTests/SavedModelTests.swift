import Foundation
import Linalg
import Testing
@testable import Classifiers

/// A trained libsvm classifier saved in libsvm's text format and loaded back scores exactly as before.
@Suite struct SavedModelTests {
    static let train: [Float] = [1.5, 2, 2.5, 3, -1.5, -2, -2.5, -3, 0.2, -0.3]
    static let labels = [true, true, true, true, false, false, false, false, true, false]
    static let test: [Float] = [-2.2, 2.2, -0.8, 0.9, 3.5, -3.5, 0.05, -0.1]

    @Test(arguments: [true, false])
    func loadedModelScoresBitForBit(positiveFirst: Bool) throws {
        var train = Self.train, labels = Self.labels
        if !positiveFirst { train.reverse(); labels.reverse() }
        let trained = try SVMClassifier(trainingKernel: SVMClassifierTests.kernel(train, train), labels: labels)
        let testKernel = SVMClassifierTests.kernel(Self.test, train)
        let text = try trained.savedModel()
        #expect(String(decoding: text, as: UTF8.self).contains("kernel_type precomputed"))
        let loaded = try SVMClassifier(savedModel: text, trainingCount: train.count)
        let before = trained.scores(testKernel: testKernel), after = loaded.scores(testKernel: testKernel)
        #expect(before.map(\.bitPattern) == after.map(\.bitPattern))
        #expect(before.contains { $0 > 0 } && before.contains { $0 < 0 })
    }

    @Test func oneVsRestKeepsEachActionsModel() throws {
        let train = Self.train
        let labels = train.map { [$0 > 0, abs($0) > 2] }
        let trained = try OneVsRestEvaluation.train(trainingKernel: SVMClassifierTests.kernel(train, train),
                                                    testKernel: SVMClassifierTests.kernel(Self.test, train), trainingLabels: labels)
        #expect(trained.count == 2)
        for action in trained {
            let loaded = try SVMClassifier(savedModel: action.savedModel, trainingCount: train.count)
            #expect(loaded.scores(testKernel: SVMClassifierTests.kernel(Self.test, train)) == action.scores)
        }
    }

    @Test func refusesDamagedOrForeignText() throws {
        let trained = try SVMClassifier(trainingKernel: SVMClassifierTests.kernel(Self.train, Self.train), labels: Self.labels)
        let text = String(decoding: try trained.savedModel(), as: UTF8.self)
        #expect(throws: ClassifierError.savedModel("libsvm cannot parse it")) {
            try SVMClassifier(savedModel: Data("svm_type c_svc\nnonsense 3\n".utf8), trainingCount: 10)
        }
        #expect(throws: ClassifierError.savedModel("not a precomputed-kernel C-SVC")) {
            try SVMClassifier(savedModel: Data(text.replacingOccurrences(of: "kernel_type precomputed", with: "kernel_type linear").utf8),
                              trainingCount: 10)
        }
        #expect(throws: ClassifierError.savedModel("a support vector lies outside the 3 training examples")) {
            try SVMClassifier(savedModel: Data(text.utf8), trainingCount: 3)
        }
    }
}
