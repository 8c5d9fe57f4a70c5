import Foundation
import Linalg
import Plots
import Support

/// The result of one recognition evaluation: average precision per action and their means, with
/// what produced them. Written as `report.json`, `report.md` and `ap.svg`.
public struct RecognitionReport: Codable, Sendable {
    /// AP of one action.
    public struct ClassResult: Codable, Sendable, Equatable {
        /// Non-interpolated average precision (nil when the action has no positive test clip).
        public var ap: Double?
        /// VOC 2007 11-point interpolated average precision, the paper's form (nil likewise).
        public var ap11pt: Double?
        /// Positive test clips.
        public var positives: Int

        enum CodingKeys: String, CodingKey { case ap, ap11pt = "ap_11pt", positives }
    }

    /// A clip left out, and why.
    public struct SkippedClip: Codable, Sendable, Equatable {
        /// The clip's name.
        public var clip: String
        /// The reason, one line.
        public var reason: String
    }

    /// Mean of the non-interpolated APs over actions that have one.
    public var meanAP: Double?
    /// Mean of the 11-point interpolated APs over actions that have one.
    public var meanAP11pt: Double?
    /// Per action.
    public var perClass: [String: ClassResult]
    /// What model was evaluated (kind, features, bundle path, ...).
    public var model: [String: String]
    /// The settings used, as they were.
    public var settings: VideoPipelineSettings
    /// Clips that could not be used.
    public var skippedClips: [SkippedClip]
    /// Training clips used.
    public var trainClips: Int
    /// Test clips evaluated.
    public var testClips: Int
    /// Wall-clock seconds of the whole evaluation.
    public var seconds: Double
    /// Which split of the dataset was evaluated (e.g. "1").
    public var split: String?
    /// What a reader should know about the dataset (how its split is used, names matched ignoring capitalisation).
    public var notes: [String]?
    /// Single-label datasets: top-1 accuracy (the class whose SVM gives the largest decision value).
    public var accuracy: Double?
    /// Single-label datasets: the mean over classes of the fraction of their test clips classified correctly.
    public var meanClassAccuracy: Double?
    /// Single-label datasets: the class order of `confusion`.
    public var classes: [String]?
    /// Single-label datasets: `confusion[true class][predicted class]`, test clip counts.
    public var confusion: [[Int]]?
    /// Each stage's time and peak resident memory (a cached stage's are those of reading it back).
    public var stages: [StageRecord]

    enum CodingKeys: String, CodingKey {
        case meanAP = "mean_ap", meanAP11pt = "mean_ap_11pt", perClass = "per_class", model, settings
        case skippedClips = "skipped_clips", trainClips = "train_clips", testClips = "test_clips", seconds
        case split, notes, accuracy, meanClassAccuracy = "mean_class_accuracy", classes, confusion, stages
    }

    /// A report of average precision; the single-label results are added by `addSingleLabelResults`.
    public init(meanAP: Double?, meanAP11pt: Double?, perClass: [String: ClassResult], model: [String: String],
                settings: VideoPipelineSettings, skippedClips: [SkippedClip], trainClips: Int, testClips: Int, seconds: Double,
                split: String? = nil, notes: [String]? = nil, stages: [StageRecord] = []) {
        self.meanAP = meanAP
        self.meanAP11pt = meanAP11pt
        self.perClass = perClass
        self.model = model
        self.settings = settings
        self.skippedClips = skippedClips
        self.trainClips = trainClips
        self.testClips = testClips
        self.seconds = seconds
        self.split = split
        self.notes = notes
        self.stages = stages
    }

    /// Published Hollywood2 mean AP (percent) for each model kind at 600 features (Konda et al., Figure 5).
    public static let paperMeanAP: [String: Double] = [
        "trec": 50.4, "tlin": 49.8, "grbm": 46.6, "cae": 45.2, "covae": 43.3, "kmeans": 41.0,
    ]

    /// The table a person reads: AP per class and the means, for a single-label dataset also the
    /// accuracies, and the paper's number for this model kind on Hollywood2.
    public var markdown: String {
        let singleLabel = confusion != nil
        var lines = ["# Recognition report", "",
                     "Model: \(model["kind"] ?? "?") (\(model["features"] ?? "?") features), bundle `\(model["bundle"] ?? "?")`; "
                     + "\(trainClips) training clips, \(testClips) test clips\(split.map { " (split: \($0))" } ?? "").", ""]
        if singleLabel {
            lines += ["Accuracy (top-1) **\(Self.percent(accuracy))**, mean class accuracy **\(Self.percent(meanClassAccuracy))**, "
                      + "mean AP **\(Self.percent(meanAP))** (confusion matrix: confusion.svg).", "",
                      "| class | test clips | AP | AP (11-point) | accuracy |", "|---|---:|---:|---:|---:|"]
        } else {
            lines += ["| action | positives | AP | AP (11-point) |", "|---|---:|---:|---:|"]
        }
        for name in perClass.keys.sorted() {
            let r = perClass[name]!
            lines.append("| \(name) | \(r.positives) | \(Self.percent(r.ap)) | \(Self.percent(r.ap11pt)) |"
                         + (singleLabel ? " \(Self.percent(classAccuracy(name))) |" : ""))
        }
        lines.append("| **mean** | | **\(Self.percent(meanAP))** | **\(Self.percent(meanAP11pt))** |"
                     + (singleLabel ? " **\(Self.percent(meanClassAccuracy))** |" : ""))
        lines.append("")
        lines += (notes ?? []).map { "Note: \($0)." }
        if !singleLabel, let kind = model["kind"], let paper = Self.paperMeanAP[kind] {
            lines.append("For reference, the paper reports \(String(format: "%.1f", paper)) mean AP (11-point) for \(kind) with 600 features on Hollywood2 itself.")
        }
        if !skippedClips.isEmpty {
            lines.append("")
            lines.append("Skipped clips (\(skippedClips.count)):")
            for skipped in skippedClips { lines.append("- \(skipped.clip): \(skipped.reason)") }
        }
        lines.append("")
        lines.append("Took \(String(format: "%.1f", seconds)) s.")
        if !stages.isEmpty {
            lines.append("")
            lines.append("| stage | seconds | peak resident memory |")
            lines.append("|---|---:|---:|")
            for stage in stages {
                lines.append("| \(stage.stage) | \(String(format: "%.1f", stage.seconds)) | \(stage.peakResidentBytes.map(MemorySize.text) ?? "n/a") |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// AP as a percentage with one decimal.
    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f", 100 * $0) } ?? "n/a" }

    /// The bar chart of 11-point AP per action, with the mean as the reference line.
    public var chart: SVGBarChart {
        let actions = perClass.keys.sorted()
        return SVGBarChart(title: "Average precision per action (\(model["kind"] ?? "model"))", labels: actions,
                           values: actions.map { perClass[$0]!.ap11pt ?? .nan },
                           reference: meanAP11pt.map { ("mean \(Self.percent($0))", $0) })
    }

    /// Writes `report.json`, `report.md`, `ap.svg` and, for a single-label dataset, `confusion.svg`
    /// into `folder`, each atomically.
    public func write(to folder: URL) throws {
        let encoder = JSONEncoder.readable()
        try AtomicFile.write(try encoder.encode(self), to: folder.appendingPathComponent("report.json"))
        try AtomicFile.write(markdown, to: folder.appendingPathComponent("report.md"))
        try AtomicFile.write(chart.svg, to: folder.appendingPathComponent("ap.svg"))
        if let confusionChart {
            try AtomicFile.write(confusionChart.svg, to: folder.appendingPathComponent("confusion.svg"))
        }
    }
}
