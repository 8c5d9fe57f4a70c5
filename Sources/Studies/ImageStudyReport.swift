import Foundation
import Linalg
import Plots
import Runs
import Support

/// The outcome of an image study: one accuracy per (model, feature count, patch size, inference),
/// with the settings and where the time went. Written as `report.json`, `report.md`, the study's
/// SVG plot and `report.html`.
public struct ImageStudyReport: Codable, Sendable {
    /// Wall-clock seconds of the stages of one result.
    public struct Seconds: Codable, Sendable, Equatable {
        /// Training the feature learner (0 for the pixel baseline; shared by a model's inferences).
        public var train: Double
        /// Encoding training and test images.
        public var encode: Double
        /// Cross-validating the classifier's cost.
        public var crossValidation: Double
        /// Fitting the final classifier.
        public var fit: Double
        /// Classifying the test images.
        public var test: Double

        enum CodingKeys: String, CodingKey { case train, encode, crossValidation = "cross_validation", fit, test }
    }

    /// One measured accuracy.
    public struct Result: Codable, Sendable, Equatable {
        /// The model's name (`trec`, `cae`, ...), or `pixels` for the raw-pixel baseline.
        public var model: String
        /// Features per image (for `pixels`, the number of pixel values).
        public var features: Int
        /// The centre-crop size of the input images.
        public var patch: Int
        /// The inference scheme's name, or `none` for the pixel baseline.
        public var inference: String
        /// Test accuracy in [0, 1].
        public var accuracy: Double
        /// The classifier cost C chosen by cross-validation.
        public var cost: Double
        /// The learner's cost in its last training epoch.
        public var trainingCost: Double?
        /// The fraction of hidden units above the threshold in the last epoch (ZAE only).
        public var activeFraction: Double?
        /// Where the time went.
        public var seconds: Seconds

        enum CodingKeys: String, CodingKey {
            case model, features, patch, inference, accuracy, cost, trainingCost = "training_cost"
            case activeFraction = "active_fraction", seconds
        }
    }

    /// The data behind the results at one patch size.
    public struct Input: Codable, Sendable, Equatable {
        /// The centre-crop size.
        public var patch: Int
        /// Pixel values per image.
        public var pixels: Int
        /// PCA components kept.
        public var components: Int
        /// Training images (PCA and classifier).
        public var trainingImages: Int
        /// Training images the learners saw.
        public var learnerImages: Int
        /// Test images.
        public var testImages: Int
        /// Seconds to crop, contrast-normalise, fit the PCA and project.
        public var preprocessingSeconds: Double

        enum CodingKeys: String, CodingKey {
            case patch, pixels, components, trainingImages = "training_images", learnerImages = "learner_images"
            case testImages = "test_images", preprocessingSeconds = "preprocessing_seconds"
        }
    }

    /// The settings of the run, as they were.
    public var settings: ImageStudy.Settings
    /// Every accuracy, in the order measured.
    public var results: [Result]
    /// The inputs, one per patch size.
    public var inputs: [Input]
    /// Seconds spent reading the dataset (0 when it was handed over in memory).
    public var loadSeconds: Double
    /// Wall-clock seconds of the whole study.
    public var seconds: Double

    enum CodingKeys: String, CodingKey { case settings, results, inputs, loadSeconds = "load_seconds", seconds }

    /// A fixed-width results table, one row per result.
    public var table: String {
        let header = ["model", "features", "patch", "inference", "C", "accuracy", "seconds"]
        let rows = results.map { r in
            [r.model, "\(r.features)", "\(r.patch)", r.inference, "\(r.cost)", String(format: "%.2f%%", 100 * r.accuracy),
             String(format: "%.1f", r.seconds.train + r.seconds.encode + r.seconds.crossValidation + r.seconds.fit + r.seconds.test)]
        }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max()! }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 || c == 3 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line))
            .joined(separator: "\n") + "\n"
    }

    /// The study's plot file name and SVG text.
    public var plot: (name: String, svg: String) { (chart.name, chart.drawing.svg) }

    /// The study's plot file name and chart.
    var chart: (name: String, drawing: any SVGDrawing) {
        let dataset = settings.dataset.rawValue, whitening = settings.whitening ? "PCA whitening" : "PCA, no whitening"
        switch settings.study {
        case .features:
            return ("accuracy-vs-features.svg",
                    lines(title: "\(dataset): accuracy vs features (\(whitening))", xLabel: "features", x: \.features))
        case .patchSize:
            return ("accuracy-vs-patch.svg",
                    lines(title: "\(dataset): accuracy vs patch size, \(settings.fixedFeatures) features (\(whitening))",
                          xLabel: "patch size (pixels)", x: \.patch))
        case .inference:
            let pixels = results.first { $0.model == "pixels" }
            let bars = results.filter { $0.model != "pixels" }
            let chart = SVGBarChart(title: "\(dataset): inference schemes, \(settings.fixedFeatures) features",
                                    labels: bars.map { "\($0.model) \($0.inference)" }, values: bars.map(\.accuracy),
                                    reference: pixels.map { (String(format: "pixels %.3f", $0.accuracy), $0.accuracy) })
            return ("inference.svg", chart)
        }
    }

    /// One line per model over `x`; the pixel baseline dashed (flat across the plot when it has one point).
    private func lines(title: String, xLabel: String, x: KeyPath<Result, Int>) -> SVGLinePlot {
        var names: [String] = []
        for r in results where !names.contains(r.model) { names.append(r.model) }
        let xs = results.filter { $0.model != "pixels" }.map { Double($0[keyPath: x]) }
        let series = names.map { name in
            var points = results.filter { $0.model == name }.map { (x: Double($0[keyPath: x]), y: $0.accuracy) }
            if name == "pixels", points.count == 1, let low = xs.min(), let high = xs.max() {
                points = [(low, points[0].y), (high, points[0].y)]
            }
            return SVGLinePlot.Series(name: name, points: points, dashed: name == "pixels")
        }
        return SVGLinePlot(title: title, xLabel: xLabel, yLabel: "test accuracy", series: series)
    }

    /// Writes `report.json`, `report.md` (the table), the study's plot and `report.html` into `folder`, each atomically.
    public func write(to folder: URL) throws {
        let encoder = JSONEncoder.readable()
        try AtomicFile.write(try encoder.encode(self), to: folder.appendingPathComponent("report.json"))
        try AtomicFile.write("# Image study: \(settings.dataset.rawValue), \(settings.study.rawValue)\n\n```\n\(table)```\n",
                             to: folder.appendingPathComponent("report.md"))
        let plot = plot
        try AtomicFile.write(plot.svg, to: folder.appendingPathComponent(plot.name))
        try page.write(to: folder.appendingPathComponent("report.html"))
    }
}
