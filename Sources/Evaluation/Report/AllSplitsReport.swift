import Foundation
import Plots
import Runs
import Support

/// The result of evaluating every split of a dataset (`evaluate --split all`): each split's report
/// and the mean and standard deviation over splits of the accuracy (the number papers quote for
/// UCF101 and HMDB51) and of the mean AP. Written as `report.json`, `report.md` and `report.html`
/// (linking each split's own page).
public struct AllSplitsReport: Codable, Sendable {
    /// The layout, e.g. "ucf101".
    public var dataset: String
    /// Each split's report, by split number.
    public var splits: [String: EvaluationReport]
    /// Mean over splits of the top-1 accuracy (nil for a multi-label dataset).
    public var accuracyMean: Double?
    /// Sample standard deviation (n - 1) over splits of the accuracy (nil with fewer than two splits).
    public var accuracyStd: Double?
    /// Mean over splits of the mean AP.
    public var meanAPMean: Double?
    /// Sample standard deviation over splits of the mean AP (nil with fewer than two splits).
    public var meanAPStd: Double?
    /// Wall-clock seconds of all splits.
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case dataset, splits, accuracyMean = "accuracy_mean", accuracyStd = "accuracy_std"
        case meanAPMean = "mean_ap_mean", meanAPStd = "mean_ap_std", seconds
    }

    /// The summary of `splits` (by split number).
    public init(dataset: String, splits: [String: EvaluationReport], seconds: Double) {
        self.dataset = dataset
        self.splits = splits
        self.seconds = seconds
        let order = splits.keys.sorted()
        (accuracyMean, accuracyStd) = Self.meanAndDeviation(order.compactMap { splits[$0]!.accuracy })
        (meanAPMean, meanAPStd) = Self.meanAndDeviation(order.compactMap { splits[$0]!.meanAP })
    }

    /// The mean (nil without values) and the sample standard deviation (nil with fewer than two).
    static func meanAndDeviation(_ values: [Double]) -> (Double?, Double?) {
        guard !values.isEmpty else { return (nil, nil) }
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { return (mean, nil) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return (mean, variance.squareRoot())
    }

    /// One row per split and the mean ± standard deviation.
    public var markdown: String {
        let p = EvaluationReport.percent
        var lines = ["# Recognition report: \(dataset), \(splits.count) splits", "",
                     "| split | accuracy | mean class accuracy | mean AP | test clips |", "|---|---:|---:|---:|---:|"]
        for name in splits.keys.sorted() {
            let r = splits[name]!
            lines.append("| [\(name)](split\(name)/report.md) | \(p(r.accuracy)) | \(p(r.meanClassAccuracy)) | \(p(r.meanAP)) | \(r.testClips) |")
        }
        lines.append("| **mean ± std** | **\(p(accuracyMean)) ± \(p(accuracyStd))** | | **\(p(meanAPMean)) ± \(p(meanAPStd))** | |")
        lines += ["", "Standard deviations are over splits (sample, n - 1). Each split's report, ap.svg and confusion.svg are in split<N>/.",
                  "", "Took \(String(format: "%.1f", seconds)) s."]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The page: a row and a bar per split, each linking the split's page, and the mean ± std.
    public var page: HTMLPage {
        let p = EvaluationReport.percent
        let order = splits.keys.sorted()
        let singleLabel = order.contains { splits[$0]!.accuracy != nil }
        let rows = order.map { name -> [HTML] in
            let r = splits[name]!
            return [.link("split \(name)", toFile: "split\(name)/\(ReportPage.fileName)"), .text(p(r.accuracy)), .text(p(r.meanClassAccuracy)),
                    .text(p(r.meanAP)), .text("\(r.testClips)")]
        } + [[.text("mean ± std"), .text("\(p(accuracyMean)) ± \(p(accuracyStd))"), .text(""), .text("\(p(meanAPMean)) ± \(p(meanAPStd))"), .text("")]]
        let measure = singleLabel ? "accuracy" : "mean AP"
        let mean = singleLabel ? accuracyMean : meanAPMean
        let chart = SVGBarChart(title: "\(measure.prefix(1).uppercased() + measure.dropFirst()) per split", labels: order.map { "split \($0)" },
                                values: order.map { singleLabel ? splits[$0]!.accuracy : splits[$0]!.meanAP },
                                references: mean.map { [("mean \(p($0))", $0)] } ?? [])
        return HTMLPage(title: "Recognition: \(dataset), \(splits.count) splits",
                        subtitle: "Each split has its own super-block PCA, vocabulary and classifiers; its page is linked below.",
                        body: [.drawing(chart),
                               .table(header: ["split", "accuracy", "mean class accuracy", "mean AP", "test clips"], rows: rows, numeric: [1, 2, 3, 4]),
                               .paragraph("Standard deviations are over splits (sample, n - 1). " + String(format: "%.1f s in all.", seconds), class: "note")])
    }

    /// Writes `report.md`, `report.html` and last `report.json` into `folder`, as one set (`ReportSet`).
    public func write(to folder: URL) throws {
        try ReportSet.removeMarker(in: folder)
        try page.write(to: folder.appendingPathComponent(ReportPage.fileName))
        try ReportSet.write([("report.md", markdown)], json: try StageRecord.encoder.encode(self), to: folder)
    }
}
