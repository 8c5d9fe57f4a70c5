import Linalg
import Testing
@testable import Classifiers

/// Noisy three-class data whose features differ in scale and offset by orders of magnitude, plus a
/// constant feature.
private func data(rows: Int, seed: UInt64) -> (Matrix, [Int]) {
    var rng = SeededRandom(seed: seed)
    let scales: [Float] = [0.01, 1, 300, 5, 1], offsets: [Float] = [2, -40, 1000, 0, 7]
    var values: [[Float]] = [], labels: [Int] = []
    for i in 0..<rows {
        let label = i % 3
        let row = (0..<4).map { c in (Float(label == c % 3 ? 1 : 0) + 0.8 * rng.normal()) * scales[c] + offsets[c] } + [offsets[4]]
        values.append(row)
        labels.append(label)
    }
    return (Matrix(rowArrays: values), labels)
}

@Suite struct LinearProbeTests {
    @Test("standardising centres and scales each feature by the training rows' mean and deviation; a constant one is only centred")
    func standardize() {
        let (training, _) = data(rows: 60, seed: 1)
        let (test, _) = data(rows: 9, seed: 2)
        let (scaledTraining, scaledTest) = LinearProbe.scaled(training: training, test: test, by: .standardize)
        for c in 0..<training.cols {
            let column = (0..<training.rows).map { Double(training[$0, c]) }
            let mean = column.reduce(0, +) / Double(column.count)
            let deviation = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(column.count)).squareRoot()
            let scale = deviation > 0 ? 1 / deviation : 1
            for (x, y) in [(training, scaledTraining), (test, scaledTest)] {
                for r in 0..<x.rows {
                    let expected = (Double(x[r, c]) - mean) * scale
                    #expect(abs(Double(y[r, c]) - expected) <= 1e-4 * max(1, abs(expected)), "column \(c) row \(r)")
                }
            }
        }
        #expect((0..<training.rows).allSatisfy { scaledTraining[$0, 4] == 0 })
    }

    @Test("the default scaling divides every feature by the training features' root mean square")
    func rootMeanSquare() {
        let (training, _) = data(rows: 30, seed: 3)
        let (test, _) = data(rows: 5, seed: 4)
        let (scaledTraining, scaledTest) = LinearProbe.scaled(training: training, test: test, by: .rootMeanSquare)
        let rms = (training.storage.map { Double($0) * Double($0) }.reduce(0, +) / Double(training.storage.count)).squareRoot()
        for (x, y) in [(training, scaledTraining), (test, scaledTest)] {
            for i in x.storage.indices { #expect(abs(Double(y.storage[i]) - Double(x.storage[i]) / rms) <= 1e-5 * max(1, abs(Double(x.storage[i]) / rms))) }
        }
    }

    @Test("with patience 0 the probe chooses the cost cross-validation over all costs chooses, and scores the classifier fit on every training row")
    func tryAllCosts() throws {
        let (training, labels) = data(rows: 90, seed: 5)
        let (test, testLabels) = data(rows: 45, seed: 6)
        var settings = LinearProbe.Settings()
        settings.scaling = .standardize
        settings.costs = [10, 0.01, 1, 0.1]
        settings.patience = 0
        let outcome = try LinearProbe.evaluate(training: training, trainingLabels: labels, test: test, testLabels: testLabels,
                                               settings: settings, seed: 11)
        let (scaledTraining, scaledTest) = LinearProbe.scaled(training: training, test: test, by: .standardize)
        let selection = try CostSelection.crossValidate(features: scaledTraining, labels: labels, costs: [0.01, 0.1, 1, 10], folds: 3, seed: 11)
        #expect(outcome.cost == selection.bestCost)
        let model = try LogisticRegression.fit(features: scaledTraining, labels: labels, cost: selection.bestCost)
        #expect(outcome.accuracy == model.accuracy(features: scaledTest, labels: testLabels))
        #expect(outcome.accuracy > 0.6)
    }
}
