import Foundation
import Linalg
import Plots
import Recognition
import Runs
import Support

/// The result of one recognition evaluation: average precision per action and their means, with
/// what produced them. Written as `report.json`, `report.md` and `ap.svg`.
///
/// An action without a positive test clip has no AP (it is undefined, not zero): its `ap` is null,
/// it is left out of both means, and `actions_without_ap`, the table and the chart say so. The means
/// are summed in action-name order, so identical per-class APs always give bit-identical means.
public struct EvaluationReport: Codable, Sendable {
    /// AP of one action.
    public struct ClassResult: Codable, Sendable, Equatable {
        /// Non-interpolated average precision (nil when the action has no positive test clip).
        public var ap: Double?
        /// VOC 2007 11-point interpolated average precision, the paper's form (nil likewise).
        public var ap11pt: Double?
        /// Positive test clips.
        public var positives: Int

        enum CodingKeys: String, CodingKey { case ap, ap11pt = "ap_11pt", positives }

        /// Writes every key; an undefined AP as null, so a reader sees it is missing rather than forgotten.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ap, forKey: .ap)
            try container.encode(ap11pt, forKey: .ap11pt)
            try container.encode(positives, forKey: .positives)
        }
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
    /// Actions without a positive test clip, sorted: their AP is undefined and left out of the means.
    public var actionsWithoutAP: [String]
    /// Per action.
    public var perClass: [String: ClassResult]
    /// What model was evaluated.
    public var model: ModelSummary
    /// The settings used, as they were.
    public var settings: VideoPipelineSettings
    /// Clips that could not be used.
    public var skippedClips: [SkippedClip]
    /// Training clips used.
    public var trainClips: Int
    /// Test clips evaluated.
    public var testClips: Int
    /// Wall-clock seconds of the whole evaluation (the stages' sum).
    public var seconds: Double
    /// Every stage's time and peak memory (one record per descriptor shard; nil in reports of older versions).
    public var stages: [StageRecord]?
    /// Which split of the dataset was evaluated (e.g. "1").
    public var split: String?
    /// The dataset's layout, e.g. "Hollywood2" or "UCF101" (nil in reports of older versions).
    public var dataset: String?
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
    /// Settings the descriptor stages could not use as given (see `EvaluationPlan.adjustedSettings`);
    /// those of the encoding are in `encoding`.
    public var adjustedSettings: [SettingAdjustment]?
    /// How clips were encoded and classified.
    public var encoding: EncodingSummary?
    /// True when the run's descriptor cache is dropped (`evaluate --drop-descriptors`).
    public var descriptorsDropped: Bool?

    enum CodingKeys: String, CodingKey {
        case meanAP = "mean_ap", meanAP11pt = "mean_ap_11pt", actionsWithoutAP = "actions_without_ap", perClass = "per_class"
        case model, settings, skippedClips = "skipped_clips", trainClips = "train_clips", testClips = "test_clips", seconds, stages
        case split, dataset, notes, accuracy, meanClassAccuracy = "mean_class_accuracy", classes, confusion, encoding
        case adjustedSettings = "adjusted_settings", descriptorsDropped = "descriptors_dropped"
    }

    /// A report of average precision, with its means each summed over the classes in name order;
    /// the single-label results are added by `addSingleLabelResults`.
    public init(perClass: [String: ClassResult], model: ModelSummary, settings: VideoPipelineSettings,
                skippedClips: [SkippedClip], trainClips: Int, testClips: Int, seconds: Double,
                stages: [StageRecord]? = nil, split: String? = nil, dataset: String? = nil, notes: [String]? = nil, encoding: EncodingSummary? = nil,
                adjustedSettings: [SettingAdjustment]? = nil) {
        let results = perClass.keys.sorted().map { perClass[$0]! }
        meanAP = AveragePrecision.mean(results.map(\.ap))
        meanAP11pt = AveragePrecision.mean(results.map(\.ap11pt))
        actionsWithoutAP = perClass.keys.sorted().filter { perClass[$0]!.ap == nil }
        self.stages = stages
        self.perClass = perClass
        self.model = model
        self.settings = settings
        self.skippedClips = skippedClips
        self.trainClips = trainClips
        self.testClips = testClips
        self.seconds = seconds
        self.stages = stages
        self.split = split
        self.dataset = dataset
        self.notes = notes
        self.encoding = encoding
        self.adjustedSettings = adjustedSettings
    }

    /// The table a person reads: AP per class and the means, for a single-label dataset also the
    /// accuracies, and the paper's number for this model kind on Hollywood2.
    public var markdown: String {
        let singleLabel = confusion != nil
        var lines = ["# Recognition report", "",
                     (model.descriptors.map { "Descriptors: the files in `\($0)` (\(model.features) values per row); " }
                         ?? "Model: \(model.name) (\(model.features) features), bundle `\(model.bundle)`; ")
                     + "\(trainClips) training clips, \(testClips) test clips\(split.map { " (split: \($0))" } ?? "").", ""]
        if let encoding { lines += [encoding.sentence, ""] }
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
        if !actionsWithoutAP.isEmpty {
            lines.append("\(actionsWithoutAP.joined(separator: ", ")) \(actionsWithoutAP.count == 1 ? "has" : "have") no positive test clip: "
                         + "AP undefined (n/a), left out of the means (over \(perClass.count - actionsWithoutAP.count) of \(perClass.count) actions).")
            lines.append("")
        }
        lines += (notes ?? []).map { "Note: \($0)." }
        lines += ((adjustedSettings ?? []) + (encoding?.adjustedSettings ?? [])).map { "Note: \($0.sentence)." }
        if descriptorsDropped == true {
            lines.append("Note: the descriptor cache was dropped after finish (--drop-descriptors); a rerun with another vocabulary, encoding or pyramid describes the clips again.")
        }
        if !singleLabel, let paper = model.paperMeanAP {
            lines.append("For reference, the paper reports \(String(format: "%.1f", paper)) mean AP (11-point) for \(model.name) with 600 features on Hollywood2 itself.")
        }
        if !skippedClips.isEmpty {
            lines.append("")
            lines.append("Skipped clips (\(skippedClips.count)):")
            for skipped in skippedClips { lines.append("- \(skipped.clip): \(skipped.reason)") }
        }
        lines.append("")
        lines.append("Took \(String(format: "%.1f", seconds)) s.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// AP as a percentage with one decimal.
    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f", 100 * $0) } ?? "n/a" }

    /// The bar chart of 11-point AP per action, with the mean as the reference line.
    public var chart: SVGBarChart {
        let actions = perClass.keys.sorted()
        let meanLabel = actionsWithoutAP.isEmpty ? "mean" : "mean of \(actions.count - actionsWithoutAP.count) of \(actions.count)"
        return SVGBarChart(title: "Average precision per action (\(model.name))",
                           labels: actions.map { perClass[$0]!.ap11pt == nil ? "\($0) (no positive test clip)" : $0 },
                           values: actions.map { perClass[$0]!.ap11pt },
                           reference: meanAP11pt.map { ("\(meanLabel) \(Self.percent($0))", $0) })
    }

    /// Writes `report.md`, `ap.svg`, for a single-label dataset `confusion.svg`, and last
    /// `report.json` into `folder`, as one set (`ReportSet`).
    public func write(to folder: URL) throws {
        var files = [("report.md", markdown), ("ap.svg", chart.svg)]
        if let confusionChart { files.append(("confusion.svg", confusionChart.svg)) }
        try ReportSet.write(files, json: try StageRecord.encoder.encode(self), to: folder,
                            stale: confusionChart == nil ? ["confusion.svg"] : [])
    }
}
