import Plots
import Recognition
import Runs

extension EvaluationReport {
    /// Adds what a single-label dataset reports besides AP: top-1 accuracy (each test clip gets the
    /// class whose SVM gives the largest decision value), mean class accuracy, the class order and the
    /// confusion counts, from `scores[class][test clip]` and each test clip's true class.
    public mutating func addSingleLabelResults(scores: [[Double]], trueClasses: [Int], classes: [String]) {
        let matrix = ConfusionMatrix(trueClasses: trueClasses, predicted: TopOneClassification.predictions(scores: scores),
                                     classCount: classes.count)
        accuracy = matrix.accuracy
        meanClassAccuracy = matrix.meanClassAccuracy
        self.classes = classes
        confusion = matrix.counts
    }

    /// The fraction of class `name`'s test clips classified correctly (nil without single-label results).
    func classAccuracy(_ name: String) -> Double? {
        guard let classes, let confusion, let c = classes.firstIndex(of: name) else { return nil }
        return ConfusionMatrix(counts: confusion).accuracy(ofClass: c)
    }

    /// The confusion-matrix picture of a single-label report.
    public var confusionChart: SVGConfusionMatrix? {
        guard let classes, let confusion else { return nil }
        return SVGConfusionMatrix(title: "Confusion matrix (\(model.name), accuracy \(Self.percent(accuracy)))",
                                  classes: classes, counts: confusion)
    }
}
