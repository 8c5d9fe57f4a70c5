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
    /// Each stage's time and peak resident memory (a cached stage's are those of reading it back).
    public var stages: [StageRecord]

    enum CodingKeys: String, CodingKey {
        case meanAP = "mean_ap", meanAP11pt = "mean_ap_11pt", perClass = "per_class", model, settings
        case skippedClips = "skipped_clips", trainClips = "train_clips", testClips = "test_clips", seconds, stages
    }

    /// Published Hollywood2 mean AP (percent) for each model kind at 600 features (Konda et al., Figure 5).
    public static let paperMeanAP: [String: Double] = [
        "trec": 50.4, "tlin": 49.8, "grbm": 46.6, "cae": 45.2, "covae": 43.3, "kmeans": 41.0,
    ]

    /// The table a person reads: AP per action, the means, and the paper's number for this model kind.
    public var markdown: String {
        var lines = ["# Recognition report", "",
                     "Model: \(model["kind"] ?? "?") (\(model["features"] ?? "?") features), bundle `\(model["bundle"] ?? "?")`; "
                     + "\(trainClips) training clips, \(testClips) test clips.", "",
                     "| action | positives | AP | AP (11-point) |", "|---|---:|---:|---:|"]
        for action in perClass.keys.sorted() {
            let r = perClass[action]!
            lines.append("| \(action) | \(r.positives) | \(Self.percent(r.ap)) | \(Self.percent(r.ap11pt)) |")
        }
        lines.append("| **mean** | | **\(Self.percent(meanAP))** | **\(Self.percent(meanAP11pt))** |")
        lines.append("")
        if let kind = model["kind"], let paper = Self.paperMeanAP[kind] {
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

    /// Writes `report.json`, `report.md` and `ap.svg` into `folder`, each atomically.
    public func write(to folder: URL) throws {
        let encoder = JSONEncoder.readable()
        try AtomicFile.write(try encoder.encode(self), to: folder.appendingPathComponent("report.json"))
        try AtomicFile.write(markdown, to: folder.appendingPathComponent("report.md"))
        try AtomicFile.write(chart.svg, to: folder.appendingPathComponent("ap.svg"))
    }
}
